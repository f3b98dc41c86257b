"""kill -9 in the middle of a write burst: every acknowledged command survives, nothing twice."""

from __future__ import annotations

import threading
import time
from collections import Counter

import httpx
from sqlalchemy import create_engine, select

from adapters.persistence.schema import case_list
from tests.e2e.server import Server, cli
from tests.reliability.conftest import Store, scale, summarise
from tests.reliability.load import Tally, complaint_body, run_clients


def test_a_crash_mid_burst_loses_no_acknowledged_write_and_replays_keys(store: Store) -> None:
    server = Server(store.env)
    intake, mediator = store.headers("intake"), store.headers("mediator")
    tally, stop = Tally(), threading.Event()

    def burst(n: int, http: httpx.Client) -> None:
        i = 0
        while not stop.is_set() and i < scale(200, 2000):
            key, body = f"crash-{n}-{i}", complaint_body(n * 10_000 + i, 20)
            try:
                answer = http.post(
                    "/v1/complaints", json=body, headers={**intake, "Idempotency-Key": key}
                )
            except httpx.HTTPError:
                tally.add(0)  # the connection died with the server: not acknowledged
                return
            tally.add(
                answer.status_code,
                (key, body, answer.json()["id"]) if answer.status_code == 201 else None,
            )
            i += 1

    killer = threading.Timer(1.5, lambda: (server.kill(), stop.set()))
    killer.start()
    run_clients(scale(6, 12), burst, server.url)
    killer.join()

    server = Server(store.env, port=server.port)
    try:
        with httpx.Client(base_url=server.url, headers=mediator, timeout=30) as http:
            missing = [
                k
                for k, _, case_id in tally.kept
                if http.get(f"/v1/complaints/{case_id}").status_code != 200
            ]
            key, body, case_id = tally.kept[len(tally.kept) // 2]
            replay = http.post(
                "/v1/complaints", json=body, headers={**intake, "Idempotency-Key": key}
            )
            http.post("/v1/admin/sweeps", json={}, headers=store.headers("admin"))
            events = []
            after = 0
            while True:
                page = http.get(
                    "/v1/audit/events",
                    params={"after": after, "limit": 500},
                    headers=store.headers("auditor"),
                ).json()
                events += page["items"]
                if page["next_after"] is None:
                    break
                after = page["next_after"]
            time.sleep(0.5)
    finally:
        server.stop()
    assert tally.kept and missing == []
    assert replay.status_code == 201 and replay.json()["id"] == case_id
    raised = Counter(
        (e["case_id"], e["data"]["key"], e["data"]["severity"])
        for e in events
        if e["type"] == "FlagRaised"
    )
    assert raised and max(raised.values()) == 1
    live = read_model(store.env["GEHOORD_DATABASE_URL"])
    rebuilt = cli(store.env, "projections", "rebuild", "cases")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert read_model(store.env["GEHOORD_DATABASE_URL"]) == live
    summarise(
        "crash",
        tally.codes,
        acknowledged=len(tally.kept),
        lost_writes=len(missing),
        duplicate_flags=sum(n - 1 for n in raised.values()),
        store=store.env["GEHOORD_DATABASE_URL"].split(":")[0],
    )


def read_model(url: str) -> list[tuple[object, ...]]:
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(select(case_list).order_by(case_list.c.id)).all()
    engine.dispose()
    return [tuple(r) for r in rows]
