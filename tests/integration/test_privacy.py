"""Personal data at rest and its erasure, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, select

from application.roles import Role
from tests.integration.conftest import Api

PERSON = {
    "name": "Geertruida Hoogendoorn",
    "email": "g.hoogendoorn@example.nl",
    "phone": "0612398745",
}
SECRETS = [PERSON["name"], PERSON["email"], PERSON["phone"], "Hoogendoorn"]
MEDIATOR, ADMIN, AUDITOR = Role.MEDIATOR, Role.ADMIN, Role.AUDITOR


def a_case_full_of_personal_data(api: Api) -> dict[str, Any]:
    case = api.register(complainant=PERSON, description="Geertruida Hoogendoorn is boos")
    path = f"/v1/complaints/{case['id']}"
    for command, body in [
        ("acknowledge", {"at": "2026-03-07T09:00:00+00:00"}),
        (
            "conversations",
            {
                "at": "2026-03-08T09:00:00+00:00",
                "participants": [PERSON["name"]],
                "outcome": "unresolved",
                "agreements": [],
            },
        ),
        ("minutes", {"at": "2026-03-09T09:00:00+00:00", "sent_to": PERSON["name"]}),
        ("refer", {"at": "2026-03-09T10:00:00+00:00"}),
        ("ruling", {"at": "2026-03-10T09:00:00+00:00", "verdict": "upheld"}),
        ("apology", {"at": "2026-03-11T09:00:00+00:00", "summary": "Excuses aan Hoogendoorn"}),
        ("measures", {"at": "2026-03-11T09:00:00+00:00", "measures": ["Vaste contactpersoon"]}),
    ]:
        assert api.post(MEDIATOR, f"{path}/{command}", body).status_code == 200
    signal = {
        "received_at": "2026-03-12T09:00:00+00:00",
        "channel": "phone",
        "dossier_ref": "D-1",
        "summary": "Hoogendoorn belt opnieuw",
        "complainant": PERSON,
    }
    assert api.post(Role.INTAKE, "/v1/signals", signal).status_code == 201
    return case


def everything_stored(api: Api, database_url: str) -> bytes:
    if database_url.startswith("sqlite"):
        path = Path(database_url.removeprefix("sqlite:///"))
        files = [path, path.with_name(path.name + "-wal")]
        return b"".join(f.read_bytes() for f in files if f.exists())
    dump = []
    tables = MetaData()
    tables.reflect(api.service.engine)
    with api.service.engine.connect() as connection:
        for table in tables.sorted_tables:
            dump += [repr(tuple(row)) for row in connection.execute(select(table))]
    return "\n".join(dump).encode()


def test_the_raw_store_holds_no_name_email_or_phone_in_plain_text(
    api: Api, database_url: str
) -> None:
    case = a_case_full_of_personal_data(api)
    assert api.get(MEDIATOR, f"/v1/complaints/{case['id']}").json()["complainant"] == {**PERSON}
    stored = everything_stored(api, database_url)
    assert b"Team Noord" in stored  # the check can see plain text where there is some
    assert b"Vaste contactpersoon" not in stored  # a measure's text is personal data too
    for secret in SECRETS:
        assert secret.encode() not in stored, secret


def test_erasing_a_person_shows_erased_everywhere_and_keeps_everything_else(api: Api) -> None:
    case = a_case_full_of_personal_data(api)
    path = f"/v1/complaints/{case['id']}"
    before = api.get(MEDIATOR, path).json()
    response = api.post(ADMIN, "/v1/admin/erasures", {"complainant_email": PERSON["email"]})
    assert response.status_code == 202 and response.json()["erased"] is True
    after = api.get(MEDIATOR, path).json()
    assert after["complainant"] == {"name": "[erased]", "email": "[erased]", "phone": "[erased]"}
    assert after["description"] == "[erased]"
    assert after["conversations"][0]["participants"] == ["[erased]"]
    assert after["apologies"][0]["details"]["summary"] == "[erased]"
    for kept in ("reference", "status", "version", "received_at", "ruling", "team"):
        assert after[kept] == before[kept], kept
    assert after["measures"][0]["description"] == "[erased]"
    assert after["measures"][0]["number"] == before["measures"][0]["number"] == 1
    reads = [
        api.get(MEDIATOR, f"{path}/history").text,
        api.get(AUDITOR, f"{path}/timeline").text,
        api.get(MEDIATOR, "/v1/signals").text,
        api.get(AUDITOR, "/v1/audit/events", limit=500).text,
        api.get(MEDIATOR, "/v1/queue").text,
    ]
    signal_id = api.get(MEDIATOR, "/v1/signals").json()["items"][0]["id"]
    reads.append(api.get(MEDIATOR, f"/v1/signals/{signal_id}").text)
    for text in reads:
        for secret in SECRETS:
            assert secret not in text
    assert "[erased]" in reads[0] and "[erased]" in reads[-1]
    verification = api.get(AUDITOR, "/v1/audit/verify").json()
    assert verification["ok"] is True
    events = api.get(AUDITOR, "/v1/audit/events", limit=500).json()["items"]
    recorded = [e for e in events if e["type"] == "Recorded" and "basis" in e["data"]]
    assert len(recorded) == 1 and recorded[0]["actor"] == "admin:admin-1"
    assert recorded[0]["data"]["basis"] == "complainant_email"
    again = api.post(ADMIN, "/v1/admin/erasures", {"complainant_email": PERSON["email"]})
    assert again.status_code == 202 and again.json()["erased"] is False
    by_case = api.post(ADMIN, "/v1/admin/erasures", {"case_id": case["id"]})
    assert by_case.status_code == 202 and by_case.json()["erased"] is False
    rows_before = api.get(MEDIATOR, "/v1/complaints").json()
    api.service.projections.rebuild("cases")
    assert api.get(MEDIATOR, "/v1/complaints").json() == rows_before
    assert api.get(MEDIATOR, path).json()["complainant"]["name"] == "[erased]"


def test_erasure_needs_exactly_one_basis_and_an_admin(api: Api) -> None:
    assert api.post(ADMIN, "/v1/admin/erasures", {}).status_code == 422
    both = {"complainant_email": "a@example.nl", "case_id": "7b1f7c1e-0000-4000-8000-000000000000"}
    assert api.post(ADMIN, "/v1/admin/erasures", both).status_code == 422
    assert api.post(MEDIATOR, "/v1/admin/erasures", {"case_id": both["case_id"]}).status_code == 403
    unknown = api.post(ADMIN, "/v1/admin/erasures", {"case_id": both["case_id"]})
    assert unknown.status_code == 202 and unknown.json()["erased"] is False


def test_an_unknown_person_is_not_an_error(api: Api) -> None:
    response = api.post(ADMIN, "/v1/admin/erasures", {"complainant_email": "nobody@example.nl"})
    assert response.status_code == 202 and response.json()["erased"] is False


def test_whole_event_encryption_can_be_switched_on(tmp_path: Path) -> None:
    from adapters.bootstrap import build, migrate
    from adapters.settings import Settings
    from application.complaint_use_cases import RegisterComplaint
    from domain.complaint import Complaint
    from domain.records import Contact
    from domain.values import Channel

    url = f"sqlite:///{tmp_path}/ciphered.sqlite"
    service = build(Settings(database_url=url, event_encryption=True))
    migrate(service)
    registration = RegisterComplaint(
        datetime.now(UTC),
        Channel.EMAIL,
        Contact("X"),
        "D-1",
        "Onderwerp-zichtbaar",
        "",
        "Team Noord",
    )
    case = service.commands.run(registration, actor="intake:t").case
    assert service.casework.load(Complaint, case.id).subject == "Onderwerp-zichtbaar"
    [stored] = service.casework.recorder.select_events(case.id)[:1]
    assert b"Onderwerp-zichtbaar" not in stored.state and b"Team Noord" not in stored.state
    service.close()
