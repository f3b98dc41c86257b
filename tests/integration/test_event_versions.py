"""Event versioning: an event stored in an old shape is upcast when read through current code."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from eventsourcing.persistence import StoredEvent

from adapters.bootstrap import Service
from application.casework import NewComplaint
from domain.complaint import Complaint
from domain.values import Outcome

AT = datetime(2026, 3, 5, 10, 0, tzinfo=UTC)


def iso(moment: datetime) -> dict[str, str]:
    return {"_type_": "datetime_iso", "_data_": moment.isoformat()}


def test_minutes_stored_in_version_1_are_read_as_version_2(service: Service) -> None:
    with service.unit_of_work():
        case = service.casework.register(
            NewComplaint(
                datetime(2026, 3, 2, 9, tzinfo=UTC), "email", {"name": "X"}, "D", "S", "", "T"
            ),
            "intake:test",
        )
    with service.unit_of_work():
        service.casework.change(
            case.id,
            None,
            lambda c, now: c.hold_conversation(
                at=AT,
                actor="mediator:a",
                now=now,
                participants=["X"],
                outcome=Outcome.RESOLVED,
                agreements=[],
            ),
        )
    version = service.casework.complaint(case.id).version
    old_shape = {"timestamp": iso(service.clock.now()), "at": iso(AT), "actor": "mediator:a"}
    service.casework.recorder.insert_events(
        [
            StoredEvent(
                originator_id=case.id,
                originator_version=version + 1,
                topic="domain.complaint:Complaint.MinutesSent",
                state=json.dumps(old_shape).encode(),
            )
        ]
    )
    read = service.casework.complaint(case.id)
    assert read.minutes == [{"at": AT, "sent_to": "(not recorded)"}]
    assert Complaint.MinutesSent.class_version == 2
    entry = service.casework.history(Complaint, case.id)[-1]
    assert (entry.type, entry.data) == ("MinutesSent", {"sent_to": "(not recorded)"})
