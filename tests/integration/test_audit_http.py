"""Audit over HTTP on SQLite and PostgreSQL: tamper detection, the access log, the timeline."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from application.roles import Role
from tests.integration.conftest import Api

AUDITOR, MEDIATOR, MANAGER = Role.AUDITOR, Role.MEDIATOR, Role.MANAGER


def lifecycle(api: Api) -> dict[str, Any]:
    case = api.register(received_at="2026-03-02T09:30:00+01:00")
    path = f"/v1/complaints/{case['id']}"
    for command, body in [
        ("acknowledge", {"at": "2026-03-03T09:00:00+01:00"}),
        (
            "conversations",
            {
                "at": "2026-03-04T10:00:00+01:00",
                "participants": ["Fatima"],
                "outcome": "resolved",
                "agreements": [],
            },
        ),
        ("minutes", {"at": "2026-03-16T08:00:00+00:00", "sent_to": "Fatima"}),
    ]:
        assert api.post(MEDIATOR, f"{path}/{command}", body).status_code == 200
    return case


def verify(api: Api) -> dict[str, Any]:
    response = api.get(AUDITOR, "/v1/audit/verify")
    assert response.status_code == 200
    return dict(response.json())


def positions(api: Api) -> list[int]:
    items = api.get(AUDITOR, "/v1/audit/events", limit=500).json()["items"]
    return [int(i["position"]) for i in items]


def tamper(api: Api, *statements: str) -> None:
    with api.service.engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))


def test_an_intact_log_verifies_and_pages_in_order(api: Api) -> None:
    lifecycle(api)
    lifecycle(api)
    result = verify(api)
    assert result["ok"] is True and result["checked"] == len(positions(api)) > 8
    first = api.get(AUDITOR, "/v1/audit/events", limit=3).json()
    rest = api.get(AUDITOR, "/v1/audit/events", after=first["next_after"], limit=500).json()
    seen = [i["position"] for i in first["items"] + rest["items"]]
    assert seen == sorted(seen) == positions(api)
    assert first["items"][0]["type"] == "Received" and first["items"][0]["actor"]


def test_changing_one_byte_of_one_stored_event_is_detected_at_its_position(api: Api) -> None:
    lifecycle(api)
    target = positions(api)[3]
    with api.service.engine.begin() as connection:
        state = connection.execute(
            text("SELECT state FROM gehoord_events WHERE id = :id"), {"id": target}
        ).scalar_one()
        changed = (
            bytes(state).replace(b"Fatima", b"Fatimb", 1)
            if b"Fatima" in bytes(state)
            else bytes(state)[:-2] + b" }"
        )
        connection.execute(
            text("UPDATE gehoord_events SET state = :s WHERE id = :id"),
            {"s": changed, "id": target},
        )
    result = verify(api)
    assert (result["ok"], result["first_bad_position"]) == (False, target)


def test_deleting_an_event_is_detected_at_its_position(api: Api) -> None:
    lifecycle(api)
    target = positions(api)[2]
    tamper(api, f"DELETE FROM gehoord_events WHERE id = {target}")
    result = verify(api)
    assert (result["ok"], result["first_bad_position"]) == (False, target)


def test_swapping_two_events_is_detected_at_the_first_of_them(api: Api) -> None:
    lifecycle(api)
    a, b = positions(api)[1], positions(api)[4]
    tamper(
        api,
        f"UPDATE gehoord_events SET id = -1 WHERE id = {a}",
        f"UPDATE gehoord_events SET id = {a} WHERE id = {b}",
        f"UPDATE gehoord_events SET id = {b} WHERE id = -1",
    )
    result = verify(api)
    assert (result["ok"], result["first_bad_position"]) == (False, a)


def test_every_read_of_a_case_is_logged_with_who_and_how_including_the_auditors(api: Api) -> None:
    case = lifecycle(api)
    path = f"/v1/complaints/{case['id']}"
    api.get(MEDIATOR, path)
    api.get(MEDIATOR, path, as_of="2026-03-16T09:00:00+00:00")
    api.get(MANAGER, f"{path}/history")
    api.get(MANAGER, f"{path}/timeline")
    api.get(MEDIATOR, f"{path}/deadlines")
    api.get(AUDITOR, path)
    entries = api.get(AUDITOR, "/v1/audit/access", case_id=case["id"]).json()["items"]
    reads = [(e["actor"], e["endpoint"]) for e in entries if e["action"] == "read"]
    assert reads == [
        ("mediator:mediator-1", f"GET {path}"),
        ("mediator:mediator-1", f"GET {path}?as_of=2026-03-16T09:00:00+00:00"),
        ("manager:manager-1", f"GET {path}/history"),
        ("manager:manager-1", f"GET {path}/timeline"),
        ("mediator:mediator-1", f"GET {path}/deadlines"),
        ("auditor:auditor-1", f"GET {path}"),
    ]
    assert all(e["case_id"] == case["id"] and e["at"] for e in entries)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_access_log_cannot_be_changed_through_the_api(api: Api, method: str) -> None:
    response = getattr(api.client, method)("/v1/audit/access", headers=api.headers(Role.ADMIN))
    assert response.status_code == 405


def test_only_auditors_read_the_audit_endpoints(api: Api) -> None:
    for role in (MEDIATOR, MANAGER, Role.ADMIN, Role.INTAKE):
        assert api.get(role, "/v1/audit/verify").status_code == 403


def test_the_timeline_steps_through_status_clocks_and_flags_after_each_event(api: Api) -> None:
    case = lifecycle(api)
    steps = api.get(AUDITOR, f"/v1/complaints/{case['id']}/timeline").json()
    lifecycle_steps = [s for s in steps if not s["type"].startswith("Flag")]
    assert [(s["type"], s["status"]) for s in lifecycle_steps] == [
        ("Received", "received"),
        ("Acknowledged", "acknowledged"),
        ("ConversationHeld", "resolved"),
        ("MinutesSent", "resolved"),
    ]
    raised = [
        s for s in steps if s["type"] == "FlagRaised" and s["data"]["policy"] == "minutes_overdue"
    ]
    assert raised and "minutes_overdue" in {f["policy"] for f in raised[0]["open_flags"]}
    assert steps[-1]["open_flags"] == [] and steps[-1]["type"] == "FlagCleared"
    minutes_clock = [c for c in steps[-1]["clocks"] if c["clock"] == "minutes"]
    assert minutes_clock and minutes_clock[0]["state"] == "met"
    assert api.get(MEDIATOR, f"/v1/complaints/{case['id']}/timeline").status_code == 403
