"""The deadline rules of DOMAIN.md through the API, on SQLite and PostgreSQL: recorded policy
versions, end of day, extensions in time, suspensions in whole days, agreements after talks."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from adapters.bootstrap import Service, build
from adapters.clock import SettableClock
from adapters.settings import Settings
from api.app import create_app
from application.roles import Role
from domain.calendar import AMSTERDAM
from domain.policy import Policy
from tests.integration.conftest import Api

MEDIATOR = Role.MEDIATOR


def local(month: int, day: int, hour: int = 10, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, second, tzinfo=AMSTERDAM)


def clocks(api: Api, case: dict[str, Any]) -> dict[str, dict[str, Any]]:
    response = api.get(MEDIATOR, f"/v1/complaints/{case['id']}/deadlines")
    assert response.status_code == 200, response.text
    return {c["key"]: c for c in response.json()["clocks"]}


def post(api: Api, case: dict[str, Any], command: str, body: dict[str, Any]) -> Any:
    return api.post(MEDIATOR, f"/v1/complaints/{case['id']}/{command}", body)


@pytest.fixture
def later_service(service: Service, clock: SettableClock) -> Iterator[Service]:
    """The same store, opened with a policy version added afterwards and back-dated to 2019."""
    backdated = Policy(
        version="2019-strict", effective_from=date(2019, 2, 1), acknowledgement_days=1
    )
    settings = Settings(database_url=service.settings.database_url, policy_versions=[backdated])
    reopened = build(settings, clock)
    yield reopened
    reopened.close()


def test_a_back_dated_version_added_after_a_case_started_never_re_judges_it(
    api: Api, later_service: Service, clock: SettableClock
) -> None:
    clock.set(local(7, 20).astimezone(UTC))
    case = api.register(received_at=local(7, 1).isoformat())
    post(
        api,
        case,
        "conversations",
        {
            "at": local(7, 3).isoformat(),
            "participants": ["X"],
            "outcome": "unresolved",
            "agreements": [],
        },
    )
    before = clocks(api, case)
    read_before = api.get(MEDIATOR, f"/v1/complaints/{case['id']}").json()
    with TestClient(create_app(service=later_service), raise_server_exceptions=False) as client:
        later = Api(client, later_service, holder="2")
        after = clocks(later, case)
        assert after == before
        assert all(
            "policy 2019-1, recorded when the clock started" in c["explanation"]
            for c in after.values()
        )
        later_service.projections.rebuild("cases")
        assert clocks(later, case) == before
        later_service.sweep.run(clock.now())
        read = later.get(MEDIATOR, f"/v1/complaints/{case['id']}").json()
        assert (read["open_flags"], read["version"]) == (
            read_before["open_flags"],
            read_before["version"],
        ), "a sweep under the new configuration changed nothing on the started case"


def test_a_new_case_after_the_version_was_added_records_the_new_version(
    later_service: Service, clock: SettableClock
) -> None:
    clock.set(local(7, 20).astimezone(UTC))
    with TestClient(create_app(service=later_service), raise_server_exceptions=False) as client:
        later = Api(client, later_service)
        case = later.register(received_at=local(7, 1).isoformat())
        acknowledgement = clocks(later, case)["acknowledgement"]
        assert acknowledgement["policy_version"] == "2019-strict"
        assert "1 working days after receipt" in acknowledgement["explanation"]


@pytest.mark.parametrize(
    ("offset", "status"),
    [(timedelta(seconds=-1), 200), (timedelta(seconds=1), 409)],
    ids=["one second before the due moment", "one second after"],
)
def test_an_extension_must_be_decided_before_the_decision_falls_due(
    api: Api, clock: SettableClock, offset: timedelta, status: int
) -> None:
    clock.set(local(5, 1).astimezone(UTC))
    case = api.register(received_at=local(3, 2).isoformat())
    due = datetime.fromisoformat(clocks(api, case)["decision"]["due_at"])
    assert due.astimezone(AMSTERDAM).date() == date(2026, 4, 13)
    response = post(
        api,
        case,
        "extend",
        {"clock": "decision", "weeks": 4, "reason": "Commissie", "at": (due + offset).isoformat()},
    )
    assert response.status_code == status, response.text
    if status == 409:
        assert "before the decision clock falls due" in response.json()["detail"]
    else:
        decision = clocks(api, case)["decision"]
        assert datetime.fromisoformat(decision["due_at"]).astimezone(AMSTERDAM).date() == date(
            2026, 5, 11
        )
        assert "decided and told on Mon 13 Apr 2026" in decision["explanation"]


def test_an_extension_without_at_is_decided_now(api: Api, clock: SettableClock) -> None:
    clock.set(local(3, 20).astimezone(UTC))
    case = api.register(received_at=local(3, 2).isoformat())
    response = post(api, case, "extend", {"clock": "decision", "weeks": 2, "reason": "Drukte"})
    assert response.status_code == 200, response.text
    assert response.json()["extensions"][0]["at"] == "2026-03-20T09:00:00Z"


@pytest.mark.parametrize("hour", [9, 20])
def test_a_suspension_counts_calendar_days_whatever_the_hour_of_receipt(
    api: Api, clock: SettableClock, hour: int
) -> None:
    """A 29-hour suspension from Tue 10:00 to Wed 15:00 moves the due date by one day, for a
    complaint received at 09:00 as for one received at 20:00 (a wall-clock sum moved the 20:00
    one by two)."""
    clock.set(local(3, 10).astimezone(UTC))
    case = api.register(received_at=local(3, 2, hour).isoformat())
    post(api, case, "suspend", {"at": local(3, 3, 10).isoformat(), "reason": "Wacht"})
    post(api, case, "resume", {"at": local(3, 4, 15).isoformat(), "reason": "Terug"})
    decision = clocks(api, case)["decision"]
    due = datetime.fromisoformat(decision["due_at"]).astimezone(AMSTERDAM)
    assert due.date() == date(2026, 4, 14)  # 13 Apr + 1 suspended day
    assert "1 day not counted" in decision["explanation"]


def test_a_deadline_on_day_d_is_met_by_anything_before_midnight(
    api: Api, clock: SettableClock
) -> None:
    clock.set(local(3, 2).astimezone(UTC))
    case = api.register(received_at=local(3, 2).isoformat())
    due = datetime.fromisoformat(clocks(api, case)["acknowledgement"]["due_at"])
    assert due.astimezone(AMSTERDAM).date() == date(2026, 3, 9)
    last_moment = datetime(2026, 3, 9, 23, 59, 59, 999_000, tzinfo=AMSTERDAM)
    clock.set(last_moment.astimezone(UTC))
    assert post(api, case, "acknowledge", {"at": last_moment.isoformat()}).status_code == 200
    clock.set(local(3, 10, 8).astimezone(UTC))
    assert api.post(Role.ADMIN, "/v1/admin/sweeps", {}).status_code == 200
    acknowledgement = clocks(api, case)["acknowledgement"]
    assert acknowledgement["state"] == "met"
    assert datetime.fromisoformat(acknowledgement["met_at"]) <= due
    assert "(late)" not in acknowledgement["explanation"]
    history = api.get(MEDIATOR, f"/v1/complaints/{case['id']}/history").json()
    breaches = [e for e in history if e["type"] == "FlagRaised" and "breach" in str(e["data"])]
    assert not [b for b in breaches if b["data"]["key"].startswith("complaint_acknowledgement")]


@pytest.mark.parametrize(
    ("due", "status"),
    [(date(2026, 3, 4), 422), (date(2026, 3, 5), 200), (date(2026, 3, 6), 200)],
    ids=["the day before the conversation", "the day of it", "the day after"],
)
def test_an_agreement_cannot_be_due_before_its_conversation(
    api: Api, clock: SettableClock, due: date, status: int
) -> None:
    clock.set(local(3, 10).astimezone(UTC))
    case = api.register(received_at=local(3, 2).isoformat())
    body = {
        "at": local(3, 5).isoformat(),
        "participants": ["X"],
        "outcome": "unresolved",
        "agreements": [{"description": "Bellen", "due": due.isoformat()}],
    }
    response = post(api, case, "conversations", body)
    assert response.status_code == status, response.text
    if status == 422:
        assert [e["field"] for e in response.json()["errors"]] == ["body.agreements.0.due"]
        assert api.get(MEDIATOR, f"/v1/complaints/{case['id']}").json()["conversations"] == []
