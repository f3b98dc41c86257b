"""`make bench` / `make bench-smoke`: every figure next to its target, on SQLite and PostgreSQL.

python -m bench.run [--smoke] [--cases N] [--stores sqlite,postgres]
Prints one table and writes bench/results.json (machine, date, versions, figures).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from importlib.metadata import version
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text

from adapters.bootstrap import Service, build, migrate
from adapters.clock import SettableClock
from adapters.settings import Settings
from application.access import SYSTEM
from application.complaint_use_cases import (
    AcknowledgeComplaint,
    AssignMediator,
    HoldConversation,
    RegisterComplaint,
    SendMinutes,
)
from application.ports import CaseFilter
from application.roles import Role
from application.staff_use_cases import AddStaffMember, SetPassword
from bench.baseline import library, store_events
from bench.dataset import build_cases
from bench.measure import percentiles, timed
from bench.register import register_csv
from domain.complaint import Complaint
from domain.records import Contact
from domain.values import Channel, Outcome

POSTGRES = os.environ.get(
    "GEHOORD_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
HERE = Path(__file__).resolve().parent
PAGE_PASSWORD = "bench-wachtwoord-voor-de-console"


def fresh_url(kind: str, folder: Path, name: str) -> tuple[str, Any]:
    """A new empty store and a function that removes it."""
    if kind == "sqlite":
        return f"sqlite:///{folder}/{name}.sqlite", lambda: None
    schema = f"bench_{name}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()

    return f"{POSTGRES}?options=-csearch_path%3D{schema}", drop


def command_throughput(service: Service, cases: int) -> tuple[int, float]:
    """register + acknowledge + conversation + minutes through the application, one command a
    transaction, as the baseline stores one event a transaction."""
    casework, head = service.casework, service.casework.recorder.max_notification_id() or 0
    now = service.clock.now()

    def one(n: int) -> None:
        run = service.commands.run
        registration = RegisterComplaint(
            now - timedelta(hours=3),
            Channel.EMAIL,
            Contact(f"Ouder {n}"),
            f"D-{n}",
            "Bench",
            "",
            "Team Noord",
        )
        case_id = run(registration, actor="intake:bench").case.id
        run(AcknowledgeComplaint(case_id, now - timedelta(hours=2)), actor="m:b")
        talk = HoldConversation(case_id, now - timedelta(hours=1), ("Ouder",), Outcome.RESOLVED)
        run(talk, actor="m:b")
        run(SendMinutes(case_id, now - timedelta(minutes=30), "Ouder"), actor="m:b")

    seconds = timed(lambda: [one(n) for n in range(cases)])
    events = (casework.recorder.max_notification_id() or 0) - head
    return events, seconds


class Served:
    """`gehoord serve` on the store, with a mediator token, for HTTP figures."""

    def __init__(self, env: dict[str, str]) -> None:
        from tests.e2e.server import Server, cli

        self.token = cli(
            env, "tokens", "create", "--role", "mediator", "--name", f"bench-{uuid.uuid4().hex[:6]}"
        ).stdout.strip()
        self.server = Server(env)
        self.headers = {"Authorization": f"Bearer {self.token}"}

    def latencies(self, path: str, count: int, **params: Any) -> dict[str, float]:
        with httpx.Client(base_url=self.server.url, headers=self.headers, timeout=60) as http:
            http.get(path, params=params)  # warm
            seconds = []
            for _ in range(count):
                seconds.append(timed(lambda: http.get(path, params=params).raise_for_status()))
        return percentiles(seconds)

    def page_latencies(
        self, email: str, password: str, pages: dict[str, str], count: int
    ) -> dict[str, dict[str, float]]:
        """Console pages as a signed-in staff member sees them, server-side rendered."""
        with httpx.Client(base_url=self.server.url, timeout=60) as browser:
            form = browser.get("/aanmelden").text
            csrf = form.split('name="csrf" value="', 1)[1].split('"', 1)[0]
            signed_in = {"email": email, "password": password, "csrf": csrf}
            assert browser.post("/aanmelden", data=signed_in).status_code == 303
            figures = {}
            for name, path in pages.items():
                browser.get(path).raise_for_status()  # warm
                seconds = [
                    timed(lambda at=path: browser.get(at).raise_for_status())  # type: ignore[misc]
                    for _ in range(count)
                ]
                figures[name] = percentiles(seconds)
        return figures

    def concurrent_commands(
        self, case_ids: list[str], mediators: list[str], clients: int, each: int
    ) -> dict[str, Any]:
        return assign_curve(self.server.url, self.headers, case_ids, mediators, clients, each)

    def stop(self) -> None:
        self.server.stop()


def assign_curve(
    url: str,
    headers: dict[str, str],
    case_ids: list[str],
    mediators: list[str],
    clients: int,
    each: int,
) -> dict[str, Any]:
    """`clients` threads each posting `each` assign commands one after another; every answer
    must be a 200 (a refused command is not a measured one)."""
    seconds: list[float] = []
    lock = threading.Lock()

    def client(k: int) -> None:
        with httpx.Client(base_url=url, headers=headers, timeout=60) as http:
            for i in range(each):
                case = case_ids[(k * each + i) % len(case_ids)]
                started = time.perf_counter()
                answer = http.post(
                    f"/v1/complaints/{case}/assign", json={"mediator": mediators[i % 2]}
                )
                took = time.perf_counter() - started
                if answer.status_code != 200:
                    raise RuntimeError(f"assign answered {answer.status_code}: {answer.text}")
                with lock:
                    seconds.append(took)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    wall = timed(lambda: ([t.start() for t in threads], [t.join() for t in threads]))
    if len(seconds) != clients * each:
        raise RuntimeError("a client stopped before its last command")
    return {**percentiles(seconds), "requests_per_s": round(len(seconds) / wall, 1)}


class CrudServer:
    """The CRUD baseline app (bench/crud.py) in its own process on a free port."""

    def __init__(self, database_url: str) -> None:
        from tests.e2e.server import free_port

        self.token = uuid.uuid4().hex
        self.url = f"http://127.0.0.1:{free_port()}"
        port = self.url.rsplit(":", 1)[1]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.crud", database_url, port, self.token],
            cwd=HERE.parent,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{self.url}/health", timeout=1).raise_for_status()
                return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("the CRUD baseline did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=15)


def probe(env: dict[str, str], which: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.rebuild_probe", which],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=True,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def register_import(kind: str, rows: int, folder: Path) -> dict[str, Any]:
    """`gehoord import` of a register into an empty store, as the CLI runs it: every row read and
    tried first, then written 250 to a transaction, judged, and the read models caught up."""
    url, drop = fresh_url(kind, folder, "register")
    clock = SettableClock(datetime.now(UTC))
    service = build(Settings(database_url=url), clock)
    try:
        migrate(service)
        data = register_csv(rows, clock.now())
        seconds = timed(lambda: service.import_register("register.csv", data, by="admin:bench"))
    finally:
        service.close()
        drop()
    return {
        "register_rows": rows,
        "register_import_s": round(seconds, 1),
        "register_rows_per_s": round(rows / seconds),
    }


def bench_store(
    kind: str, cases: int, throughput_cases: int, register_rows: int, folder: Path, smoke: bool
) -> dict[str, Any]:
    figures: dict[str, Any] = register_import(kind, register_rows, folder)
    url, drop = fresh_url(kind, folder, "gehoord")
    base_url, drop_base = fresh_url(kind, folder, "baseline")
    env = {"GEHOORD_DATABASE_URL": url, "GEHOORD_SCHEDULER": "off"}
    clock = SettableClock(datetime.now(UTC))
    service = build(Settings(database_url=url), clock)
    try:
        migrate(service)
        events, seconds = command_throughput(service, throughput_cases)
        base_events, base_seconds = store_events(library(base_url), throughput_cases)
        ours, theirs = events / seconds, base_events / base_seconds
        figures["app_events_per_s"] = round(ours)
        figures["baseline_events_per_s"] = round(theirs)
        figures["app_vs_baseline"] = round(ours / theirs, 2)

        figures["dataset_cases_per_s"] = round(cases / timed(lambda: build_cases(service, cases)))
        figures["catch_up_s"] = round(timed(service.projections.catch_up), 2)

        busy = service.casework.load(
            Complaint, service.reads.page(CaseFilter(), 1, None, SYSTEM).rows[0].id
        )
        mediators = [f"bemiddelaar{n}@bench.example" for n in range(2)]
        for email in mediators:
            service.commands.run(AddStaffMember(email, email, Role.MEDIATOR), actor="admin:bench")
        service.commands.run(SetPassword(mediators[0], PAGE_PASSWORD), actor="admin:bench")
        for n in range(49 - busy.version + 1):
            service.commands.run(AssignMediator(busy.id, mediators[n % 2]), actor="m:b")
        service.projections.catch_up()
        served = Served(env)
        try:
            rounds = 200
            figures["queue_ms"] = served.latencies("/v1/queue", rounds)
            figures["list_by_status_ms"] = served.latencies(
                "/v1/complaints", rounds, status="received"
            )
            figures["history_50_events_ms"] = served.latencies(
                f"/v1/complaints/{busy.id}/history", rounds
            )
            figures["as_of_50_events_ms"] = served.latencies(
                f"/v1/complaints/{busy.id}",
                rounds,
                as_of=(datetime.now(UTC) - timedelta(seconds=1)).isoformat(),
            )
            pages = {
                "page_werkvoorraad_ms": "/werkvoorraad?wie=alle",
                "page_case_ms": f"/klachten/{busy.reference}",
                "page_list_ms": "/klachten?status=received",
            }
            figures.update(served.page_latencies(mediators[0], PAGE_PASSWORD, pages, rounds))
            ids = [str(r.id) for r in service.reads.page(CaseFilter(), 200, None, SYSTEM).rows]
            each = 25 if smoke else 200
            one = served.concurrent_commands(ids, mediators, clients=1, each=each)
            figures["http_command_1_client_ms"] = one
            figures["http_command_ms"] = served.concurrent_commands(
                ids, mediators, clients=4, each=each
            )
        finally:
            served.stop()
        crud_url, drop_crud = fresh_url(kind, folder, "crud")
        crud = CrudServer(crud_url)
        try:
            headers = {"Authorization": f"Bearer {crud.token}"}
            theirs_one = assign_curve(crud.url, headers, ids, mediators, clients=1, each=each)
            figures["crud_command_1_client_ms"] = theirs_one
        finally:
            crud.stop()
            drop_crud()
        figures["http_vs_crud"] = round(one["requests_per_s"] / theirs_one["requests_per_s"], 2)
        clock.set(datetime.now(UTC))
        service.projections.catch_up()
        figures["idle_sweep_s"] = round(timed(lambda: service.sweep.run(clock.now())), 3)
        # A day without sweeps (a weekend's outage, say): every warn or due moment of that day
        # is due at once, found among all the store's open clocks through the indexed column.
        clock.set(clock.now() + timedelta(days=1))
        result: dict[str, Any] = {}
        figures["day_sweep_s"] = round(
            timed(lambda: result.update(vars(service.sweep.run(clock.now())))), 2
        )
        figures["day_sweep_cases_judged"] = result.get("checked")
        figures["idle_sweep_after_s"] = round(timed(lambda: service.sweep.run(clock.now())), 3)
        rebuild, replayed = probe(env, "rebuild"), probe(env, "replay")
        figures["rebuild_events_per_s"] = round(rebuild["events"] / rebuild["seconds"])
        figures["replay_events_per_s"] = round(replayed["events"] / replayed["seconds"])
        figures["rebuild_vs_replay"] = round(
            figures["rebuild_events_per_s"] / figures["replay_events_per_s"], 2
        )
        figures["rebuild_peak_rss_mb"] = rebuild["peak_rss_mb"]
    finally:
        service.close()
        drop()
        drop_base()
    return figures


TARGETS = {
    "app_vs_baseline": ">= 0.70",
    "http_command_1_client_ms": "p50 <= 10 (SQLite)",
    "http_command_ms": "4 clients: the curve",
    "http_vs_crud": ">= 0.80 (1 client)",
    "queue_ms": "p95 < 25",
    "list_by_status_ms": "p95 < 25",
    "history_50_events_ms": "p95 < 10",
    "as_of_50_events_ms": "p95 < 10",
    "page_werkvoorraad_ms": "p95 < 100",
    "page_case_ms": "p95 < 100",
    "page_list_ms": "p95 < 100",
    "day_sweep_s": "< 5 (target: a sweep over 100,000 clocks)",
    "idle_sweep_s": "< 0.1",
    "idle_sweep_after_s": "< 0.1",
    "rebuild_vs_replay": ">= 0.50",
    "rebuild_peak_rss_mb": "< 300",
    "register_import_s": "< 60 (10,000 rows, SQLite)",
}


def table(results: dict[str, dict[str, Any]]) -> str:
    stores = list(results)
    keys = list(next(iter(results.values())))
    width = max(len(k) for k in keys) + 2
    lines = [f"{'figure':<{width}}" + "".join(f"{s:>34}" for s in stores) + "  target"]
    for key in keys:
        cells = "".join(f"{json.dumps(results[s].get(key)):>34}" for s in stores)
        lines.append(f"{key:<{width}}{cells}  {TARGETS.get(key, '')}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="small sizes, under a minute")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--stores", default="sqlite,postgres")
    parser.add_argument("--register-rows", type=int, default=10_000)
    args = parser.parse_args()
    cases, throughput = (300, 20) if args.smoke else (args.cases, 500)
    register_rows = 200 if args.smoke else args.register_rows
    with tempfile.TemporaryDirectory() as folder:
        key = Path(folder) / "master.key"
        key.write_text(__import__("base64").b64encode(os.urandom(32)).decode())
        os.environ.setdefault("GEHOORD_MASTER_KEY", key.read_text())
        results = {
            kind: bench_store(kind, cases, throughput, register_rows, Path(folder), args.smoke)
            for kind in args.stores.split(",")
        }
    print(table(results))
    if not args.smoke:
        report = {
            "machine": {
                "cpus": os.cpu_count(),
                "platform": platform.platform(),
                "python": platform.python_version(),
            },
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "versions": {
                p: version(p)
                for p in (
                    "eventsourcing",
                    "eventsourcing-sqlalchemy",
                    "sqlalchemy",
                    "fastapi",
                    "psycopg",
                )
            },
            "cases": cases,
            "results": results,
        }
        (HERE / "results.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
