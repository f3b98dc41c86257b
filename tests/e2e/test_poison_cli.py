"""Set-aside events at the command line: `audit verify` names the gap, `projections retry`
takes the events back, as an administrator runs them against the same store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from eventsourcing.persistence import StoredEvent

from adapters.bootstrap import Service, build
from adapters.clock import SettableClock
from adapters.persistence.audit_log import AUDIT_CHAIN
from adapters.settings import Settings
from application.complaint_use_cases import RegisterComplaint
from domain.records import Contact
from domain.values import Channel
from tests.e2e.server import Server, cli
from tests.integration.test_poison import ACKNOWLEDGED, iso, repair

pytestmark = pytest.mark.e2e

NOW = datetime(2026, 3, 16, 9, tzinfo=UTC)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    url = f"sqlite:///{tmp_path}/g.sqlite"
    migrated = cli({"GEHOORD_DATABASE_URL": url}, "migrate")
    assert migrated.returncode == 0, migrated.stderr
    return {"GEHOORD_DATABASE_URL": url}


@pytest.fixture
def service(env: dict[str, str]) -> Iterator[Service]:
    """This process's own service on the CLI's store: where a bug can be planted."""
    opened = build(Settings(database_url=env["GEHOORD_DATABASE_URL"]), SettableClock(NOW))
    yield opened
    opened.close()


def register(service: Service, subject: str = "Afspraken niet nagekomen") -> Any:
    registration = RegisterComplaint(
        NOW, Channel.EMAIL, Contact("Fatima de Vries"), "D-1", subject, "", "Team Noord"
    )
    return service.commands.run(registration, actor="intake:test").case


def logged(stderr: str) -> list[tuple[str, str, int]]:
    """The command's JSON log lines on stderr: event, projection and position of each."""
    lines = [json.loads(line) for line in stderr.splitlines()]
    return [(e["event"], e["projection"], e["position"]) for e in lines]


def head(service: Service) -> int:
    return int(service.casework.recorder.max_notification_id() or 0)


def test_a_gap_in_the_chain_fails_audit_verify_until_projections_retry_links_it(
    env: dict[str, str], service: Service
) -> None:
    runner = service.projections
    chain = runner.projections[AUDIT_CHAIN]
    register(service)
    gap = head(service) + 1

    def chain_or_fail(notification: Any, position: int, session: Any) -> None:
        if position == gap:
            raise RuntimeError("a bug in the chain")
        chain.process(notification, position, session)

    runner.projections[AUDIT_CHAIN] = replace(chain, process=chain_or_fail)  # the bug, here only
    try:
        register(service, "De tweede")  # its first event is the chain's gap
    finally:
        runner.projections[AUDIT_CHAIN] = chain
    register(service, "De derde")
    total = head(service)
    assert total > gap

    broken = cli(env, "audit", "verify")
    assert broken.returncode == 1
    assert broken.stdout == ""
    assert broken.stderr == (
        f"gehoord: {total - 1} entries verified, but 1 event was set aside and not "
        f"chained (positions {gap}); after a repair run `gehoord projections retry`\n"
    )

    retried = cli(env, "projections", "retry")  # a new process: the bug is not in it
    assert (retried.returncode, retried.stdout) == (0, "taken back 1, still set aside 0\n")
    assert logged(retried.stderr) == [("event_taken_back", AUDIT_CHAIN, gap)]

    linked = cli(env, "audit", "verify")
    assert linked.returncode == 0, linked.stderr
    assert linked.stdout.startswith(f"ok: {total} entries verified, head ")

    again = cli(env, "projections", "retry")  # nothing left to take back
    assert (again.returncode, again.stdout) == (0, "taken back 0, still set aside 0\n")


def test_a_poison_event_in_the_store_stays_set_aside_until_repaired_and_retried(
    env: dict[str, str], service: Service
) -> None:
    case = register(service)
    service.casework.recorder.insert_events(
        [StoredEvent(case.id, case.version + 1, ACKNOWLEDGED, b'{"at": not json')]
    )
    position = head(service)
    register(service, "Na het gif")  # its catch-up sets the poison aside, and goes on

    server = Server(env)  # a new process starts on the poisoned store, and says so
    try:
        health = httpx.get(f"{server.url}/health", timeout=5).json()
    finally:
        server.stop()
    assert health["status"] == "degraded"
    assert {(r["name"], r["position"]) for r in health["read_models"]} == {
        ("cases", position),
        ("reports", position),
    }

    unrepaired = cli(env, "projections", "retry")
    assert (unrepaired.returncode, unrepaired.stdout) == (1, "taken back 0, still set aside 2\n")
    assert logged(unrepaired.stderr) == [
        ("event_still_set_aside", "cases", position),
        ("event_still_set_aside", "reports", position),
    ]
    chained = cli(env, "audit", "verify")  # the chain hashes the raw bytes: no gap
    assert chained.returncode == 0, chained.stderr
    assert chained.stdout.startswith(f"ok: {head(service)} entries verified, head ")

    repaired = {"timestamp": iso(NOW), "at": iso(NOW), "actor": "mediator:x"}
    repair(service, {"id": str(case.id), "version": case.version}, json.dumps(repaired).encode())
    retried = cli(env, "projections", "retry")
    assert (retried.returncode, retried.stdout) == (0, "taken back 2, still set aside 0\n")
    assert logged(retried.stderr) == [
        ("event_taken_back", "cases", position),
        ("event_taken_back", "reports", position),
    ]
    shown = cli(env, "audit", "verify")  # a repaired log shows the repair
    assert shown.returncode == 1 and shown.stdout == ""
    assert shown.stderr.startswith(f"gehoord: the audit chain is broken at position {position}: ")
    assert shown.stderr.count("\n") == 1
