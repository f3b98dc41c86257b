"""Subject access (AVG art. 15) on both stores: a request is a clock of one calendar month in
the queue; its export holds every complaint, signal and STEM answer of that person, decrypted,
and who saw their data, and nothing of anyone else; downloading it is logged and stops the
clock."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

from adapters.clock import SettableClock
from application.roles import Role
from domain.stem import StemDossier
from domain.subject_access import one_month_after
from tests.integration.conftest import NOW, Api, iso

ADMIN, MEDIATOR, AUDITOR = Role.ADMIN, Role.MEDIATOR, Role.AUDITOR
ANNA = {"name": "Anna Verhoeven", "email": "anna.verhoeven@example.nl", "phone": "0611122233"}
BERT = {"name": "Bert Kooijman", "email": "bert.kooijman@example.nl", "phone": "0644455566"}


def two_people(api: Api) -> dict[str, Any]:
    anna = api.register(complainant=ANNA, subject="Anna mist afspraken", dossier_ref="D-ANNA-1")
    bert = api.register(complainant=BERT, subject="Bert wacht op verslag", dossier_ref="D-BERT-7")
    signal = api.post(
        Role.INTAKE,
        "/v1/signals",
        {
            "received_at": iso(NOW - timedelta(days=3)),
            "channel": "phone",
            "dossier_ref": "D-ANNA-1",
            "summary": "Anna belde boos",
            "complainant": ANNA,
        },
    ).json()
    for ref, comment in (("D-ANNA-1", "Anna voelt zich niet gehoord"), ("D-BERT-7", "Bert ok")):
        answer = {
            "dossier_ref": ref,
            "answered_at": iso(NOW - timedelta(days=2)),
            "scores": {"collaboration": 4, "heard": 4, "agreements_clear": 4},
            "comment": comment,
        }
        assert api.post(Role.INTAKE, "/v1/stem-responses", answer).status_code == 201
    api.get(MEDIATOR, f"/v1/complaints/{anna['id']}")  # someone looked at Anna's complaint
    return {"anna": anna, "bert": bert, "signal": signal}


def request(api: Api, email: str, received_at: datetime) -> dict[str, Any]:
    body = {"complainant_email": email, "received_at": iso(received_at)}
    response = api.post(ADMIN, "/v1/admin/subject-access", body)
    assert response.status_code == 201, response.text
    return dict(response.json())


def export(api: Api, request_id: str, format: str = "json") -> Any:
    response = api.get(ADMIN, f"/v1/admin/subject-access/{request_id}/export", format=format)
    assert response.status_code == 200, response.text
    assert "attachment" in response.headers["content-disposition"]
    return response


def test_the_export_holds_the_persons_data_and_nothing_of_anyone_else(api: Api) -> None:
    cases = two_people(api)
    asked = request(api, ANNA["email"], NOW - timedelta(days=1))
    assert asked["reference"].startswith("AV-2026-") and asked["status"] == "open"
    assert ANNA["email"] not in json.dumps(asked)
    body = export(api, asked["id"]).json()
    text = json.dumps(body, ensure_ascii=False)
    assert {c["reference"] for c in body["cases"]} == {
        cases["anna"]["reference"],
        cases["signal"]["reference"],
    }
    for mine in (ANNA["name"], ANNA["email"], ANNA["phone"], "Anna mist afspraken", "Anna belde"):
        assert mine in text
    assert [a["comment"] for a in body["stem_answers"]] == ["Anna voelt zich niet gehoord"]
    for theirs in ("Bert", "bert", "D-BERT-7", cases["bert"]["id"], cases["bert"]["reference"]):
        assert theirs not in text
    looked = [(a["user"], a["action"]) for a in body["accesses"]]
    assert ("mediator-1", "read") in looked and ("intake-1", "command") in looked


def test_downloading_is_logged_and_stops_the_clock_once(api: Api, clock: SettableClock) -> None:
    cases = two_people(api)
    asked = request(api, ANNA["email"], NOW - timedelta(days=1))
    export(api, asked["id"])
    answered = api.get(ADMIN, f"/v1/admin/subject-access/{asked['id']}").json()
    assert (answered["status"], answered["answered_at"]) == (
        "answered",
        iso(NOW).replace("+00:00", "Z"),
    )
    assert answered["deadlines"][0]["state"] == "met"
    clock.advance(timedelta(days=2))
    export(api, asked["id"], "html")
    again = api.get(ADMIN, f"/v1/admin/subject-access/{asked['id']}").json()
    assert again["answered_at"] == answered["answered_at"]
    log = api.get(AUDITOR, "/v1/audit/access", person_id=asked["person_id"], limit=500).json()
    exports = [e for e in log["items"] if e["action"] == "export"]
    stem = str(StemDossier.create_id("D-ANNA-1"))  # her STEM answer was handed over too
    assert {e["case_id"] for e in exports} == {cases["anna"]["id"], cases["signal"]["id"], stem}
    assert {e["user"] for e in exports} == {"admin-1"}


def test_the_html_export_is_a_readable_dutch_page(api: Api) -> None:
    two_people(api)
    asked = request(api, ANNA["email"], NOW - timedelta(days=1))
    page = export(api, asked["id"], "html")
    assert page.headers["content-type"].startswith("text/html")
    assert '<html lang="nl">' in page.text and "Inzage in uw gegevens" in page.text
    assert "Anna mist afspraken" in page.text and "ontvangen" in page.text
    assert "Bert" not in page.text


def test_a_late_request_is_flagged_in_the_queue_until_it_is_answered(api: Api) -> None:
    two_people(api)
    asked = request(api, ANNA["email"], datetime(2026, 1, 30, 10, tzinfo=UTC))
    assert asked["due_at"] == "2026-03-02T22:59:59.999999Z"  # Sat 28 Feb moves to Mon 2 Mar
    api.post(ADMIN, "/v1/admin/sweeps", {})
    items = api.get(MEDIATOR, "/v1/queue", policy="subject_access_overdue").json()["items"]
    assert [(i["case_reference"], i["severity"]) for i in items] == [(asked["reference"], "breach")]
    assert "1 calendar month" in items[0]["explanation"]
    assert (
        "Sat 28 Feb 2026 is not a working day, moved to Mon 2 Mar 2026" in items[0]["explanation"]
    )
    export(api, asked["id"])
    api.post(ADMIN, "/v1/admin/sweeps", {})
    assert api.get(MEDIATOR, "/v1/queue", policy="subject_access_overdue").json()["items"] == []


def test_a_request_for_someone_unknown_is_answered_with_an_empty_export(api: Api) -> None:
    asked = request(api, "niemand@example.nl", NOW)
    body = export(api, asked["id"]).json()
    assert (body["cases"], body["stem_answers"]) == ([], [])


def test_bad_requests_are_refused(api: Api) -> None:
    refused = api.post(ADMIN, "/v1/admin/subject-access", {"complainant_email": "geen adres"})
    assert refused.status_code == 422
    future = iso(NOW + timedelta(days=1))
    body = {"complainant_email": ANNA["email"], "received_at": future}
    assert api.post(ADMIN, "/v1/admin/subject-access", body).status_code == 422
    assert (
        api.post(
            MEDIATOR, "/v1/admin/subject-access", {"complainant_email": ANNA["email"]}
        ).status_code
        == 403
    )
    unknown = "00000000-0000-0000-0000-000000000000"
    assert api.get(ADMIN, f"/v1/admin/subject-access/{unknown}/export").status_code == 404


def test_one_calendar_month() -> None:
    assert one_month_after(date(2026, 1, 31)) == date(2026, 2, 28)
    assert one_month_after(date(2028, 1, 31)) == date(2028, 2, 29)
    assert one_month_after(date(2026, 12, 15)) == date(2027, 1, 15)
    assert one_month_after(date(2026, 3, 27)) == date(2026, 4, 27)
