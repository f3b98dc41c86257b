"""The STEM page on both stores: intake records an answer by form as the API does; a low score
opens a signal the page names; wrong scores are named next to their question."""

from __future__ import annotations

from adapters.bootstrap import Service
from application.roles import Role
from tests.integration.conftest import Api
from tests.integration.console_b import Console, access_records, client, console, post_form

__all__ = ["client", "console"]
GOOD = {
    "dossier_ref": "D-2026-0142",
    "answered_at": "2026-03-16T09:00",
    "collaboration": "4",
    "heard": "5",
    "agreements_clear": "4",
    "comment": "",
}


def test_only_intake_records_stem_answers(console: Console) -> None:
    page = console.as_(Role.INTAKE).get("/stem")
    assert page.status_code == 200 and "STEM-antwoord registreren" in page.text
    for role in (Role.MEDIATOR, Role.MANAGER, Role.AUDITOR, Role.ADMIN):
        refused = console.as_(role).get("/stem")
        assert refused.status_code == 403 and "Dit mag uw rol niet" in refused.text


def test_a_good_answer_is_recorded_and_opens_nothing(console: Console, api: Api) -> None:
    intake = console.as_(Role.INTAKE)
    assert intake.post("/stem", data=GOOD).status_code == 403  # no CSRF token
    done = post_form(intake, "/stem", "/stem", GOOD)
    assert done.status_code == 303 and done.headers["location"] == "/stem?vastgelegd=ja"
    assert "Het antwoord is vastgelegd." in intake.get(done.headers["location"]).text
    assert api.get(Role.MEDIATOR, "/v1/signals").json()["items"] == []


def test_a_low_score_opens_a_signal_named_on_the_page(
    console: Console, api: Api, service: Service
) -> None:
    intake = console.as_(Role.INTAKE)
    done = post_form(intake, "/stem", "/stem", GOOD | {"heard": "1"})
    signals = api.get(Role.MEDIATOR, "/v1/signals").json()["items"]
    assert len(signals) == 1 and signals[0]["channel"] == "stem"
    reference = signals[0]["reference"]
    assert done.headers["location"] == f"/stem?vastgelegd=ja&signaal={reference}"
    page = intake.get(done.headers["location"]).text
    assert f'href="/signalen/{reference}"' in page
    records = access_records(service, "intake@voorbeeld.nl")
    assert any(r.action == "command" and str(r.case_id) == signals[0]["id"] for r in records)


def test_missing_scores_are_named_next_to_their_question(console: Console) -> None:
    intake = console.as_(Role.INTAKE)
    wrong = post_form(intake, "/stem", "/stem", GOOD | {"heard": "", "dossier_ref": ""})
    assert wrong.status_code == 422 and "fouten in het formulier" in wrong.text
    assert 'href="#heard"' in wrong.text and 'id="heard-fout"' in wrong.text
    assert "Kies een cijfer van 1 tot en met 5." in wrong.text
    assert 'href="#dossier_ref"' in wrong.text
    assert 'value="4" checked' in wrong.text  # the other answers stay
