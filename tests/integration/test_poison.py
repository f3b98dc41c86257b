"""A poison event never takes the service down: the read models set it aside and go on,
/health says so, a restart works, and `projections retry` takes it back after a repair."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.persistence import StoredEvent
from fastapi.testclient import TestClient
from sqlalchemy import update
from structlog.testing import capture_logs

from adapters.bootstrap import Service, build
from adapters.clock import SettableClock
from adapters.persistence.audit_log import AUDIT_CHAIN
from adapters.settings import Settings
from api.app import create_app
from application.complaint_use_cases import RegisterComplaint
from application.roles import Role
from domain.records import Contact
from domain.values import Channel
from tests.integration.conftest import Api

MEDIATOR, AUDITOR = Role.MEDIATOR, Role.AUDITOR
ACKNOWLEDGED = "domain.complaint:Complaint.Acknowledged"


def iso(moment: datetime) -> dict[str, str]:
    return {"_type_": "datetime_iso", "_data_": moment.isoformat()}


def poison(api: Api, case: dict[str, Any], state: bytes = b'{"at": not json') -> int:
    """Writes straight into the store, as a bug or a hand-edit would: the case's next event,
    which does not decode. Returns its position in the log."""
    api.service.casework.recorder.insert_events(
        [StoredEvent(case["id"], case["version"] + 1, ACKNOWLEDGED, state)]
    )
    return int(api.service.casework.recorder.max_notification_id() or 0)


def health(client: TestClient) -> dict[str, Any]:
    response = client.get("/health")
    assert response.status_code == 200
    return dict(response.json())


def listed(api: Api) -> dict[str, str]:
    items = api.get(MEDIATOR, "/v1/complaints", limit=500).json()["items"]
    return {i["id"]: i["status"] for i in items}


def test_a_poison_event_is_set_aside_and_the_service_keeps_serving(
    api: Api, database_url: str, clock: SettableClock
) -> None:
    sick, healthy = api.register(), api.register()
    position = poison(api, sick)
    newcomer = api.register(subject="Na het gif")  # answered, and projected
    acknowledged = api.post(
        MEDIATOR, f"/v1/complaints/{healthy['id']}/acknowledge", {"at": healthy["received_at"]}
    )
    assert acknowledged.status_code == 200
    assert listed(api) == {
        sick["id"]: "received",
        healthy["id"]: "acknowledged",
        newcomer["id"]: "received",
    }
    report = health(api.client)
    assert report["status"] == "degraded" and report["store"] == "reachable"
    assert {(r["name"], r["position"]) for r in report["read_models"]} == {
        ("cases", position),
        ("reports", position),
    }
    assert all("Failed to deserialise" in r["error"] for r in report["read_models"])
    logged = api.get(AUDITOR, "/v1/audit/events", limit=500).json()["items"]
    shown = {e["position"]: e for e in logged}  # the auditor pages past it, and sees it
    assert shown[position]["data"] == {"undecodable": "MapperDeserialisationError"}
    assert max(shown) > position
    assert api.get(AUDITOR, "/v1/audit/verify").json()["ok"] is True  # the raw bytes are chained

    # a restart on the same store starts, serves and stays degraded
    again = build(Settings(database_url=database_url, projection_poll_seconds=0.1), clock)
    with TestClient(create_app(service=again), raise_server_exceptions=False) as restarted:
        assert health(restarted)["status"] == "degraded"
        headers = api.headers(MEDIATOR)
        later = restarted.post(
            f"/v1/complaints/{newcomer['id']}/acknowledge",
            json={"at": newcomer["received_at"]},
            headers=headers,
        )
        assert later.status_code == 200

        # the repair: the event gets the shape it should have had; then the retry takes it back
        repaired = {"timestamp": iso(clock.now()), "at": iso(clock.now()), "actor": "mediator:x"}
        repair(again, sick, json.dumps(repaired).encode())
        outcome = again.projections.retry()
        assert (outcome.cleared, outcome.still_set_aside) == (2, 0)
        assert health(restarted) == {"status": "ok", "store": "reachable"}
        assert listed(api)[sick["id"]] == "acknowledged"
        verified = restarted.get("/v1/audit/verify", headers=api.headers(AUDITOR)).json()
        assert verified["first_bad_position"] == position  # a repaired log shows the repair


def repair(service: Service, case: dict[str, Any], state: bytes) -> None:
    recorder: Any = service.casework.recorder
    table = recorder.events_record_cls.__table__
    with service.engine.begin() as connection:
        changed = connection.execute(
            update(table)
            .where(table.c.originator_id == UUID(case["id"]))
            .where(table.c.originator_version == case["version"] + 1)
            .values(state=state)
        )
    assert changed.rowcount == 1


def test_a_nul_recorded_before_the_api_refused_it_still_lists_on_both_stores(api: Api) -> None:
    """Through the use case itself, as an older version let it in: the case list writes a NUL
    in a plain column (the team) as U+FFFD (PostgreSQL's text refuses it; it was the batch that
    bricked the store). A NUL in free text is sealed, so the store never sees it."""
    registration = RegisterComplaint(
        datetime(2026, 3, 2, 9, tzinfo=UTC),
        Channel.EMAIL,
        Contact("X"),
        "D-1",
        "nul\x00byte",
        "",
        "Team\x00Noord",
    )
    case = api.service.commands.run(registration, actor="intake:old-version").case
    after = api.register()
    rows = {r["id"]: r for r in api.get(MEDIATOR, "/v1/complaints").json()["items"]}
    assert rows[str(case.id)]["team"] == "Team\ufffdNoord"
    assert rows[str(case.id)]["subject"] == "nul\x00byte"
    assert str(after["id"]) in rows
    assert health(api.client)["status"] == "ok"


@pytest.fixture
def failing_chain(api: Api) -> Iterator[list[int]]:
    """The audit chain's projection fails on the positions listed (a bug, for this test)."""
    fail_at: list[int] = []

    runner = api.service.projections
    chain = runner.projections[AUDIT_CHAIN]

    def chain_or_fail(notification: Any, position: int, session: Any) -> None:
        if position in fail_at:
            raise RuntimeError("a bug in the chain")
        chain.process(notification, position, session)

    runner.projections[AUDIT_CHAIN] = replace(chain, process=chain_or_fail)
    yield fail_at
    runner.projections[AUDIT_CHAIN] = chain


def test_an_event_the_chain_sets_aside_is_a_gap_verify_reports_and_retry_links(
    api: Api, failing_chain: list[int]
) -> None:
    first = api.register()
    failing_chain.append(int(api.service.casework.recorder.max_notification_id() or 0) + 1)
    api.register()  # its first event is the chain's gap
    api.post(MEDIATOR, f"/v1/complaints/{first['id']}/acknowledge", {"at": first["received_at"]})
    gap = api.get(AUDITOR, "/v1/audit/verify").json()
    assert (gap["ok"], gap["gaps"], gap["first_bad_position"]) == (False, failing_chain, None)
    assert gap["checked"] == api.service.casework.recorder.max_notification_id() - 1
    assert health(api.client)["read_models"][0]["name"] == "audit_chain"
    failing_chain.clear()  # the repair
    assert api.service.projections.retry().cleared == 1
    linked = api.get(AUDITOR, "/v1/audit/verify").json()
    assert (linked["ok"], linked["gaps"], linked["checked"]) == (True, [], gap["checked"] + 1)


def test_a_projection_bug_sets_one_event_aside_and_the_rest_of_its_batch_is_applied(
    api: Api,
) -> None:
    cases = [api.register(subject=f"Klacht {n}") for n in range(3)]
    positions = api.service.projections
    original = positions.projections["cases"]
    ids = {str(c["id"]) for c in cases}
    events = api.get(AUDITOR, "/v1/audit/events", limit=500).json()["items"]
    bad = next(e["position"] for e in events if e["case_id"] == cases[1]["id"])

    def buggy(event: Any, position: int, session: Any) -> None:
        if position == bad:
            raise KeyError("a bug")
        original.process(event, position, session)

    positions.projections["cases"] = replace(original, process=buggy)
    try:
        with capture_logs() as logs:
            positions.rebuild("cases")  # the whole log in one batch
    finally:
        positions.projections["cases"] = original
    assert [e for e in logs if e["event"] == "event_set_aside"] == [
        {
            "event": "event_set_aside",
            "log_level": "error",
            "projection": "cases",
            "position": bad,
            "error": "KeyError: 'a bug'",
        }
    ]
    assert {cases[0]["id"], cases[2]["id"]} <= set(listed(api))
    assert [(r["name"], r["position"]) for r in health(api.client)["read_models"]] == [
        ("cases", bad)
    ]
    assert positions.retry().cleared == 1
    assert set(listed(api)) == ids and health(api.client)["status"] == "ok"
