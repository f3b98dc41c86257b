"""Importing a spreadsheet register through the API, on SQLite and PostgreSQL: the register's
dates kept, each case judged once its whole history is in, nothing written from a bad file."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from sqlalchemy import select, text

from adapters.persistence.schema import imported_complaints
from application.roles import Role
from tests.integration.conftest import Api
from tests.integration.registers import (
    LATE,
    ON_TIME,
    REGISTER,
    RULED,
    STILL_OPEN,
    csv_bytes,
    xlsx_bytes,
)

IMPORTS = "/v1/admin/imports"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(api: Api, name: str, data: bytes, **params: Any) -> Any:
    kind = XLSX if name.endswith(".xlsx") else "text/csv"
    return api.client.post(
        IMPORTS, files={"file": (name, data, kind)}, params=params, headers=api.headers(Role.ADMIN)
    )


def cases_by_ref(api: Api) -> dict[str, dict[str, Any]]:
    listed = api.get(Role.MEDIATOR, "/v1/complaints", limit=500).json()["items"]
    cases = [api.get(Role.MEDIATOR, f"/v1/complaints/{c['id']}").json() for c in listed]
    return {c["external_ref"]: c for c in cases}


def history(api: Api, case: dict[str, Any]) -> list[dict[str, Any]]:
    return list(api.get(Role.MEDIATOR, f"/v1/complaints/{case['id']}/history").json())


def clock_of(api: Api, case: dict[str, Any], name: str) -> dict[str, Any]:
    clocks = api.get(Role.MEDIATOR, f"/v1/complaints/{case['id']}/deadlines").json()["clocks"]
    return next(c for c in clocks if c["key"] == name)


def logged_events(api: Api) -> int:
    return api.service.casework.recorder.max_notification_id() or 0


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_register_imports_on_time_late_and_open_cases_without_false_breaches(
    api: Api, kind: str
) -> None:
    name = f"klachtenregister.{kind}"
    data = csv_bytes(REGISTER) if kind == "csv" else xlsx_bytes(REGISTER)
    answer = upload(api, name, data)
    assert answer.status_code == 201, answer.text
    assert answer.json() | {"sha256": None} == {
        "file_name": name,
        "sha256": None,
        "dry_run": False,
        "rows": 4,
        "imported": 4,
        "already_present": 0,
        "not_applied": [],
    }
    cases = cases_by_ref(api)
    on_time, late, still_open, ruled = (cases[r["external_ref"]] for r in REGISTER)

    steps = history(api, on_time)
    assert [e["type"] for e in steps] == [
        "Received", "Acknowledged", "ConversationHeld", "MinutesSent", "Closed",
    ]  # fmt: skip
    assert {e["actor"] for e in steps} == {f"import:{name}"}
    assert [e["at"] for e in steps] == [
        "2026-02-02T08:30:00Z",
        "2026-02-02T23:00:00Z",  # 03-02-2026: a bare date is 00:00 in Amsterdam
        "2026-02-05T13:00:00Z",
        "2026-02-09T09:00:00Z",
        "2026-02-11T23:00:00Z",
    ]
    assert on_time["status"] == "closed" and on_time["complainant"]["name"] == "Fatima de Vries"

    late_steps = history(api, late)
    assert not [e for e in late_steps if e["type"].startswith("Flag")]
    acknowledgement = clock_of(api, late, "acknowledgement")
    assert acknowledgement["state"] == "met" and "(late)" in acknowledgement["explanation"]
    minutes = clock_of(api, late, "minutes:1")
    assert minutes["state"] == "met" and "(late)" in minutes["explanation"]
    assert "(late)" not in clock_of(api, on_time, "acknowledgement")["explanation"]

    raised = [e for e in history(api, still_open) if e["type"] == "FlagRaised"]
    assert [(e["data"]["policy"], e["data"]["severity"]) for e in raised] == [
        ("complaint_acknowledgement_overdue", "breach")
    ]
    assert clock_of(api, still_open, "acknowledgement")["state"] == "breached"
    queue = api.get(Role.MEDIATOR, "/v1/queue").json()["items"]
    assert {(i["case_id"], i["severity"]) for i in queue} == {(still_open["id"], "breach")}

    assert ruled["ruling"]["verdict"] == "partly_upheld" and ruled["channel"] == "in_person"
    assert [e["type"] for e in history(api, ruled)][-4:] == [
        "RulingReceived", "ApologyGiven", "MeasuresCommunicated", "Closed",
    ]  # fmt: skip
    assert not [e for s in (on_time, ruled) for e in history(api, s) if "Flag" in e["type"]]


def test_a_windows_1252_csv_with_commas_keeps_its_accents(api: Api) -> None:
    row = STILL_OPEN | {"complainant_name": "Hélène Çelik-Müller", "subject": "Cliënt niet gehoord"}
    data = csv_bytes([row], separator=",", encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert upload(api, "register.csv", data).status_code == 201
    case = cases_by_ref(api)[row["external_ref"]]
    assert (case["complainant"]["name"], case["subject"]) == (
        "Hélène Çelik-Müller",
        "Cliënt niet gehoord",
    )


def test_a_file_with_one_bad_row_writes_nothing_and_names_its_row_and_column(api: Api) -> None:
    bad = LATE | {"external_ref": "2026-009", "minutes_at": "16-02-2026"}  # before the talk
    before = logged_events(api)
    answer = upload(api, "register.csv", csv_bytes([ON_TIME, STILL_OPEN, bad, RULED]))
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    [error] = answer.json()["errors"]
    assert (error["row"], error["column"]) == (4, "minutes_at")
    assert "no conversation has been held" in error["message"]
    assert logged_events(api) == before
    assert api.get(Role.MEDIATOR, "/v1/complaints").json()["items"] == []
    with api.service.engine.connect() as connection:
        assert connection.execute(select(imported_complaints)).all() == []


def test_every_bad_cell_is_reported_with_its_row_and_column(api: Api) -> None:
    rows = [
        ON_TIME | {"received_at": "31-02-2026", "channel": "postduif"},
        LATE | {"verdict": "gegrond"},
        STILL_OPEN | {"external_ref": ON_TIME["external_ref"], "team": ""},
    ]
    answer = upload(api, "register.csv", csv_bytes(rows))
    assert answer.status_code == 422
    found = [(e["row"], e["column"]) for e in answer.json()["errors"]]
    assert found == [
        (2, "channel"),
        (2, "received_at"),
        (3, "ruling_at"),
        (4, "team"),
    ]


def test_importing_the_same_file_again_adds_nothing_and_a_changed_row_is_not_applied(
    api: Api,
) -> None:
    data = csv_bytes(REGISTER)
    assert upload(api, "register.csv", data).status_code == 201
    before = logged_events(api)
    again = upload(api, "register.xlsx", xlsx_bytes(REGISTER))  # the same rows, another file
    assert again.status_code == 200
    assert (again.json()["imported"], again.json()["already_present"]) == (0, 4)
    assert logged_events(api) == before

    changed = [ON_TIME, LATE | {"subject": "Nooit gehoord"}, STILL_OPEN]
    answer = upload(api, "register.csv", csv_bytes([*changed, RULED | {"external_ref": "new"}]))
    assert answer.status_code == 201
    late = cases_by_ref(api)[LATE["external_ref"]]
    assert answer.json()["imported"] == 1
    assert answer.json()["not_applied"] == [
        {"row": 3, "external_ref": LATE["external_ref"], "case_id": late["id"]}
    ]
    assert late["subject"] == "Niet gehoord"


def test_a_dry_run_upload_counts_the_rows_and_writes_nothing(api: Api) -> None:
    before = logged_events(api)
    answer = upload(api, "register.xlsx", xlsx_bytes(REGISTER), dry_run="true")
    assert answer.status_code == 200
    assert (answer.json()["dry_run"], answer.json()["imported"]) == (True, 4)
    assert logged_events(api) == before
    refused = upload(api, "register.csv", csv_bytes([LATE | {"closed_at": "x"}]), dry_run="true")
    assert refused.status_code == 422 and refused.json()["errors"][0]["column"] == "closed_at"


def test_the_import_is_in_the_audit_log_with_its_sha256_and_personal_data_stays_sealed(
    api: Api,
) -> None:
    data = csv_bytes(REGISTER)
    assert upload(api, "register.csv", data).status_code == 201
    items = api.get(Role.AUDITOR, "/v1/audit/events", limit=500).json()["items"]
    [recorded] = [i for i in items if i["data"].get("file_name") == "register.csv"]
    assert recorded["actor"] == "admin:admin-1"
    assert recorded["data"]["sha256"] == hashlib.sha256(data).hexdigest()
    assert (recorded["data"]["rows"], recorded["data"]["imported"]) == (4, 4)
    with api.service.engine.connect() as connection:
        stored = b"".join(
            bytes(s) for (s,) in connection.execute(text("SELECT state FROM gehoord_events"))
        )
        kept = connection.execute(select(imported_complaints)).all()
    for personal in ("Fatima de Vries", "f.devries@example.nl", "De gezinsvoogd kwam"):
        assert personal.encode() not in stored
    assert len(kept) == 4
    assert not {ON_TIME["external_ref"], LATE["external_ref"]} & {str(v) for r in kept for v in r}


def test_a_file_that_is_not_a_register_is_422_naming_the_file(api: Api) -> None:
    for name, data in (("notes.txt", b"hello"), ("register.xlsx", b"not a zip")):
        answer = upload(api, name, data)
        assert answer.status_code == 422, name
        assert answer.json()["errors"][0]["field"] == "file"
    assert upload(api, "register.csv", b"").json()["errors"][0]["row"] == 1
