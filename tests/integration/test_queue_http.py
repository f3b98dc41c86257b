"""Deadlines, sweeps and the escalation queue over HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from adapters.clock import SettableClock
from application.identity import Principal
from application.roles import Role
from domain.calendar import AMSTERDAM
from tests.integration.conftest import Api

MEDIATOR, ADMIN = Role.MEDIATOR, Role.ADMIN


def queue(api: Api, **filters: Any) -> list[dict[str, Any]]:
    response = api.get(MEDIATOR, "/v1/queue", **filters)
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


def sweep(api: Api) -> dict[str, int]:
    response = api.post(ADMIN, "/v1/admin/sweeps", {})
    assert response.status_code == 200, response.text
    return dict(response.json())


def command(api: Api, case: dict[str, Any], name: str, body: dict[str, Any]) -> dict[str, Any]:
    response = api.post(MEDIATOR, f"/v1/complaints/{case['id']}/{name}", body)
    assert response.status_code == 200, (name, response.text)
    return dict(response.json())


def flags_for(api: Api, case: dict[str, Any], policy: str) -> list[dict[str, Any]]:
    return [i for i in queue(api) if i["case_id"] == case["id"] and i["policy"] == policy]


def eventually_empty(api: Api, case: dict[str, Any], policy: str) -> bool:
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        if not flags_for(api, case, policy):
            return True
        time.sleep(0.1)
    return False


def history_types(api: Api, case: dict[str, Any]) -> list[tuple[str, Any]]:
    history = api.get(MEDIATOR, f"/v1/complaints/{case['id']}/history").json()
    return [(h["type"], h["data"].get("policy")) for h in history]


def test_minutes_overdue_after_eight_working_days_is_a_breach_and_minutes_clear_it(
    api: Api, clock: SettableClock
) -> None:
    today = clock.now()
    clock.set(datetime(2026, 3, 4, 12, 0, tzinfo=UTC))  # the day of the conversation
    case = api.register(received_at="2026-03-02T09:30:00+01:00")
    command(api, case, "acknowledge", {"at": "2026-03-03T09:00:00+01:00"})
    command(
        api,
        case,
        "conversations",
        {
            "at": "2026-03-04T10:00:00+01:00",
            "participants": ["Fatima de Vries"],
            "outcome": "resolved",
            "agreements": [],
        },
    )
    assert flags_for(api, case, "minutes_overdue") == []
    clock.set(today)  # eight working days later
    result = sweep(api)
    assert result["raised"] >= 1
    [item] = flags_for(api, case, "minutes_overdue")
    assert item["severity"] == "breach" and item["reference"] == case["reference"]
    assert "working days" in item["explanation"] and "due" in item["explanation"]
    assert sweep(api)["raised"] == 0  # a second sweep at the same moment records nothing
    command(api, case, "minutes", {"at": "2026-03-16T08:00:00+00:00", "sent_to": "Fatima"})
    assert eventually_empty(api, case, "minutes_overdue")
    types = history_types(api, case)
    assert ("FlagRaised", "minutes_overdue") in types
    assert ("FlagCleared", "minutes_overdue") in types


def test_an_upheld_ruling_five_weeks_ago_without_answer_is_flagged_and_an_apology_clears_it(
    api: Api,
) -> None:
    case = api.register(received_at="2026-01-05T09:00:00+01:00")
    command(api, case, "acknowledge", {"at": "2026-01-06T09:00:00+01:00"})
    command(api, case, "refer", {"at": "2026-01-20T09:00:00+01:00"})
    command(api, case, "ruling", {"at": "2026-02-09T09:00:00+01:00", "verdict": "upheld"})
    sweep(api)
    [item] = flags_for(api, case, "upheld_unanswered")
    assert item["severity"] == "breach"
    command(api, case, "apology", {"at": "2026-03-16T08:00:00+00:00", "summary": "Excuses"})
    assert eventually_empty(api, case, "upheld_unanswered")
    assert ("FlagCleared", "upheld_unanswered") in history_types(api, case)


def test_an_upheld_ruling_answered_with_measures_only_is_flagged_without_apology(
    api: Api,
) -> None:
    case = api.register(received_at="2026-01-05T09:00:00+01:00")
    command(api, case, "acknowledge", {"at": "2026-01-06T09:00:00+01:00"})
    command(api, case, "refer", {"at": "2026-01-20T09:00:00+01:00"})
    command(api, case, "ruling", {"at": "2026-02-09T09:00:00+01:00", "verdict": "upheld"})
    command(
        api,
        case,
        "measures",
        {"at": "2026-02-20T09:00:00+01:00", "measures": ["Vaste contactpersoon"]},
    )
    sweep(api)
    assert flags_for(api, case, "upheld_unanswered") == []
    [item] = flags_for(api, case, "upheld_without_apology")
    assert item["severity"] == "warning"


def test_the_queue_puts_breaches_first_and_filters_by_mediator_me(api: Api) -> None:
    anna = api.staff_member("anna@voorbeeld.nl")
    late = api.register(received_at="2026-02-02T09:00:00+01:00")
    command(api, late, "assign", {"mediator": "anna@voorbeeld.nl"})
    api.register(received_at="2026-03-11T09:00:00+01:00")  # acknowledgement warning only
    sweep(api)
    items = queue(api)
    severities = [i["severity"] for i in items]
    assert severities == sorted(severities)  # "breach" < "warning"
    assert {"breach", "warning"} <= set(severities)
    response = api.client.get(
        "/v1/queue", params={"mediator": "me"}, headers={"Authorization": f"Bearer {anna}"}
    )
    mine = response.json()["items"]
    assert mine and all(i["case_id"] == late["id"] for i in mine)
    assert queue(api, severity="warning") and all(
        i["severity"] == "warning" for i in queue(api, severity="warning")
    )


def test_the_deadlines_endpoint_explains_every_clock_and_the_case_shows_its_flags(
    api: Api,
) -> None:
    case = api.register(received_at="2026-03-02T09:30:00+01:00")
    command(
        api,
        case,
        "conversations",
        {
            "at": "2026-03-04T10:00:00+01:00",
            "participants": ["Fatima de Vries"],
            "outcome": "unresolved",
            "agreements": [{"description": "Terugbellen", "due": "2026-03-13"}],
        },
    )
    clocks = api.get(MEDIATOR, f"/v1/complaints/{case['id']}/deadlines").json()["clocks"]
    names = {c["clock"] for c in clocks}
    assert {"acknowledgement", "minutes", "decision", "agreement"} <= names
    assert "upheld_response" not in names  # not started: no ruling
    assert all(c["explanation"] and c["policy_version"] for c in clocks)
    read = api.get(MEDIATOR, f"/v1/complaints/{case['id']}").json()
    assert {f["policy"] for f in read["open_flags"]} >= {
        "complaint_acknowledgement_overdue",
        "minutes_overdue",
        "agreement_overdue",
    }
    assert read["deadlines"] == clocks


def test_only_an_admin_may_run_a_sweep_and_not_in_the_future(api: Api) -> None:
    assert api.post(MEDIATOR, "/v1/admin/sweeps", {}).status_code == 403
    future = api.post(ADMIN, "/v1/admin/sweeps", {"as_of": "2027-01-01T00:00:00+00:00"})
    assert future.status_code == 422


def test_each_queue_item_carries_the_context_to_act_on_it_and_filters_by_team(
    api: Api,
) -> None:
    noord = api.register(received_at="2026-02-02T09:00:00+01:00", subject="Geen terugbelactie")
    zuid = api.register(received_at="2026-02-03T09:00:00+01:00", team="Team Zuid")
    sweep(api)
    [item] = flags_for(api, noord, "complaint_acknowledgement_overdue")
    assert item["case_reference"] == item["reference"] == noord["reference"]
    assert (item["subject"], item["team"], item["status"]) == (
        "Geen terugbelactie",
        "Team Noord",
        "received",
    )
    # due at the end of a day in Amsterdam, which in UTC may still be the day before
    due = datetime.fromisoformat(item["due_at"]).astimezone(AMSTERDAM)
    assert item["due_date_local"] == due.date().isoformat()
    assert (due.hour, due.minute) == (23, 59)
    zuid_items = queue(api, team="Team Zuid")
    assert zuid_items and {i["case_id"] for i in zuid_items} == {zuid["id"]}
    assert queue(api, team="Team West") == []


def test_team_mine_is_the_team_the_token_names(api: Api) -> None:
    api.register(received_at="2026-02-02T09:00:00+01:00")
    zuid = api.register(received_at="2026-02-03T09:00:00+01:00", team="Team Zuid")
    sweep(api)
    authentication = api.service.authentication
    real = authentication.authenticate

    def with_team(secret: str | None, address: str) -> Principal:
        return replace(real(secret, address), team="Team Zuid")

    authentication.authenticate = with_team  # type: ignore[method-assign]
    mine = queue(api, team="mine")
    assert mine and {i["case_id"] for i in mine} == {zuid["id"]}


def test_team_mine_follows_a_staff_members_own_token_and_their_team_as_it_is_now(
    api: Api,
) -> None:
    noord = api.register(received_at="2026-02-02T09:00:00+01:00")
    zuid = api.register(received_at="2026-02-03T09:00:00+01:00", team="Team Zuid")
    sweep(api)
    token = api.staff_member("zoe@voorbeeld.nl", MEDIATOR, team="Team Zuid")  # `--user`

    def mine() -> Any:
        headers = {"Authorization": f"Bearer {token}"}
        return api.client.get("/v1/queue", params={"team": "mine"}, headers=headers)

    answer = mine()
    assert answer.status_code == 200, answer.text
    items = answer.json()["items"]
    assert items and {i["case_id"] for i in items} == {zuid["id"]}
    moved = api.client.patch(
        "/v1/admin/users/zoe@voorbeeld.nl", json={"team": "Team Noord"}, headers=api.headers(ADMIN)
    )
    assert moved.status_code == 200, moved.text
    items = mine().json()["items"]  # the same token, the member's team as it is now
    assert items and {i["case_id"] for i in items} == {noord["id"]}
    no_team = api.get(MEDIATOR, "/v1/queue", team="mine")  # an integration's token: no team
    assert no_team.status_code == 422
    assert [e["field"] for e in no_team.json()["errors"]] == ["query.team"]
