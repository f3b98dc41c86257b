"""The erasure tour, on both stores: a distinctive marker in every free-text field a person can
fill (complaint, signal, STEM answer, an imported register row), then erasure, then a search for
every marker in every read, history, timeline, list, queue, audit page, report, log line, the
read models rebuilt from the log, and the raw store (SQLite file with its WAL, every PostgreSQL
table). Only "[erased]" may be found where the data was; everything else stays."""

from __future__ import annotations

from typing import Any

import pytest

from application.roles import Role
from domain.stem import StemDossier
from tests.integration.conftest import Api
from tests.integration.registers import csv_bytes
from tests.integration.test_privacy import everything_stored

MEDIATOR, ADMIN, AUDITOR, MANAGER = Role.MEDIATOR, Role.ADMIN, Role.AUDITOR, Role.MANAGER


def marker(field: str) -> str:
    """A word no random bytes will spell by chance, naming the field it was put in."""
    return f"Qxzmarker{field.replace('_', '')}Qxz"


NAME, EMAIL, PHONE = marker("name"), f"{marker('email').lower()}@example.nl", "0698765432"
DOSSIER = marker("dossier")
MARKERS = {
    "name": NAME,
    "email": EMAIL,
    "phone": PHONE,
    "dossier": DOSSIER,
    **{
        field: marker(field)
        for field in [
            "subject",
            "description",
            "participant",
            "agreement",
            "sent_to",
            "suspend",
            "resume",
            "extend",
            "apology",
            "measure",
            "evidence",
            "close",
            "reopen",
            "withdraw",
            "legal_hold",
            "signal_summary",
            "signal_participant",
            "signal_outcome",
            "signal_resolution",
            "signal_legal_hold",
            "stem_dossier",
            "stem_comment",
            "external_ref",
            "imported_subject",
            "imported_description",
        ]
    },
}


def at(day: int, hour: int = 9) -> str:
    return f"2026-03-{day:02d}T{hour:02d}:00:00+00:00"


def ok(response: Any) -> dict[str, Any]:
    assert response.status_code in (200, 201, 202), response.text
    return dict(response.json())


def tour(api: Api) -> dict[str, str]:
    """Every free-text field filled with its marker; returns the ids of what was made."""
    person = {"name": NAME, "email": EMAIL, "phone": PHONE}
    complaint = api.register(
        received_at=at(2),
        complainant=person,
        subject=MARKERS["subject"],
        description=MARKERS["description"],
        dossier_ref=DOSSIER,
    )
    path = f"/v1/complaints/{complaint['id']}"
    conversation = {
        "at": at(4),
        "participants": [MARKERS["participant"], "gezinsvoogd"],
        "outcome": "unresolved",
        "agreements": [{"description": MARKERS["agreement"], "due": "2026-04-30"}],
    }
    measures = [
        {"description": MARKERS["measure"], "owner_team": "Team Noord", "due": "2026-05-29"}
    ]
    for command, body in [
        ("acknowledge", {"at": at(3)}),
        ("conversations", conversation),
        ("minutes", {"at": at(5), "sent_to": MARKERS["sent_to"]}),
        ("suspend", {"at": at(6), "reason": MARKERS["suspend"]}),
        ("resume", {"at": at(7), "reason": MARKERS["resume"]}),
        ("extend", {"at": at(8), "clock": "decision", "weeks": 2, "reason": MARKERS["extend"]}),
        ("refer", {"at": at(9)}),
        ("ruling", {"at": at(10), "verdict": "upheld"}),
        ("apology", {"at": at(11), "summary": MARKERS["apology"]}),
        ("measures", {"at": at(11, 10), "measures": measures}),
        ("measures/1/done", {"at": at(12), "evidence": MARKERS["evidence"]}),
        ("close", {"at": at(13), "reason": MARKERS["close"]}),
        ("reopen", {"at": at(14), "reason": MARKERS["reopen"]}),
        ("withdraw", {"at": at(15), "reason": MARKERS["withdraw"]}),
    ]:
        ok(api.post(MEDIATOR, f"{path}/{command}", body))
    ok(api.post(ADMIN, f"{path}/legal-hold", {"reason": MARKERS["legal_hold"]}))
    signal = ok(
        api.post(
            Role.INTAKE,
            "/v1/signals",
            {
                "received_at": at(10),
                "channel": "phone",
                "dossier_ref": DOSSIER,
                "summary": MARKERS["signal_summary"],
                "complainant": person,
            },
        )
    )
    signal_path = f"/v1/signals/{signal['id']}"
    body = {"at": at(11), "participants": [MARKERS["signal_participant"]]}
    ok(
        api.post(
            MEDIATOR, f"{signal_path}/conversations", body | {"outcome": MARKERS["signal_outcome"]}
        )
    )
    ok(
        api.post(
            MEDIATOR,
            f"{signal_path}/resolve",
            {"at": at(12), "outcome": MARKERS["signal_resolution"]},
        )
    )
    ok(api.post(ADMIN, f"{signal_path}/legal-hold", {"reason": MARKERS["signal_legal_hold"]}))
    stem = ok(
        api.post(
            Role.INTAKE,
            "/v1/stem-responses",
            {
                "dossier_ref": MARKERS["stem_dossier"],
                "answered_at": at(12),
                "scores": {"collaboration": 1, "heard": 1, "agreements_clear": 1},
                "comment": MARKERS["stem_comment"],
            },
        )
    )
    row = {
        "external_ref": MARKERS["external_ref"],
        "received_at": "01-03-2026 10:00",
        "channel": "E-mail",
        "complainant_name": NAME,
        "complainant_email": EMAIL,
        "dossier_ref": DOSSIER,
        "subject": MARKERS["imported_subject"],
        "description": MARKERS["imported_description"],
        "team": "Team Noord",
    }
    files = {"file": ("register.csv", csv_bytes([row]), "text/csv")}
    imported = api.client.post("/v1/admin/imports", files=files, headers=api.headers(ADMIN))
    assert imported.status_code == 201, imported.text
    imported_id = next(
        i["id"]
        for i in api.get(MEDIATOR, "/v1/complaints", limit=500).json()["items"]
        if i["id"] != complaint["id"]
    )
    return {
        "complaint": complaint["id"],
        "imported": imported_id,
        "signal": signal["id"],
        "stem_signal": stem["signal_id"],
        "stem_dossier": str(StemDossier.create_id(MARKERS["stem_dossier"])),
    }


def everything_a_person_can_read(api: Api, ids: dict[str, str]) -> str:
    """Every read, as text: cases, histories, timelines, clocks, lists, the queue, the audit log
    and the access log, and the yearly report in each of its formats."""
    pages = []
    for kind, case in [
        ("complaints", ids["complaint"]),
        ("complaints", ids["imported"]),
        ("signals", ids["signal"]),
        ("signals", ids["stem_signal"]),
    ]:
        for tail in ("", "/history", "/timeline", "/deadlines"):
            pages.append(
                api.get(AUDITOR if tail == "/timeline" else MEDIATOR, f"/v1/{kind}/{case}{tail}")
            )
        pages.append(api.get(MEDIATOR, f"/v1/{kind}/{case}", as_of=at(16, 9)))
    for path in ("/v1/complaints", "/v1/signals", "/v1/queue"):
        pages.append(api.get(MEDIATOR, path, limit=500))
    pages.append(api.get(AUDITOR, "/v1/audit/events", limit=500))
    pages.append(api.get(AUDITOR, "/v1/audit/access", limit=500))
    for format in ("json", "csv", "html"):
        pages.append(api.get(MANAGER, "/v1/reports/complaints-analysis", format=format))
    texts = []
    for page in pages:
        assert page.status_code == 200, page.text
        texts.append(page.text)
    return "\n".join(texts)


def found(markers: dict[str, str], text: str) -> list[str]:
    lowered = text.lower()
    return [field for field, value in markers.items() if value.lower() in lowered]


@pytest.mark.xdist_group("slow")
def test_after_erasure_no_marker_is_anywhere(
    api: Api, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = tour(api)
    before = everything_a_person_can_read(api, ids)
    assert found(MARKERS, before) == list(MARKERS)  # the search sees every marker while readable
    assert found(MARKERS, everything_stored(api, database_url).decode("latin-1")) == []

    ok(api.post(ADMIN, "/v1/admin/erasures", {"complainant_email": EMAIL}))
    ok(api.post(ADMIN, "/v1/admin/erasures", {"case_id": ids["stem_signal"]}))
    for name in api.service.projections.projections:
        if api.service.projections.projections[name].clear is not None:
            api.service.projections.rebuild(name)

    after = everything_a_person_can_read(api, ids)
    assert found(MARKERS, after) == []
    assert "[erased]" in after
    complaint = api.get(MEDIATOR, f"/v1/complaints/{ids['complaint']}").json()
    assert (complaint["status"], complaint["subject"]) == ("withdrawn", "[erased]")
    assert complaint["complainant"] == {
        "name": "[erased]",
        "email": "[erased]",
        "phone": "[erased]",
    }
    assert api.get(AUDITOR, "/v1/audit/verify").json()["ok"] is True
    assert found(MARKERS, everything_stored(api, database_url).decode("latin-1")) == []
    captured = capsys.readouterr()
    assert found(MARKERS, captured.out + captured.err) == []
