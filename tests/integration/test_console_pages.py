"""The console's pages through the app on both stores: the work list and the complaint pages in
Dutch, each form for the roles that may use it, CSRF on every POST, refusals as Dutch pages, and
every page that shows personal data in the access log."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from adapters.bootstrap import Service
from api.schemas.complaints import ComplaintCreate
from application.complaint_use_cases import AssignMediator
from application.roles import Role
from tests.integration.conftest import NOW, complaint_body
from tests.integration.console import Console, form_fields

MEDIATOR = "anna@voorbeeld.nl"


@pytest.fixture
def console(service: Service) -> Iterator[Console]:
    with Console(service) as started:
        yield started


def registered(service: Service, mediator: str | None = None, **changes: Any) -> str:
    """A complaint received ten days ago (so its acknowledgement is overdue): its reference."""
    command = ComplaintCreate.model_validate(complaint_body(**changes)).command()
    view = service.commands.run(command, actor="intake:test")
    if mediator:
        service.commands.run(AssignMediator(view.case.id, mediator), actor="mediator:test")
    return str(view.case.reference)


def local(moment: Any) -> str:
    return str(moment.astimezone().strftime("%Y-%m-%dT%H:%M"))


def test_the_work_list_puts_a_breach_in_dutch_words_with_the_step_that_clears_it(
    console: Console, service: Service
) -> None:
    anna = console.person(MEDIATOR, Role.MEDIATOR)
    reference = registered(service, MEDIATOR)
    page = anna.get("/werkvoorraad")
    assert page.status_code == 200, page.text
    assert reference in page.text and "Afspraken niet nagekomen" in page.text
    assert "overschreden" in page.text and "ontvangstbevestiging te laat" in page.text
    assert "Team Noord" in page.text and "<details>" in page.text
    assert "vr 13 mrt 2026" in page.text  # the due day, the Dutch way
    assert f'href="/klachten/{reference}?actie=bevestigen#bevestigen"' in page.text
    [record] = [r for r in console.accesses(MEDIATOR) if r.access_point == "GET /werkvoorraad"]
    assert record.action == "list" and record.person_id is not None


def test_work_list_filters_narrow_the_queue(console: Console, service: Service) -> None:
    anna = console.person(MEDIATOR, Role.MEDIATOR)
    mine, others = registered(service, MEDIATOR), registered(service, team="Team Zuid")
    assert mine in anna.get("/werkvoorraad").text
    assert others not in anna.get("/werkvoorraad").text  # a mediator starts with their own
    everything = anna.get("/werkvoorraad", params={"wie": "alle"}).text
    assert mine in everything and others in everything
    assert mine not in anna.get("/werkvoorraad", params={"wie": "alle", "ernst": "warning"}).text
    none = anna.get("/werkvoorraad", params={"wie": "alle", "beleid": "minutes_overdue"}).text
    assert mine not in none and "Niets te doen" in none


def test_each_role_sees_only_the_pages_it_may_use(console: Console) -> None:
    links = {
        Role.MEDIATOR: ["/werkvoorraad", "/klachten", "/signalen"],
        Role.INTAKE: ["/klachten", "/signalen", "/stem"],
        Role.MANAGER: ["/werkvoorraad", "/klachten", "/signalen", "/overzicht"],
        Role.AUDITOR: ["/klachten", "/signalen", "/audit"],
        Role.ADMIN: ["/beheer"],
    }
    every = ["/werkvoorraad", "/klachten", "/signalen", "/stem", "/overzicht", "/audit", "/beheer"]
    for role, allowed in links.items():
        browser = console.person(f"{role}@voorbeeld.nl", role)
        page = browser.get("/mijn-gegevens")
        assert page.status_code == 200 and '<html lang="nl"' in page.text
        shown = [path for path in every if f'<li><a href="{path}"' in page.text]
        assert shown == allowed, role


def test_a_role_without_the_queue_starts_elsewhere_and_intake_cannot_work_a_case(
    console: Console, service: Service
) -> None:
    reference = registered(service)
    intake = console.person("ilse@voorbeeld.nl", Role.INTAKE)
    assert intake.get("/werkvoorraad").headers["location"] == "/klachten"
    page = intake.get(f"/klachten/{reference}")
    assert page.status_code == 200 and "Ontvangst bevestigen" in page.text
    assert "Verslag versturen" not in page.text and "Geschiedenis" not in page.text
    fields = form_fields(page, f"/klachten/{reference}/bevestigen")
    refused = intake.post(f"/klachten/{reference}/verslag", data=fields)
    assert refused.status_code == 403 and "Dit mag uw rol niet" in refused.text
    auditor = console.person("aad@voorbeeld.nl", Role.AUDITOR)
    assert auditor.get("/klachten/nieuw").status_code == 403


def test_a_post_without_its_csrf_token_is_refused_and_records_nothing(
    console: Console, service: Service
) -> None:
    anna = console.person(MEDIATOR, Role.MEDIATOR)
    reference = registered(service, MEDIATOR)
    page = anna.get(f"/klachten/{reference}")
    fields = form_fields(page, f"/klachten/{reference}/bevestigen") | {"bevestigen-at": local(NOW)}
    forged = anna.post(f"/klachten/{reference}/bevestigen", data=fields | {"csrf": "forged"})
    assert forged.status_code == 403 and "Dit formulier is verlopen" in forged.text
    missing = {k: v for k, v in fields.items() if k != "csrf"}
    assert anna.post(f"/klachten/{reference}/bevestigen", data=missing).status_code == 403
    assert "Ontvangst bevestigd" not in anna.get(f"/klachten/{reference}").text
    assert anna.post("/klachten/nieuw", data={}).status_code == 403
    assert anna.post("/mijn-gegevens", data={"digest": "aan"}).status_code == 403


def test_a_command_by_form_goes_back_to_the_case_and_shows_in_its_history(
    console: Console, service: Service
) -> None:
    anna = console.person(MEDIATOR, Role.MEDIATOR)
    reference = registered(service, MEDIATOR)
    page = anna.get(f"/klachten/{reference}")
    assert page.headers["content-security-policy"].startswith("default-src 'self'")
    fields = form_fields(page, f"/klachten/{reference}/bevestigen")
    done = anna.post(
        f"/klachten/{reference}/bevestigen", data=fields | {"bevestigen-at": local(NOW)}
    )
    assert done.status_code == 303, done.text
    assert done.headers["location"] == f"/klachten/{reference}?gedaan=bevestigen"
    after = anna.get(done.headers["location"])
    assert "Vastgelegd: Ontvangst bevestigen." in after.text
    assert "Ontvangst bevestigd" in after.text and "ontvangst bevestigd" in after.text
    assert "ma 16 mrt 2026 10:00" in after.text  # when it happened, in Amsterdam time
    assert reference not in anna.get("/werkvoorraad").text  # the breach is cleared
    reads = [r for r in console.accesses(MEDIATOR) if r.access_point.startswith("GET /klachten/")]
    assert reads and all(r.action == "read" and r.person_id for r in reads)


def test_a_refusal_from_the_domain_is_a_dutch_409_on_the_case_page(
    console: Console, service: Service
) -> None:
    anna = console.person(MEDIATOR, Role.MEDIATOR)
    reference = registered(service, MEDIATOR)
    page = anna.get(f"/klachten/{reference}")
    fields = form_fields(page, f"/klachten/{reference}/verslag")
    sent = {"verslag-at": local(NOW), "verslag-sent_to": "Fatima de Vries"}
    refused = anna.post(f"/klachten/{reference}/verslag", data=fields | sent)
    assert refused.status_code == 409
    assert "Er is nog geen klachtgesprek gevoerd" in refused.text
    assert "Dit is niet vastgelegd" in refused.text and 'id="verslag" open' in refused.text
    empty = anna.post(f"/klachten/{reference}/verslag", data=fields)
    assert empty.status_code == 422
    assert '<a href="#verslag-sent_to">Vul dit veld in.</a>' in empty.text
    assert 'aria-describedby="verslag-sent_to-fout"' in empty.text
    later = local(NOW + timedelta(days=2))
    future = anna.post(
        f"/klachten/{reference}/bevestigen",
        data=form_fields(page, f"/klachten/{reference}/bevestigen") | {"bevestigen-at": later},
    )
    assert future.status_code == 422 and "Dit moment ligt in de toekomst." in future.text


def test_intake_registers_a_complaint_by_form_with_errors_next_to_the_fields(
    console: Console,
) -> None:
    intake = console.person("ilse@voorbeeld.nl", Role.INTAKE)
    form = intake.get("/klachten/nieuw")
    assert form.status_code == 200 and "Nieuwe klacht registreren" in form.text
    fields = form_fields(form, "/klachten/nieuw")
    wrong = intake.post("/klachten/nieuw", data=fields | {"email": "geen-adres", "team": ""})
    assert wrong.status_code == 422
    for field in ("kanaal", "naam", "email", "dossier", "onderwerp", "team"):
        assert f'<a href="#{field}">' in wrong.text and f'id="{field}-fout"' in wrong.text
    assert "Vul een geldig e-mailadres in" in wrong.text
    good = fields | {
        "ontvangen": local(NOW - timedelta(hours=2)),
        "kanaal": "email",
        "naam": "Fatima de Vries",
        "email": "f.devries@example.nl",
        "dossier": "D-2026-0142",
        "onderwerp": "Gezinsvoogd onbereikbaar",
        "team": "Team Noord",
    }
    done = intake.post("/klachten/nieuw", data=good)
    assert done.status_code == 303, done.text
    assert "Fatima" not in done.headers["location"]  # a reference, never a name, in a URL
    case = intake.get(done.headers["location"])
    assert "Klacht geregistreerd" in case.text and "Gezinsvoogd onbereikbaar" in case.text
    again = intake.post("/klachten/nieuw", data=good)  # the same form twice: one complaint
    assert again.headers["location"] == done.headers["location"]


def test_the_list_searches_by_reference_and_says_when_nothing_is_found(
    console: Console, service: Service
) -> None:
    anna = console.person(MEDIATOR, Role.MEDIATOR)
    first, second = registered(service), registered(service, subject="Tweede klacht")
    listed = anna.get("/klachten")
    assert listed.status_code == 200 and first in listed.text and second in listed.text
    found = anna.get("/klachten", params={"zoek": second.lower()})
    assert second in found.text and first not in found.text
    bad = anna.get("/klachten", params={"zoek": "Fatima"})
    assert bad.status_code == 400 and "Zoek op een volledig kenmerk" in bad.text
    assert "Geen klachten gevonden" in anna.get("/klachten", params={"status": "closed"}).text
    unknown = anna.get("/klachten/K-2026-99999")
    assert unknown.status_code == 404 and "Deze klacht bestaat niet" in unknown.text
    searched = [r for r in console.accesses(MEDIATOR) if r.action == "search"]
    assert [r.access_point for r in searched][-1] == "GET /klachten"


def test_a_person_turns_their_morning_digest_on_and_off(console: Console) -> None:
    anna = console.person(MEDIATOR, Role.MEDIATOR)
    page = anna.get("/mijn-gegevens")
    was_on = "staat nu <strong>aan</strong>" in page.text
    fields = form_fields(page, "/mijn-gegevens")
    switched = anna.post("/mijn-gegevens", data=fields)
    assert switched.status_code == 303
    record = console.service.staff.by_email(MEDIATOR)
    assert record is not None and record.digest is not was_on
    assert "Uw keuze is opgeslagen" in anna.get(switched.headers["location"]).text


def test_a_conversation_with_an_agreement_by_form_and_the_agreement_ticked_off(
    console: Console, service: Service
) -> None:
    anna = console.person(MEDIATOR, Role.MEDIATOR)
    reference = registered(service, MEDIATOR)
    page = anna.get(f"/klachten/{reference}")
    talk = form_fields(page, f"/klachten/{reference}/gesprek") | {
        "gesprek-at": local(NOW - timedelta(hours=1)),
        "gesprek-participants": "Fatima de Vries\nAnna de Wit",
        "gesprek-outcome": "resolved",
        "gesprek-afspraak-1": "Vaste gezinsvoogd",
        "gesprek-afspraak-1-datum": "2026-03-30",
    }
    held = anna.post(f"/klachten/{reference}/gesprek", data=talk)
    assert held.status_code == 303, held.text
    after = anna.get(held.headers["location"])
    assert "Vaste gezinsvoogd, uiterlijk ma 30 mrt 2026" in after.text
    action = f"/klachten/{reference}/afspraken/1/klaar"
    done = anna.post(action, data=form_fields(after, action))
    assert done.status_code == 303
    assert "nagekomen op ma 16 mrt 2026 10:00" in anna.get(done.headers["location"]).text


def test_a_form_from_before_someone_else_changed_the_case_is_a_dutch_409(
    console: Console, service: Service
) -> None:
    anna = console.person(MEDIATOR, Role.MEDIATOR)
    reference = registered(service, MEDIATOR)
    page = anna.get(f"/klachten/{reference}")
    fields = form_fields(page, f"/klachten/{reference}/opschorten")
    reason = {"opschorten-at": local(NOW), "opschorten-reason": "Wachten op de klager"}
    bram = console.person("bram@voorbeeld.nl", Role.MEDIATOR)
    bram_page = bram.get(f"/klachten/{reference}")
    assert (
        bram.post(
            f"/klachten/{reference}/opschorten",
            data=form_fields(bram_page, f"/klachten/{reference}/opschorten") | reason,
        )
        .headers["location"]
        .endswith("gedaan=opschorten")
    )
    stale = anna.post(f"/klachten/{reference}/opschorten", data=fields | reason)
    assert stale.status_code == 409
    assert "Iemand anders heeft de klacht intussen gewijzigd" in stale.text


def test_a_manager_starts_with_the_queue_of_their_team(console: Console, service: Service) -> None:
    noord, zuid = registered(service), registered(service, team="Team Zuid")
    manager = console.person("marieke@voorbeeld.nl", Role.MANAGER, team="Team Zuid")
    page = manager.get("/werkvoorraad")
    assert zuid in page.text and noord not in page.text
    assert 'value="team" selected' in page.text
    signed = form_fields(page, "/afmelden")  # a valid token: the role alone refuses
    refused = manager.post(f"/klachten/{zuid}/verslag", data=signed)
    assert refused.status_code == 403 and "Dit mag uw rol niet" in refused.text
