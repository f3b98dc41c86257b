"""Every time in every JSON response is written in UTC and ends in `Z`, nested ones too."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from api.schemas.complaints import HistoryEntryPublic
from application.roles import Role
from domain.calendar import AMSTERDAM
from tests.integration.conftest import Api

MEDIATOR, AUDITOR, INTAKE, ADMIN = Role.MEDIATOR, Role.AUDITOR, Role.INTAKE, Role.ADMIN
TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
AMSTERDAM_WINTER = "+01:00"


def strings(value: Any, at: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield at, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, f"{at}.{key}")
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from strings(item, f"{at}[{n}]")


def test_every_time_in_every_response_ends_in_z(api: Api) -> None:
    case = api.register(received_at="2026-03-02T09:30:00" + AMSTERDAM_WINTER)
    path = f"/v1/complaints/{case['id']}"
    answers = [case]
    for command, body in [
        ("acknowledge", {"at": "2026-03-03T10:00:00+01:00"}),
        (
            "conversations",
            {
                "at": "2026-03-04T10:00:00+01:00",
                "participants": ["Fatima"],
                "outcome": "unresolved",
                "agreements": [{"description": "Terugbellen", "due": "2026-03-06"}],
            },
        ),
        ("refer", {"at": "2026-03-05T10:00:00+01:00"}),
        ("ruling", {"at": "2026-03-06T10:00:00+01:00", "verdict": "upheld"}),
        ("apology", {"at": "2026-03-09T10:00:00+01:00", "summary": "Excuses"}),
        ("measures", {"at": "2026-03-09T11:00:00+01:00", "measures": ["Vaste voogd"]}),
    ]:
        answers.append(api.post(MEDIATOR, f"{path}/{command}", body).json())
    signal = api.post(
        INTAKE,
        "/v1/signals",
        {
            "received_at": "2026-03-10T11:00:00+01:00",
            "channel": "phone",
            "dossier_ref": "D-1",
            "summary": "Belt boos",
        },
    ).json()
    stem = {"collaboration": 1, "heard": 1, "agreements_clear": 1}
    answers += [
        signal,
        api.post(
            INTAKE,
            "/v1/stem-responses",
            {"dossier_ref": "D-2", "answered_at": "2026-03-12T08:00:00+01:00", "scores": stem},
        ).json(),
        api.post(ADMIN, "/v1/admin/sweeps", {}).json(),
    ]
    for role, read in [
        (MEDIATOR, path),
        (MEDIATOR, f"{path}/deadlines"),
        (MEDIATOR, f"{path}/history"),
        (AUDITOR, f"{path}/timeline"),
        (MEDIATOR, "/v1/complaints"),
        (MEDIATOR, f"/v1/signals/{signal['id']}"),
        (MEDIATOR, f"/v1/signals/{signal['id']}/history"),
        (MEDIATOR, "/v1/signals"),
        (MEDIATOR, "/v1/queue"),
        (AUDITOR, "/v1/audit/events?limit=500"),
        (AUDITOR, "/v1/audit/access"),
    ]:
        response = api.client.get(read, headers=api.headers(role))
        assert response.status_code == 200, (read, response.text)
        answers.append({read: response.json()})
    times = [(where, text) for where, text in strings(answers) if TIME.match(text)]
    assert len(times) > 100
    assert [(where, text) for where, text in times if not text.endswith("Z")] == []


def test_a_time_kept_with_another_offset_is_still_written_in_utc() -> None:
    """The response types themselves convert: a moment in Amsterdam time, typed or nested in
    free-form event data, leaves as UTC with `Z`."""
    local = datetime(2026, 3, 20, 23, 59, 59, tzinfo=AMSTERDAM)
    entry = HistoryEntryPublic(
        position=1,
        type="FlagRaised",
        at=local,
        recorded_at=local,
        actor="policy:x",
        data={"due_at": local, "steps": [{"at": local}]},
    )
    written = entry.model_dump_json()
    assert written.count("2026-03-20T22:59:59Z") == 4 and "+01:00" not in written
