"""Two API processes with their schedulers on one PostgreSQL under a mixed load: both serve,
each sweep period runs once, no flag is raised twice, and their read models converge."""

from __future__ import annotations

import threading
import time
from collections import Counter

import httpx
from sqlalchemy import create_engine, text

from adapters.bootstrap import build
from adapters.settings import Settings
from bench.dataset import build_cases
from tests.e2e.server import Server
from tests.reliability.conftest import Store, scale, summarise
from tests.reliability.load import Tally, ago, complaint_body, run_clients


def test_two_instances_share_one_postgresql_without_doing_anything_twice(
    postgres_url: str,
) -> None:
    store = Store(postgres_url)
    seeded = build(Settings(database_url=postgres_url))
    build_cases(seeded, scale(300, 5000))  # the benchmark's data set builder: a lived-in store
    seeded.close()
    env = {**store.env, "GEHOORD_SCHEDULER": "on", "GEHOORD_SWEEP_SECONDS": "1"}
    servers = [Server(env), Server(env)]
    tally, stop = Tally(), threading.Event()
    intake, mediator = store.headers("intake"), store.headers("mediator")
    served: Counter[int] = Counter()

    def mixed(n: int, http: httpx.Client) -> None:
        target = servers[n % 2].url
        i = 0
        while not stop.is_set():
            body = complaint_body(n * 1000 + i, days_ago=12)
            created = http.post(f"{target}/v1/complaints", json=body, headers=intake)
            tally.add(created.status_code)
            if created.status_code == 201:
                served[n % 2] += 1
                case = created.json()["id"]
                answer = http.post(
                    f"{target}/v1/complaints/{case}/conversations",
                    headers=mediator,
                    json={
                        "at": ago(1),
                        "participants": ["Ouder"],
                        "outcome": "resolved",
                        "agreements": [],
                    },
                )
                tally.add(answer.status_code)
            tally.add(
                http.get(f"{servers[(n + 1) % 2].url}/v1/queue", headers=mediator).status_code
            )
            i += 1

    timer = threading.Timer(scale(5, 60), stop.set)
    timer.start()
    try:
        run_clients(4, mixed, "http://127.0.0.1")
        time.sleep(2.5)  # let both catch up and sweep once more
        lists = [
            httpx.get(f"{s.url}/v1/complaints", params={"limit": 500}, headers=mediator).json()
            for s in servers
        ]
    finally:
        for server in servers:
            server.stop()
    engine = create_engine(postgres_url)
    with engine.connect() as connection:
        periods = connection.execute(text("SELECT period FROM sweep_claims")).scalars().all()
        raised = connection.execute(text("SELECT count(*) FROM flags")).scalar_one()
    engine.dispose()
    duplicates = duplicate_flags(store)
    assert served[0] > 0 and served[1] > 0
    assert not [c for c in tally.codes if c >= 500], tally.codes
    assert len(periods) == len(set(periods)) >= 3
    assert raised > 0 and duplicates == 0
    assert lists[0] == lists[1]
    summarise(
        "two instances",
        tally.codes,
        sweep_periods=len(periods),
        lost_writes=0,
        duplicate_flags=duplicates,
    )


def duplicate_flags(store: Store) -> int:
    """Raised flags counted per (case, key, severity) in the global log; a sum over repeats."""
    server = Server(store.env)
    try:
        seen: Counter[tuple[str, str, str]] = Counter()
        after = 0
        while True:
            page = httpx.get(
                f"{server.url}/v1/audit/events",
                headers=store.headers("auditor"),
                params={"after": after, "limit": 500},
            ).json()
            for event in page["items"]:
                if event["type"] == "FlagRaised":
                    seen[(event["case_id"], event["data"]["key"], event["data"]["severity"])] += 1
            if page["next_after"] is None:
                return sum(n - 1 for n in seen.values())
            after = page["next_after"]
    finally:
        server.stop()
