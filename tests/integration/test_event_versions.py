"""Event versioning: an event stored in an old shape is upcast when read through current code."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from uuid import uuid4

from eventsourcing.persistence import StoredEvent

from adapters.bootstrap import Service
from adapters.explanation_words import explained_in_dutch
from application.complaint_use_cases import HoldConversation, RegisterComplaint
from domain.complaint import Complaint
from domain.records import Contact, Minutes
from domain.values import Channel, Outcome
from tests.conftest import TESTER

AT = datetime(2026, 3, 5, 10, 0, tzinfo=UTC)


def iso(moment: datetime) -> dict[str, str]:
    return {"_type_": "datetime_iso", "_data_": moment.isoformat()}


def test_minutes_stored_in_version_1_are_read_as_version_2(service: Service) -> None:
    received = datetime(2026, 3, 2, 9, tzinfo=UTC)
    registration = RegisterComplaint(received, Channel.EMAIL, Contact("X"), "D", "S", "", "T")
    case = service.commands.run(registration, actor="intake:test").case
    talk = HoldConversation(case.id, AT, ("X",), Outcome.RESOLVED)
    service.commands.run(talk, actor="mediator:a")
    version = service.casework.load(Complaint, case.id).version
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
    read = service.casework.load(Complaint, case.id)
    assert read.minutes == [Minutes(at=AT, sent_to="(not recorded)")]
    assert Complaint.MinutesSent.class_version == 2
    entry = service.reads.history(Complaint, case.id, TESTER)[-1]
    assert (entry.type, entry.data) == ("MinutesSent", {"sent_to": "(not recorded)"})


def test_a_receipt_stored_before_versions_were_recorded_is_judged_by_the_version_then(
    service: Service,
) -> None:
    received = datetime(2026, 3, 2, 9, tzinfo=UTC)
    registration = RegisterComplaint(received, Channel.EMAIL, Contact("X"), "D", "S", "", "T")
    case = service.commands.run(registration, actor="intake:test").case
    [stored] = service.casework.recorder.select_events(case.id, lte=1)
    state = json.loads(stored.state)
    assert state.pop("class_version") == 2 and state.pop("policy_version") == "2019-1"
    old_id = uuid4()
    service.casework.recorder.insert_events(
        [StoredEvent(old_id, 1, stored.topic, json.dumps(state).encode())]
    )
    old = service.casework.load(Complaint, old_id)
    assert old.policy_version is None
    view = service.reads.case(Complaint, old_id, TESTER, None)
    assert {d.policy_version for d in view.deadlines} == {"2019-1"}
    assert all("in force when the clock started" in d.explanation for d in view.deadlines)


def test_a_flag_raised_before_phrases_were_recorded_reads_in_the_english_it_was_written_in(
    service: Service,
) -> None:
    received = service.clock.now() - timedelta(days=30)  # unacknowledged: a breach at once
    registration = RegisterComplaint(received, Channel.EMAIL, Contact("X"), "D", "S", "", "T")
    case = service.commands.run(registration, actor="intake:test").case
    old_id, copied = uuid4(), []
    for stored in service.casework.recorder.select_events(case.id):
        state = json.loads(stored.state)
        if stored.topic.endswith("FlagRaised"):
            assert state.pop("class_version") == 3 and state.pop("explained") is not None
            state["class_version"] = 2
        copied.append(
            StoredEvent(old_id, stored.originator_version, stored.topic, json.dumps(state).encode())
        )
    service.casework.recorder.insert_events(copied)
    [flag] = service.casework.load(Complaint, old_id).open_flags.values()
    assert flag.explained is None and flag.explanation.startswith("An acknowledgement is due")
    assert explained_in_dutch(flag) == flag.explanation  # English, as recorded: not guessed
    [new] = service.casework.load(Complaint, case.id).open_flags.values()
    assert explained_in_dutch(new).startswith("Een ontvangstbevestiging binnen 5 werkdagen")
