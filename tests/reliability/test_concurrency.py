"""20 clients command one complaint at once: every answer is a success or a documented refusal,
and the history holds exactly the successful commands."""

from __future__ import annotations

from collections import Counter

import httpx

from tests.e2e.server import Server
from tests.reliability.conftest import Store, scale, summarise
from tests.reliability.load import Tally, ago, complaint_body, run_clients


def test_twenty_clients_on_one_complaint_get_success_or_409_or_412_and_no_5xx(store: Store) -> None:
    server = Server(store.env)
    try:
        mediator = store.headers("mediator")
        created = httpx.post(
            f"{server.url}/v1/complaints", json=complaint_body(1), headers=store.headers("intake")
        )
        case = created.json()
        path = f"/v1/complaints/{case['id']}"
        tally = Tally()
        rounds = scale(5, 25)
        moment = ago(1)  # one effective time, so no resume precedes its suspension

        def work(n: int, http: httpx.Client) -> None:
            for i in range(rounds):
                if n % 4 == 0:  # a stale If-Match: the documented 412
                    answer = http.post(
                        f"{path}/assign",
                        json={"mediator": f"m{n % 2}@example.nl"},
                        headers={**mediator, "If-Match": '"1"'},
                    )
                    tally.add(answer.status_code, ("assign", answer.status_code))
                elif n % 4 == 1:  # suspend/resume race: some are 409 by the rules
                    command = "suspend" if i % 2 == 0 else "resume"
                    answer = http.post(
                        f"{path}/{command}", json={"at": moment, "reason": "r"}, headers=mediator
                    )
                    tally.add(answer.status_code, (command, answer.status_code))
                else:  # always allowed: retried internally on a version collision
                    answer = http.post(
                        f"{path}/assign",
                        json={"mediator": f"m{i % 2}@example.nl"},
                        headers=mediator,
                    )
                    tally.add(answer.status_code, ("assign", answer.status_code))

        run_clients(20, work, server.url)
        history = httpx.get(f"{server.url}{path}/history", headers=mediator).json()
    finally:
        server.stop()
    assert not [c for c in tally.codes if c >= 500], tally.codes
    assert set(tally.codes) <= {200, 409, 412}, tally.codes
    succeeded = Counter(kind for kind, code in tally.kept if code == 200)
    recorded = Counter(h["type"] for h in history)
    assert recorded["MediatorAssigned"] == succeeded["assign"]
    assert recorded["Suspended"] + recorded["Resumed"] == succeeded["suspend"] + succeeded["resume"]
    summarise(
        "concurrency",
        tally.codes,
        lost_writes=0,
        duplicate_flags=0,
        store=store.env["GEHOORD_DATABASE_URL"].split(":")[0],
    )
