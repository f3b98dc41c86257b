"""Signals over HTTP on SQLite and PostgreSQL: STEM to queue, escalation exactly once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

from adapters.clock import SettableClock
from application.roles import Role
from tests.integration.conftest import Api

INTAKE, MEDIATOR, ADMIN = Role.INTAKE, Role.MEDIATOR, Role.ADMIN


def stem(api: Api, scores: tuple[int, int, int], at: str, dossier: str = "D-9") -> dict[str, Any]:
    body = {
        "dossier_ref": dossier,
        "answered_at": at,
        "scores": dict(zip(("collaboration", "heard", "agreements_clear"), scores, strict=True)),
    }
    response = api.post(INTAKE, "/v1/stem-responses", body)
    assert response.status_code == 201, response.text
    return dict(response.json())


def signal(api: Api, **changes: Any) -> dict[str, Any]:
    body = {
        "received_at": "2026-03-12T10:00:00+01:00",
        "channel": "social_media",
        "dossier_ref": "D-7",
        "summary": "Vader schrijft op Facebook dat niemand terugbelt",
        "team": "Team West",
        **changes,
    }
    response = api.post(INTAKE, "/v1/signals", body)
    assert response.status_code == 201, response.text
    return dict(response.json())


def queue_policies(api: Api, case_id: str) -> dict[str, str]:
    items = api.get(MEDIATOR, "/v1/queue").json()["items"]
    return {i["policy"]: i["severity"] for i in items if i["case_id"] == case_id}


def test_a_low_stem_score_opens_a_signal_that_reaches_the_queue_when_unacknowledged(
    api: Api, clock: SettableClock
) -> None:
    today = clock.now()
    clock.set(datetime(2026, 3, 9, 12, tzinfo=UTC))
    first = stem(api, (4, 4, 4), "2026-03-02T10:00:00+01:00")
    assert first["signal_id"] is None and first["response_number"] == 1
    low = stem(api, (4, 1, 4), "2026-03-09T10:00:00+01:00")
    assert low["signal_id"] is not None
    opened = api.get(MEDIATOR, f"/v1/signals/{low['signal_id']}").json()
    assert opened["channel"] == "stem" and "'heard' scored 1" in opened["summary"]
    assert queue_policies(api, low["signal_id"]) == {}
    clock.set(today)  # a week later: two working days passed long ago
    api.post(ADMIN, "/v1/admin/sweeps", {})
    assert queue_policies(api, low["signal_id"])["signal_acknowledgement_overdue"] == "breach"
    api.post(
        MEDIATOR, f"/v1/signals/{low['signal_id']}/acknowledge", {"at": "2026-03-16T08:00:00+00:00"}
    )
    assert "signal_acknowledgement_overdue" not in queue_policies(api, low["signal_id"])
    drop = stem(api, (4, 4, 2), "2026-03-16T08:30:00+00:00")
    assert drop["signal_id"] is not None


def test_an_escalated_signal_and_its_complaint_name_each_other_in_both_histories(
    api: Api,
) -> None:
    s = signal(api)
    response = api.post(
        MEDIATOR, f"/v1/signals/{s['id']}/escalate", {"at": "2026-03-13T09:00:00+01:00"}
    )
    assert response.status_code == 201, response.text
    complaint = response.json()
    assert complaint["channel"] == "signal" and complaint["signal_id"] == s["id"]
    assert complaint["received_at"] == "2026-03-13T08:00:00Z"
    assert response.headers["location"] == f"/v1/complaints/{complaint['id']}"
    escalated = api.get(MEDIATOR, f"/v1/signals/{s['id']}").json()
    assert (escalated["status"], escalated["complaint_id"]) == ("escalated", complaint["id"])
    signal_history = api.get(MEDIATOR, f"/v1/signals/{s['id']}/history").json()
    complaint_history = api.get(MEDIATOR, f"/v1/complaints/{complaint['id']}/history").json()
    assert any(
        h["type"] == "EscalatedToComplaint" and h["data"]["complaint_id"] == complaint["id"]
        for h in signal_history
    )
    assert complaint_history[0]["data"]["signal_id"] == s["id"]
    again = api.post(
        MEDIATOR, f"/v1/signals/{s['id']}/escalate", {"at": "2026-03-13T09:00:00+01:00"}
    )
    assert again.status_code == 409
    complaints = api.get(MEDIATOR, "/v1/complaints").json()["items"]
    assert [c["id"] for c in complaints] == [complaint["id"]]


def test_concurrent_escalations_of_one_signal_create_one_complaint(api: Api) -> None:
    s = signal(api)

    def escalate(n: int) -> int:
        response = api.post(
            MEDIATOR, f"/v1/signals/{s['id']}/escalate", {"at": "2026-03-13T09:00:00+01:00"}
        )
        return int(response.status_code)

    with ThreadPoolExecutor(max_workers=6) as pool:
        codes = sorted(pool.map(escalate, range(6)))
    assert codes.count(201) == 1 and set(codes) <= {201, 409}, codes
    assert len(api.get(MEDIATOR, "/v1/complaints").json()["items"]) == 1


def test_a_retried_escalation_with_the_same_key_returns_the_same_complaint(api: Api) -> None:
    s = signal(api)
    key = {"Idempotency-Key": "escalate-once"}
    first = api.post(
        MEDIATOR, f"/v1/signals/{s['id']}/escalate", {"at": "2026-03-13T09:00:00+01:00"}, **key
    )
    second = api.post(
        MEDIATOR, f"/v1/signals/{s['id']}/escalate", {"at": "2026-03-13T09:00:00+01:00"}, **key
    )
    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json()["id"] == second.json()["id"]


def test_signals_are_listed_apart_from_complaints_and_a_resolved_one_leaves_the_queue(
    api: Api,
) -> None:
    s = signal(api, received_at="2026-02-02T10:00:00+01:00")
    assert {"signal_acknowledgement_overdue", "signal_stale"} <= set(queue_policies(api, s["id"]))
    api.post(
        MEDIATOR,
        f"/v1/signals/{s['id']}/resolve",
        {"at": "2026-03-16T08:00:00+00:00", "outcome": "Teruggebeld en opgelost"},
    )
    assert queue_policies(api, s["id"]) == {}
    listed = api.get(MEDIATOR, "/v1/signals").json()["items"]
    assert [(i["id"], i["case_type"], i["status"]) for i in listed] == [
        (s["id"], "signal", "resolved")
    ]
    assert api.get(MEDIATOR, "/v1/complaints").json()["items"] == []
    assert api.get(MEDIATOR, f"/v1/complaints/{s['id']}").status_code == 404
    assert api.get(MEDIATOR, f"/v1/complaints/{s['id']}/history").status_code == 404


def test_stem_scores_outside_one_to_five_are_422(api: Api) -> None:
    body = {
        "dossier_ref": "D-1",
        "answered_at": "2026-03-10T10:00:00+01:00",
        "scores": {"collaboration": 6, "heard": 0, "agreements_clear": 3},
    }
    response = api.post(INTAKE, "/v1/stem-responses", body)
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"body.scores.collaboration", "body.scores.heard"}
