"""Retention on both stores: the destruction list due under GEHOORD_RETENTION, refused to its
proposer, approved by a second person, which crypto-shreds every listed case still due and
keeps its tombstone; report totals unchanged, the chain still verifying, held cases untouched,
every step an event."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from adapters.cli import cli
from adapters.scheduler import retention_night
from application.roles import Role
from tests.integration.conftest import Api

ADMIN, MANAGER, MEDIATOR, AUDITOR = Role.ADMIN, Role.MANAGER, Role.MEDIATOR, Role.AUDITOR


def ended_complaint(
    api: Api, received: str, ended: str, how: str = "close", **data: Any
) -> dict[str, Any]:
    case = api.register(received_at=f"{received}T09:00:00+00:00", **data)
    path = f"/v1/complaints/{case['id']}"
    assert (
        api.post(MEDIATOR, f"{path}/acknowledge", {"at": f"{received}T10:00:00+00:00"}).status_code
        == 200
    )
    body = {"at": f"{ended}T09:00:00+00:00", "reason": "afgerond met Pieter Post"}
    answer = api.post(MEDIATOR, f"{path}/{how}", body)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def resolved_signal(api: Api, received: str, resolved: str) -> dict[str, Any]:
    body = {
        "received_at": f"{received}T09:00:00+00:00",
        "channel": "phone",
        "dossier_ref": "D-2023-0001",
        "summary": "Moeder van Pieter Post belde",
        "complainant": {"name": "Marie Post", "email": "marie.post@example.nl"},
    }
    signal = api.post(Role.INTAKE, "/v1/signals", body).json()
    done = {"at": f"{resolved}T09:00:00+00:00", "outcome": "uitgelegd aan Marie Post"}
    assert api.post(MEDIATOR, f"/v1/signals/{signal['id']}/resolve", done).status_code == 200
    return dict(signal)


def report(api: Api, year: int) -> dict[str, Any]:
    answer = api.get(
        MANAGER,
        "/v1/reports/complaints-analysis",
        **{"from": f"{year}-01-01", "to": f"{year}-12-31"},
    )
    assert answer.status_code == 200, answer.text
    return {k: v for k, v in answer.json().items() if k != "generated_at"}


def listed(proposal: dict[str, Any]) -> set[str]:
    return {case["reference"] for case in proposal["cases"]}


def test_a_second_person_approves_and_the_due_cases_are_shredded(api: Api) -> None:
    old = ended_complaint(api, "2019-01-10", "2020-06-01", subject="Pieter Post wacht")
    recent = ended_complaint(api, "2020-02-01", "2021-06-01")
    withdrawn = ended_complaint(api, "2024-01-02", "2024-06-03", how="withdraw")
    signal = resolved_signal(api, "2023-01-10", "2023-02-01")
    held = ended_complaint(api, "2019-03-04", "2020-05-04", subject="Rechtszaak Post")
    running = api.register(received_at="2019-05-06T09:00:00+00:00")
    hold = {"reason": "lopende rechtszaak"}
    assert api.post(ADMIN, f"/v1/complaints/{held['id']}/legal-hold", hold).status_code == 200
    totals_2020 = report(api, 2020)

    proposed = api.post(ADMIN, "/v1/admin/retention/proposals", {})
    assert proposed.status_code == 201, proposed.text
    proposal = proposed.json()
    assert listed(proposal) == {old["reference"], withdrawn["reference"], signal["reference"]}
    assert recent["reference"] not in listed(proposal) and running["reference"] not in listed(
        proposal
    )
    assert "Pieter" not in proposed.text and "Post" not in proposed.text
    again = api.post(ADMIN, "/v1/admin/retention/proposals", {})
    assert (again.status_code, again.json()["status"]) == (200, "nothing_due")

    path = f"/v1/admin/retention/proposals/{proposal['id']}/approve"
    refused = api.post(ADMIN, path, {})
    assert refused.status_code == 409 and "proposer" in refused.json()["detail"]
    api.post(
        ADMIN, f"/v1/complaints/{withdrawn['id']}/legal-hold", {"reason": "klacht bij de rechter"}
    )
    approved = api.post(MANAGER, path, {})
    assert approved.status_code == 200, approved.text
    assert (approved.json()["status"], approved.json()["destroyed"], approved.json()["kept"]) == (
        "approved",
        2,
        1,
    )

    tombstone = api.get(MEDIATOR, f"/v1/complaints/{old['id']}").json()
    assert (tombstone["reference"], tombstone["status"], tombstone["subject"]) == (
        old["reference"],
        "closed",
        "[erased]",
    )
    assert tombstone["received_at"] == "2019-01-10T09:00:00Z"
    assert api.get(MEDIATOR, f"/v1/signals/{signal['id']}").json()["summary"] == "[erased]"
    for kept in (held, withdrawn, recent):
        assert (
            api.get(MEDIATOR, f"/v1/complaints/{kept['id']}").json()["complainant"]["name"]
            == "Fatima de Vries"
        )
    assert report(api, 2020) == totals_2020
    runner = api.service.projections
    for name, projection in runner.projections.items():
        if projection.clear is not None:
            runner.rebuild(name)
    assert report(api, 2020) == totals_2020  # also when rebuilt from the shredded log
    assert api.get(AUDITOR, "/v1/audit/verify").json()["ok"] is True
    history = api.get(MEDIATOR, f"/v1/complaints/{old['id']}/history").json()
    assert history[-1]["type"] == "Destroyed" and history[-1]["actor"] == "manager:manager-1"
    types = [e["type"] for e in api.get(AUDITOR, "/v1/audit/events", limit=500).json()["items"]]
    assert {"Proposed", "Approved", "Destroyed", "LegalHoldPlaced"} <= set(types)
    finished = api.post(MANAGER, path, {})  # approving again only finishes the shredding
    assert (finished.status_code, finished.json()["destroyed"]) == (200, 2)
    listed_now = api.get(ADMIN, "/v1/admin/retention/proposals").json()["items"]
    assert [(p["status"], p["approved_by"]) for p in listed_now] == [
        ("approved", "manager:manager-1")
    ]


def test_a_legal_hold_is_placed_and_lifted_by_an_admin_only(api: Api) -> None:
    case = ended_complaint(api, "2019-01-10", "2020-06-01")
    path = f"/v1/complaints/{case['id']}/legal-hold"
    assert api.post(MEDIATOR, path, {"reason": "x"}).status_code == 403
    assert api.post(ADMIN, path, {"reason": "rechtszaak"}).json()["on_hold"] is True
    assert api.post(ADMIN, path, {"reason": "nog eens"}).status_code == 409
    nothing = api.post(ADMIN, "/v1/admin/retention/proposals", {}).json()
    assert nothing["status"] == "nothing_due"
    lifted = api.client.delete(path, headers=api.headers(ADMIN))
    assert lifted.status_code == 200 and lifted.json()["on_hold"] is False
    assert listed(api.post(ADMIN, "/v1/admin/retention/proposals", {}).json()) == {
        case["reference"]
    }
    unknown = "/v1/complaints/00000000-0000-0000-0000-000000000000/legal-hold"
    assert api.post(ADMIN, unknown, {"reason": "x"}).status_code == 404


def test_the_nightly_job_proposes_once_and_a_person_approves(api: Api) -> None:
    case = ended_complaint(api, "2019-01-10", "2020-06-01")
    retention_night(api.service)
    retention_night(api.service)  # the night is claimed: a second run proposes nothing
    lists = api.get(ADMIN, "/v1/admin/retention/proposals").json()["items"]
    assert [(p["proposed_by"], listed(p)) for p in lists] == [
        ("system:retention", {case["reference"]})
    ]
    approved = api.post(ADMIN, f"/v1/admin/retention/proposals/{lists[0]['id']}/approve", {})
    assert approved.json()["destroyed"] == 1


def test_the_cli_proposes_the_list(api: Api, database_url: str) -> None:
    case = ended_complaint(api, "2019-01-10", "2020-06-01")
    runner = CliRunner(env={"GEHOORD_DATABASE_URL": database_url, "GEHOORD_SCHEDULER": "off"})
    result = runner.invoke(cli, ["retention", "propose"])
    assert result.exit_code == 0, result.output
    assert "awaiting approval" in result.stdout and case["reference"] in result.stdout
    again = runner.invoke(cli, ["retention", "propose"])
    assert "nothing is due" in again.stdout


DEFAULT_DUE = {"closed 2020", "withdrawn 2024", "signal 2023"}


@pytest.mark.parametrize(
    ("settings_changes", "due"),
    [
        pytest.param({}, DEFAULT_DUE, id="default"),
        pytest.param(
            # closed complaints kept 2 years, withdrawn ones 3; signals keep their default 2
            {"retention": '{"closed_complaint_years": 2, "withdrawn_complaint_years": 3}'},
            {"closed 2020", "closed 2023", "signal 2023"},
            id="custom",
        ),
        pytest.param(
            {"retention": '{"closed_complaint_years": 7, "signal_years": 4}'},
            {"withdrawn 2024"},
            id="longer",
        ),
    ],
)
def test_the_configured_retention_decides_which_cases_are_proposed(api: Api, due: set[str]) -> None:
    """The clock stands at 16 March 2026."""
    cases = {
        "closed 2020": ended_complaint(api, "2019-01-10", "2020-06-01")["reference"],
        "closed 2023": ended_complaint(api, "2022-09-05", "2023-06-01")["reference"],
        "closed 2025": ended_complaint(api, "2025-01-06", "2025-06-02")["reference"],
        "withdrawn 2024": ended_complaint(api, "2024-01-02", "2024-06-03", how="withdraw")[
            "reference"
        ],
        "signal 2023": resolved_signal(api, "2023-01-10", "2023-02-01")["reference"],
    }

    proposed = api.post(ADMIN, "/v1/admin/retention/proposals", {})

    assert proposed.status_code == 201, proposed.text
    assert listed(proposed.json()) == {cases[name] for name in due}
