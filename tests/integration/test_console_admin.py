"""The administrator's pages on both stores: staff (add, change, disable, enable), a token
shown once, erasure, subject access with its logged export, destruction lists approved only by
a second person, and legal holds; each form refused without its CSRF token."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from adapters.bootstrap import Service
from application.roles import Role
from tests.integration.conftest import Api
from tests.integration.console_b import Console, access_records, client, console, post_form
from tests.integration.test_retention_http import ended_complaint

__all__ = ["client", "console"]


def users(api: Api) -> dict[str, dict[str, object]]:
    listed = api.get(Role.ADMIN, "/v1/admin/users").json()["items"]
    return {item["email"]: item for item in listed}


def test_the_admin_pages_follow_the_role_table(console: Console) -> None:
    admin = console.as_(Role.ADMIN)
    for url in ("/beheer", "/beheer/privacy", "/beheer/bewaren"):
        page = admin.get(url)
        assert page.status_code == 200 and '<html lang="nl">' in page.text
    manager = console.as_(Role.MANAGER)
    assert manager.get("/beheer/bewaren").status_code == 200  # a second person approves
    assert "Vernietigingslijst voorstellen" not in manager.get("/beheer/bewaren").text
    for role in (Role.INTAKE, Role.MEDIATOR, Role.MANAGER, Role.AUDITOR):
        browser = console.as_(role)
        for url in ("/beheer", "/beheer/privacy"):
            refused = browser.get(url)
            assert refused.status_code == 403 and "Dit mag uw rol niet" in refused.text
    for role in (Role.INTAKE, Role.MEDIATOR, Role.AUDITOR):
        assert console.as_(role).get("/beheer/bewaren").status_code == 403


def test_forms_without_their_csrf_token_change_nothing(console: Console, api: Api) -> None:
    admin = console.as_(Role.ADMIN)
    new = {"email": "nieuw@voorbeeld.nl", "name": "Nieuw", "role": "mediator"}
    assert admin.post("/beheer/medewerkers", data=new).status_code == 403
    assert admin.post("/beheer/privacy/wissen", data={"email": "x@example.nl"}).status_code == 403
    assert admin.post("/beheer/bewaren/voorstellen").status_code == 403
    assert "nieuw@voorbeeld.nl" not in users(api)


def test_an_admin_adds_changes_disables_and_enables_a_member(console: Console, api: Api) -> None:
    admin = console.as_(Role.ADMIN)
    new = {"email": "bram@voorbeeld.nl", "name": "Bram Jansen", "role": "mediator", "team": ""}
    added = post_form(admin, "/beheer", "/beheer/medewerkers", new)
    assert added.status_code == 303 and added.headers["location"] == "/beheer?melding=toegevoegd"
    assert "De medewerker is toegevoegd" in admin.get(added.headers["location"]).text
    member = users(api)["bram@voorbeeld.nl"]
    assert member["role"] == "mediator" and member["active"] is True
    record = console.service.staff.by_email("bram@voorbeeld.nl")
    assert record is not None
    url = f"/beheer/medewerkers/{record.member_id}"
    changed = post_form(admin, "/beheer", url, {"role": "manager", "team": "Team Zuid"})
    assert changed.status_code == 303
    assert users(api)["bram@voorbeeld.nl"]["role"] == "manager"
    assert users(api)["bram@voorbeeld.nl"]["team"] == "Team Zuid"
    assert post_form(admin, "/beheer", url, {"active": "uit"}).status_code == 303
    assert users(api)["bram@voorbeeld.nl"]["active"] is False
    assert post_form(admin, "/beheer", url, {"active": "aan"}).status_code == 303
    assert users(api)["bram@voorbeeld.nl"]["active"] is True


def test_the_add_form_names_wrong_fields_and_a_taken_address(console: Console) -> None:
    admin = console.as_(Role.ADMIN)
    wrong = post_form(admin, "/beheer", "/beheer/medewerkers", {"email": "geen", "name": ""})
    assert wrong.status_code == 422 and "fouten in het formulier" in wrong.text
    assert 'href="#email"' in wrong.text and 'href="#name"' in wrong.text
    taken = {"email": "admin@voorbeeld.nl", "name": "Dubbel", "role": "admin"}
    twice = post_form(admin, "/beheer", "/beheer/medewerkers", taken)
    assert twice.status_code == 409 and "Er is al een medewerker met dit e-mailadres." in twice.text


def test_a_token_for_a_member_is_shown_once_and_acts_as_them(
    console: Console, client: TestClient
) -> None:
    admin = console.as_(Role.ADMIN)
    mediator = console.service.staff.by_email("admin@voorbeeld.nl")
    assert mediator is not None
    made = post_form(admin, "/beheer", "/beheer/tokens", {"member_id": mediator.member_id})
    assert made.status_code == 201 and "no-store" in made.headers["cache-control"]
    secret = re.search(r'id="token" readonly value="(ghd_[^"]+)"', made.text)
    assert secret is not None
    me = client.get("/v1/me", headers={"Authorization": f"Bearer {secret.group(1)}"})
    assert me.status_code == 200 and me.json()["role"] == "admin"
    assert secret.group(1) not in admin.get("/beheer").text


def test_erasure_by_reference_erases_the_person(console: Console, api: Api) -> None:
    complaint = api.register()
    admin = console.as_(Role.ADMIN)
    data = {"kenmerk": complaint["reference"], "email": ""}
    erased = post_form(admin, "/beheer/privacy", "/beheer/privacy/wissen", data)
    assert erased.status_code == 303 and erased.headers["location"].endswith("melding=gewist")
    read = api.get(Role.MEDIATOR, f"/v1/complaints/{complaint['id']}").json()
    assert read["complainant"]["name"] == "[erased]"
    both = {"kenmerk": complaint["reference"], "email": "f.devries@example.nl"}
    refused = post_form(admin, "/beheer/privacy", "/beheer/privacy/wissen", both)
    assert refused.status_code == 422 and "óf een e-mailadres óf een kenmerk" in refused.text


def test_a_subject_access_request_is_registered_and_its_export_logged(
    console: Console, api: Api, service: Service
) -> None:
    complaint = api.register()
    admin = console.as_(Role.ADMIN)
    data = {"email": "f.devries@example.nl", "received_at": "2026-03-16T09:00"}
    made = post_form(admin, "/beheer/privacy", "/beheer/privacy/inzage", data)
    assert made.status_code == 303 and made.headers["location"].startswith("/beheer/inzage/")
    page = admin.get(made.headers["location"])
    assert page.status_code == 200 and "Uiterlijk beantwoorden" in page.text
    assert "f.devries" not in made.headers["location"]
    export = admin.get(made.headers["location"] + "/export", params={"formaat": "html"})
    assert export.status_code == 200 and "attachment" in export.headers["content-disposition"]
    assert "Fatima de Vries" in export.text
    exports = [r for r in access_records(service, "admin@voorbeeld.nl") if r.action == "export"]
    assert any(str(r.case_id) == complaint["id"] for r in exports)
    assert "beantwoord" in admin.get(made.headers["location"]).text


def test_a_destruction_list_is_approved_only_by_a_second_person(console: Console, api: Api) -> None:
    old = ended_complaint(api, "2024-01-08", "2024-02-01", how="withdraw")
    admin = console.as_(Role.ADMIN)
    proposed = post_form(admin, "/beheer/bewaren", "/beheer/bewaren/voorstellen", {})
    assert proposed.headers["location"].endswith("melding=voorgesteld")
    page = admin.get("/beheer/bewaren").text
    assert old["reference"] in page and "Wacht op goedkeuring" in page
    action = re.search(r'action="(/beheer/bewaren/[0-9a-f-]+/goedkeuren)"', page)
    assert action is not None
    own = post_form(admin, "/beheer/bewaren", action.group(1), {})
    assert own.status_code == 409 and "tweede persoon" in own.text
    manager = console.as_(Role.MANAGER)
    approved = post_form(manager, "/beheer/bewaren", action.group(1), {})
    assert approved.status_code == 303
    read = api.get(Role.MEDIATOR, f"/v1/complaints/{old['id']}").json()
    assert read["complainant"]["name"] == "[erased]"


def test_a_legal_hold_keeps_a_case_off_the_list(console: Console, api: Api) -> None:
    old = ended_complaint(api, "2024-01-08", "2024-02-01", how="withdraw")
    admin = console.as_(Role.ADMIN)
    data = {"kenmerk": old["reference"], "reason": "rechtszaak loopt"}
    held = post_form(admin, "/beheer/bewaren", "/beheer/bewaren/bewaarplicht", data)
    assert held.headers["location"].endswith("melding=vastgezet")
    nothing = post_form(admin, "/beheer/bewaren", "/beheer/bewaren/voorstellen", {})
    assert nothing.headers["location"].endswith("melding=niets-te-vernietigen")
    lifted = {"kenmerk": old["reference"], "lift": "ja"}
    assert (
        post_form(admin, "/beheer/bewaren", "/beheer/bewaren/bewaarplicht", lifted).status_code
        == 303
    )
    again = post_form(admin, "/beheer/bewaren", "/beheer/bewaren/voorstellen", {})
    assert again.headers["location"].endswith("melding=voorgesteld")


def test_every_form_of_part_b_refuses_a_post_without_its_csrf_token(
    console: Console, api: Api
) -> None:
    """Each POST route, with a role that may use it, answers 403 and changes nothing."""
    complaint = api.register()
    signal = api.post(
        Role.INTAKE,
        "/v1/signals",
        {
            "received_at": "2026-03-16T09:00:00+01:00",
            "channel": "phone",
            "dossier_ref": "D-1",
            "summary": "Belt",
        },
    ).json()
    posts = {
        Role.INTAKE: ["/signalen", "/stem", f"/signalen/{signal['reference']}/bevestigen"],
        Role.MEDIATOR: [
            f"/signalen/{signal['reference']}/{step}"
            for step in ("bevestigen", "gesprek", "oplossen", "escaleren")
        ],
        Role.MANAGER: ["/beheer/bewaren/00000000-0000-0000-0000-000000000000/goedkeuren"],
        Role.ADMIN: [
            "/beheer/medewerkers",
            "/beheer/medewerkers/x",
            "/beheer/tokens",
            "/beheer/privacy/wissen",
            "/beheer/privacy/inzage",
            "/beheer/bewaren/voorstellen",
            "/beheer/bewaren/bewaarplicht",
        ],
    }
    for role, urls in posts.items():
        browser = console.as_(role)
        for url in urls:
            data = {"kenmerk": complaint["reference"], "at": "2026-03-16T09:30", "reason": "x"}
            refused = browser.post(url, data=data)
            assert refused.status_code == 403, url
            assert "controlecode" in refused.text, url
    read = api.get(Role.MEDIATOR, f"/v1/signals/{signal['id']}").json()
    assert read["status"] == "received" and read["version"] == 1
