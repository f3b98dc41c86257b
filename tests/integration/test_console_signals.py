"""The signal pages on both stores: the list, the intake form with its Dutch messages, and a
signal's page whose forms acknowledge, talk, resolve and escalate exactly as the API does."""

from __future__ import annotations

from typing import Any

import pytest

from adapters.bootstrap import Service
from application.roles import Role
from tests.integration.conftest import Api
from tests.integration.console_b import Console, access_records, client, console, post_form

__all__ = ["client", "console"]

FORM = {
    "received_at": "2026-03-16T09:30",
    "channel": "phone",
    "dossier_ref": "D-2026-0142",
    "summary": "Moeder belt: voelt zich niet gehoord over de omgang.",
    "team": "Team Noord",
    "name": "Fatima de Vries",
    "email": "f.devries@example.nl",
    "phone": "",
}


def registered(console: Console, **changes: Any) -> str:
    intake = console.as_(Role.INTAKE)
    sent = post_form(intake, "/signalen/nieuw", "/signalen", FORM | changes)
    assert sent.status_code == 303, sent.text
    location: str = sent.headers["location"]
    assert location.startswith("/signalen/S-")
    return location.rsplit("/", 1)[1]


def signal_by_reference(api: Api, reference: str) -> dict[str, Any]:
    found = api.get(Role.MEDIATOR, "/v1/signals").json()["items"]
    case_id = next(item["id"] for item in found if item["reference"] == reference)
    return dict(api.get(Role.MEDIATOR, f"/v1/signals/{case_id}").json())


def test_intake_registers_a_signal_by_form_and_the_api_reads_it_back(
    console: Console, api: Api
) -> None:
    reference = registered(console)
    signal = signal_by_reference(api, reference)
    assert signal["status"] == "received" and signal["channel"] == "phone"
    assert signal["received_at"] == "2026-03-16T08:30:00Z"  # 09:30 in Amsterdam
    assert signal["complainant"]["name"] == "Fatima de Vries"


def test_the_form_names_each_wrong_field_next_to_it_and_in_a_summary(console: Console) -> None:
    intake = console.as_(Role.INTAKE)
    wrong = FORM | {"dossier_ref": "", "email": "geen-adres", "received_at": "2026-03-17T09:00"}
    page = post_form(intake, "/signalen/nieuw", "/signalen", wrong)
    assert page.status_code == 422
    assert '<html lang="nl">' in page.text and "fouten in het formulier" in page.text
    assert 'href="#dossier_ref"' in page.text and 'href="#email"' in page.text
    assert 'id="dossier_ref-fout"' in page.text and "Vul dit veld in." in page.text
    assert 'aria-invalid="true"' in page.text
    assert "Moeder belt" in page.text  # what was typed stays
    assert "Vul een geldig e-mailadres in" in page.text
    nameless = post_form(intake, "/signalen/nieuw", "/signalen", FORM | {"name": ""})
    assert nameless.status_code == 422 and "Vul ook een naam in" in nameless.text
    future = post_form(
        intake, "/signalen/nieuw", "/signalen", FORM | {"received_at": "2026-03-20T09:00"}
    )
    assert future.status_code == 422 and "in de toekomst" in future.text


def test_the_pages_follow_the_role_table(console: Console) -> None:
    reference = registered(console)
    for role in (Role.INTAKE, Role.MEDIATOR, Role.MANAGER, Role.AUDITOR):
        browser = console.as_(role)
        assert browser.get("/signalen").status_code == 200
        assert browser.get(f"/signalen/{reference}").status_code == 200
    admin = console.as_(Role.ADMIN)
    for url in ("/signalen", f"/signalen/{reference}", "/signalen/nieuw"):
        refused = admin.get(url)
        assert refused.status_code == 403 and "Dit mag uw rol niet" in refused.text
    manager = console.as_(Role.MANAGER)
    assert manager.get("/signalen/nieuw").status_code == 403
    assert "Klacht van maken" not in manager.get(f"/signalen/{reference}").text
    intake_page = console.as_(Role.INTAKE).get(f"/signalen/{reference}").text
    assert "Reactie vastleggen" in intake_page and "Klacht van maken" not in intake_page
    assert console.as_(Role.INTAKE).post(f"/signalen/{reference}/oplossen").status_code == 403


def test_a_form_without_its_csrf_token_is_refused(console: Console, api: Api) -> None:
    reference = registered(console)
    mediator = console.as_(Role.MEDIATOR)
    refused = mediator.post(f"/signalen/{reference}/bevestigen", data={"at": "2026-03-16T09:45"})
    assert refused.status_code == 403 and "controlecode" in refused.text
    forged = {"at": "2026-03-16T09:45", "csrf": "nagemaakt"}
    assert mediator.post(f"/signalen/{reference}/bevestigen", data=forged).status_code == 403
    intake = console.as_(Role.INTAKE)
    assert intake.post("/signalen", data=FORM).status_code == 403
    assert signal_by_reference(api, reference)["status"] == "received"


def test_a_mediator_acknowledges_talks_and_resolves_by_form(console: Console, api: Api) -> None:
    reference = registered(console)
    mediator = console.as_(Role.MEDIATOR)
    url = f"/signalen/{reference}"
    done = post_form(mediator, url, f"{url}/bevestigen", {"at": "2026-03-16T09:45"})
    assert done.status_code == 303 and done.headers["location"] == url
    talk = {"at": "2026-03-16T09:50", "participants": "moeder\ngezinsvoogd", "outcome": "Helder"}
    assert post_form(mediator, url, f"{url}/gesprek", talk).status_code == 303
    solved = {"at": "2026-03-16T09:55", "outcome": "Afspraak gemaakt"}
    assert post_form(mediator, url, f"{url}/oplossen", solved).status_code == 303
    signal = signal_by_reference(api, reference)
    assert signal["status"] == "resolved"
    assert signal["conversations"][0]["participants"] == ["moeder", "gezinsvoogd"]
    page = mediator.get(url)
    assert "opgelost" in page.text and "Afspraak gemaakt" in page.text
    assert "ma 16 mrt 2026 09:55" in page.text  # as typed, Amsterdam time, the Dutch way
    again = post_form(mediator, url, f"{url}/oplossen", solved)
    assert again.status_code == 409 and "huidige stand van de zaak" in again.text


def test_escalating_makes_a_complaint_and_goes_to_it(console: Console, api: Api) -> None:
    reference = registered(console)
    mediator = console.as_(Role.MEDIATOR)
    url = f"/signalen/{reference}"
    sent = post_form(mediator, url, f"{url}/escaleren", {"at": "2026-03-16T10:00"})
    assert sent.status_code == 303 and sent.headers["location"].startswith("/klachten/K-")
    signal = signal_by_reference(api, reference)
    assert signal["status"] == "escalated" and signal["complaint_id"]
    complaint = api.get(Role.MEDIATOR, f"/v1/complaints/{signal['complaint_id']}").json()
    assert complaint["channel"] == "signal"
    assert sent.headers["location"] == f"/klachten/{complaint['reference']}"


def test_the_list_filters_and_finds_by_reference(console: Console) -> None:
    first = registered(console)
    registered(console, team="Team Zuid")
    manager = console.as_(Role.MANAGER)
    everything = manager.get("/signalen")
    assert everything.status_code == 200 and "Signalen" in everything.text
    zuid = manager.get("/signalen", params={"team": "Team Zuid"}).text
    assert "Team Zuid" in zuid and first not in zuid
    found = manager.get("/signalen", params={"kenmerk": first}).text
    assert f'href="/signalen/{first}"' in found
    assert manager.get("/signalen", params={"status": "onzin"}).status_code == 422
    assert manager.get("/signalen/S-2026-99999").status_code == 404


def test_every_page_with_personal_data_is_in_the_access_log(
    console: Console, service: Service
) -> None:
    reference = registered(console)
    auditor = console.as_(Role.AUDITOR)
    auditor.get(f"/signalen/{reference}")
    auditor.get("/signalen")
    records = access_records(service, "auditor@voorbeeld.nl")
    points = {(r.action, r.access_point) for r in records}
    assert ("read", f"GET /signalen/{reference}") in points
    assert ("list", "GET /signalen") in points
    assert all(r.case_id is not None for r in records)
    intake = access_records(service, "intake@voorbeeld.nl")
    assert any(r.action == "command" and r.access_point == "POST /signalen" for r in intake)


@pytest.mark.parametrize("role", [Role.MEDIATOR])
def test_history_shows_who_and_when(console: Console, role: Role) -> None:
    reference = registered(console)
    page = console.as_(role).get(f"/signalen/{reference}").text
    assert "Geschiedenis" in page and "intake:intake@voorbeeld.nl" in page
    assert "Vastgelegd op" in page
