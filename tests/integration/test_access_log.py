"""The access log as NEN 7513 asks, on both stores: every response that shows personal data is
on record before it is answered (reads, lists naming each case, the queue, command answers,
audit pages, reports), with user, role, on whose behalf, action, case, person, access point and
address; auditors filter it by case, person, user and period, and reading it is logged too."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from adapters.clock import SettableClock
from application.roles import Role
from tests.integration.conftest import NOW, Api, iso

MEDIATOR, AUDITOR, MANAGER = Role.MEDIATOR, Role.AUDITOR, Role.MANAGER


def access(api: Api, **filters: Any) -> list[dict[str, Any]]:
    """The log as an auditor reads it, every page; this read is itself logged."""
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        params = filters | ({"cursor": cursor} if cursor else {}) | {"limit": 500}
        page = api.get(AUDITOR, "/v1/audit/access", **params)
        assert page.status_code == 200, page.text
        items += page.json()["items"]
        cursor = page.json()["next_cursor"]
        if cursor is None:
            return items


def since(api: Api) -> int:
    """The position of the newest record now, so a test reads only what follows."""
    everything = access(api)
    return int(everything[-1]["id"]) if everything else 0


def after(api: Api, mark: int) -> list[dict[str, Any]]:
    return [e for e in access(api) if e["id"] > mark and e["action"] != "audit_read"]


def test_a_record_says_who_as_what_for_whom_what_whose_and_from_where(api: Api) -> None:
    case = api.register()
    mark = since(api)
    headers = api.headers(MEDIATOR, **{"X-On-Behalf-Of": "Team Noord (wachtdienst)"})
    assert api.client.get(f"/v1/complaints/{case['id']}", headers=headers).status_code == 200
    [record] = after(api, mark)
    person = record["person_id"]
    assert person is not None
    assert record | {"id": 0, "at": "", "request_id": ""} == {
        "id": 0,
        "at": "",
        "user": "mediator-1",
        "role": "mediator",
        "on_behalf_of": "Team Noord (wachtdienst)",
        "action": "read",
        "case_id": case["id"],
        "person_id": person,
        "access_point": f"GET /v1/complaints/{case['id']} from testclient",
        "endpoint": f"GET /v1/complaints/{case['id']}",
        "address": "testclient",
        "actor": "mediator:mediator-1",
        "request_id": "",
    }
    assert len(record["request_id"]) == 32
    bad = {**api.headers(MEDIATOR), "X-On-Behalf-Of": "x" * 201}
    refused = api.client.get(f"/v1/complaints/{case['id']}", headers=bad)
    assert refused.status_code == 400
    assert refused.headers["content-type"] == "application/problem+json"


def test_every_kind_of_read_is_logged_and_lists_name_each_case(api: Api) -> None:
    first, second = api.register(), api.register(subject="Tweede klacht")
    mark = since(api)
    path = f"/v1/complaints/{first['id']}"
    api.get(MEDIATOR, path)
    api.get(MEDIATOR, f"{path}/history")
    api.get(MANAGER, f"{path}/timeline")
    api.get(MEDIATOR, "/v1/complaints")
    api.get(MEDIATOR, "/v1/complaints", reference=second["reference"])
    api.get(MEDIATOR, "/v1/queue")
    records = after(api, mark)
    seen = [(r["action"], r["endpoint"].split("?")[0], r["case_id"]) for r in records]
    listed = {first["id"], second["id"]}
    queued = {r["case_id"] for r in records if r["endpoint"] == "GET /v1/queue"}
    assert seen[:3] == [
        ("read", f"GET {path}", first["id"]),
        ("read", f"GET {path}/history", first["id"]),
        ("read", f"GET {path}/timeline", first["id"]),
    ]
    assert {c for a, e, c in seen if e == "GET /v1/complaints" and a == "list"} == listed
    assert [c for a, e, c in seen if a == "search"] == [second["id"]]
    assert queued == listed  # both are flagged: unacknowledged for ten days


def test_a_command_that_answers_with_the_case_is_logged(api: Api) -> None:
    case = api.register()
    mark = since(api)
    body = {"at": iso(NOW - timedelta(days=9))}
    api.post(MEDIATOR, f"/v1/complaints/{case['id']}/acknowledge", body)
    records = after(api, mark)
    assert [(r["action"], r["case_id"], r["role"]) for r in records] == [
        ("command", case["id"], "mediator")
    ]
    registered = [r for r in access(api, case_id=case["id"]) if r["action"] == "command"]
    assert registered[0]["endpoint"] == "POST /v1/complaints"  # the registration answered too


def test_a_repeated_command_shows_its_answer_again_and_is_logged_again_a_refused_one_not(
    api: Api,
) -> None:
    case = api.register()
    mark = since(api)
    body = {"at": iso(NOW - timedelta(days=9))}
    path = f"/v1/complaints/{case['id']}/acknowledge"
    first = api.post(MEDIATOR, path, body, **{"Idempotency-Key": "ack-1"})
    again = api.post(MEDIATOR, path, body, **{"Idempotency-Key": "ack-1"})
    refused = api.post(MEDIATOR, path, body)
    assert (first.status_code, again.status_code, refused.status_code) == (200, 200, 409)
    assert [(r["action"], r["case_id"]) for r in after(api, mark)] == [
        ("command", case["id"]),
        ("command", case["id"]),
    ]


def test_audit_reads_name_every_case_and_reading_the_log_is_logged(api: Api) -> None:
    first, second = api.register(), api.register()
    mark = since(api)
    assert api.get(AUDITOR, "/v1/audit/events", limit=500).status_code == 200
    events_read = [r for r in access(api) if r["id"] > mark and r["endpoint"].endswith("events")]
    assert {first["id"], second["id"]} <= {r["case_id"] for r in events_read}
    assert {r["action"] for r in events_read} == {"audit_read"}
    access(api, case_id=first["id"])
    own = [r for r in access(api) if r["endpoint"] == "GET /v1/audit/access"]
    assert own and {r["action"] for r in own} == {"audit_read"}
    asked_about = [r for r in own if r["case_id"] == first["id"]]
    assert asked_about and asked_about[0]["person_id"] is not None


def test_the_report_read_is_logged(api: Api) -> None:
    mark = since(api)
    assert api.get(MANAGER, "/v1/reports/complaints-analysis").status_code == 200
    [record] = after(api, mark)
    assert (record["action"], record["case_id"], record["role"]) == ("report", None, "manager")


def test_auditors_filter_by_case_person_user_and_period(api: Api, clock: SettableClock) -> None:
    mine = api.register(complainant={"name": "Lotte Smit", "email": "lotte@example.nl"})
    again = api.register(complainant={"name": "Lotte Smit", "email": "lotte@example.nl"})
    other = api.register(complainant={"name": "Henk Boer", "email": "henk@example.nl"})
    api.get(MEDIATOR, f"/v1/complaints/{mine['id']}")
    api.get(MANAGER, f"/v1/complaints/{other['id']}")
    by_case = access(api, case_id=other["id"])
    assert by_case and {r["case_id"] for r in by_case} == {other["id"]}
    person = next(r["person_id"] for r in access(api, case_id=mine["id"]) if r["person_id"])
    by_person = access(api, person_id=person)
    assert {r["case_id"] for r in by_person if r["case_id"]} == {mine["id"], again["id"]}
    assert {r["user"] for r in access(api, user="manager-1")} == {"manager-1"}
    clock.advance(timedelta(hours=1))
    api.get(MEDIATOR, f"/v1/complaints/{again['id']}")
    later = access(api, **{"from": iso(NOW + timedelta(minutes=30))})
    earlier = access(api, to=iso(NOW + timedelta(minutes=30)))
    assert [r["case_id"] for r in later if r["action"] == "read"] == [again["id"]]
    assert again["id"] not in {r["case_id"] for r in earlier if r["action"] == "read"}
    assert len(earlier) + len(later) < len(access(api))  # the reads of the log came in between
    assert api.get(AUDITOR, "/v1/audit/access", person_id="not-a-uuid").status_code == 422
    assert api.get(MEDIATOR, "/v1/audit/access").status_code == 403
