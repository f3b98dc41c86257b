"""Measures followed through, their public summaries and a complaint's themes, over HTTP on
SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from adapters.clock import SettableClock
from application.roles import Role
from domain.calendar import AMSTERDAM
from tests.integration.conftest import Api

MEDIATOR, MANAGER, ADMIN = Role.MEDIATOR, Role.MANAGER, Role.ADMIN


def local(month: int, day: int, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=AMSTERDAM)


def post(api: Api, case: dict[str, Any], path: str, body: Any, role: Role = MEDIATOR) -> Any:
    return api.post(role, f"/v1/complaints/{case['id']}/{path}", body)


def upheld_case(api: Api, clock: SettableClock) -> dict[str, Any]:
    clock.set(local(2, 3).astimezone(UTC))
    case = api.register(received_at=local(1, 5).isoformat())
    assert post(api, case, "refer", {"at": local(1, 10).isoformat()}).status_code == 200
    ruling = {"at": local(1, 20).isoformat(), "verdict": "upheld"}
    assert post(api, case, "ruling", ruling).status_code == 200
    return case


def measures(api: Api, case: dict[str, Any], due: str = "2026-03-16") -> dict[str, Any]:
    body = {
        "at": local(2, 1).isoformat(),
        "measures": [
            {"description": "Vaste jeugdbeschermer", "owner_team": "Team Noord", "due": due},
            "Terugbelnorm invoeren",
        ],
    }
    response = post(api, case, "measures", body)
    assert response.status_code == 200, response.text
    return dict(response.json())


def queue_policies(api: Api, case: dict[str, Any]) -> dict[str, str]:
    items = api.get(MEDIATOR, "/v1/queue").json()["items"]
    return {i["policy"]: i["severity"] for i in items if i["case_id"] == case["id"]}


def sweep_at(api: Api, clock: SettableClock, moment: datetime) -> None:
    clock.set(moment.astimezone(UTC))
    assert api.post(ADMIN, "/v1/admin/sweeps", {}).status_code == 200


def test_measures_carry_an_owner_team_and_a_due_date(api: Api, clock: SettableClock) -> None:
    read = measures(api, upheld_case(api, clock))
    assert [(m["number"], m["owner_team"], m["due"]) for m in read["measures"]] == [
        (1, "Team Noord", "2026-03-16"),
        (2, None, None),
    ]
    assert read["status"] == "answered"


def test_an_overdue_measure_warns_five_working_days_before_then_breaches_until_done(
    api: Api, clock: SettableClock
) -> None:
    case = upheld_case(api, clock)
    measures(api, case)  # due Mon 16 Mar: the warning comes after Mon 9 Mar
    post(api, case, "close", {"at": local(2, 2).isoformat(), "reason": "Afgerond"})
    sweep_at(api, clock, local(3, 9, 12))
    assert queue_policies(api, case).get("measure_overdue") is None
    sweep_at(api, clock, local(3, 10, 8))
    assert queue_policies(api, case)["measure_overdue"] == "warning"
    sweep_at(api, clock, local(3, 17, 8))
    assert queue_policies(api, case)["measure_overdue"] == "breach"
    done = post(
        api,
        case,
        "measures/1/done",
        {"at": local(3, 17, 7).isoformat(), "evidence": "Rooster aangepast"},
    )
    assert done.status_code == 200, done.text
    assert done.json()["measures"][0]["evidence"] == "Rooster aangepast"
    assert "measure_overdue" not in queue_policies(api, case)
    history = api.get(MEDIATOR, f"/v1/complaints/{case['id']}/history").json()
    flags = [(e["type"], e["data"]["policy"]) for e in history if e["type"].startswith("Flag")]
    assert ("FlagCleared", "measure_overdue") in flags
    assert flags.count(("FlagRaised", "measure_overdue")) == 2  # the warning, then the breach


def test_a_measure_is_done_once_and_cannot_be_due_before_it_was_told(
    api: Api, clock: SettableClock
) -> None:
    case = upheld_case(api, clock)
    early = post(
        api,
        case,
        "measures",
        {
            "at": local(2, 1).isoformat(),
            "measures": [{"description": "Te vroeg", "due": "2026-01-30"}],
        },
    )
    assert early.status_code == 422
    assert [e["field"] for e in early.json()["errors"]] == ["body.measures.0.due"]
    measures(api, case)
    body = {"at": local(2, 1, 11).isoformat(), "evidence": "Gedaan"}
    assert post(api, case, "measures/1/done", body).status_code == 200
    assert post(api, case, "measures/1/done", body).status_code == 409
    assert post(api, case, "measures/9/done", body).status_code == 409


def test_a_summary_is_published_only_after_another_manager_approves_it(
    api: Api, clock: SettableClock
) -> None:
    case = measures(api, upheld_case(api, clock))
    text = {"text": "Elk gezin krijgt een vaste jeugdbeschermer."}
    assert post(api, case, "measures/1/summary", text, role=MEDIATOR).status_code == 403
    assert post(api, case, "measures/1/summary/approve", {}, role=MANAGER).status_code == 409
    written = post(api, case, "measures/1/summary", text, role=MANAGER)
    assert written.status_code == 200 and not written.json()["measures"][0]["summary_approved"]
    same = post(api, case, "measures/1/summary/approve", {}, role=MANAGER)
    assert same.status_code == 409 and "another manager" in same.json()["detail"]
    other = api.service.tokens.create(MANAGER, "manager-2")
    approved = api.client.post(
        f"/v1/complaints/{case['id']}/measures/1/summary/approve",
        json={},
        headers={"Authorization": f"Bearer {other}"},
    )
    assert approved.status_code == 200 and approved.json()["measures"][0]["summary_approved"]


def test_themes_come_from_the_configured_list_and_filter_the_list(
    api: Api, clock: SettableClock
) -> None:
    clock.set(local(3, 20).astimezone(UTC))
    case, other = api.register(received_at=local(3, 1).isoformat()), api.register()
    set_themes = post(api, case, "themes", {"themes": ["privacy", "bejegening"]})
    assert set_themes.status_code == 200 and set_themes.json()["themes"] == [
        "bejegening",
        "privacy",
    ]
    unknown = post(api, other, "themes", {"themes": ["bejegening", "parkeren"]})
    assert unknown.status_code == 422
    assert [e["field"] for e in unknown.json()["errors"]] == ["body.themes.1"]
    listed = api.get(MEDIATOR, "/v1/complaints", theme="privacy").json()["items"]
    assert [c["id"] for c in listed] == [case["id"]] and listed[0]["themes"] == [
        "bejegening",
        "privacy",
    ]
    assert api.get(MEDIATOR, "/v1/complaints", theme="parkeren").status_code == 422


CUSTOM_THEMES = '["wachttijd", "bejegening", "rapportage"]'  # as GEHOORD_THEMES holds them


@pytest.mark.parametrize(
    "settings_changes", [pytest.param({"themes": CUSTOM_THEMES}, id="custom-themes")]
)
def test_a_configured_theme_list_replaces_the_default_one(api: Api, clock: SettableClock) -> None:
    assert api.service.settings.themes == ["wachttijd", "bejegening", "rapportage"]
    clock.set(local(3, 20).astimezone(UTC))
    case, other = api.register(received_at=local(3, 1).isoformat()), api.register()
    custom = post(api, case, "themes", {"themes": ["wachttijd", "bejegening"]})
    assert custom.status_code == 200, custom.text
    assert custom.json()["themes"] == ["bejegening", "wachttijd"]
    for default_only in ("privacy", "communicatie"):  # in the default list, not in this one
        refused = post(api, other, "themes", {"themes": ["rapportage", default_only]})
        assert refused.status_code == 422, refused.text
        assert [e["field"] for e in refused.json()["errors"]] == ["body.themes.1"]
    read = api.get(MEDIATOR, f"/v1/complaints/{other['id']}").json()
    assert read["themes"] == []
    listed = api.get(MEDIATOR, "/v1/complaints", theme="wachttijd").json()["items"]
    assert [c["id"] for c in listed] == [case["id"]]
    assert api.get(MEDIATOR, "/v1/complaints", theme="privacy").status_code == 422
