"""The casework use cases against eventsourcing's in-memory store: lifecycle, history, as_of."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import uuid4

import pytest

from adapters.clock import SettableClock
from application.complaint_use_cases import (
    AcknowledgeComplaint,
    AgreementMade,
    AssignMediator,
    CloseComplaint,
    CommunicateMeasures,
    ExtendDeadline,
    GiveApology,
    HoldConversation,
    MarkAgreementDone,
    RecordRuling,
    ReferToCommittee,
    RegisterComplaint,
    SendMinutes,
)
from application.errors import CaseNotFound, IdempotencyKeyReused, VersionMismatch
from application.roles import Role
from application.staff_use_cases import AddStaffMember
from domain.complaint import Complaint
from domain.errors import ExtensionRefused
from domain.records import Contact
from domain.values import Channel, ClockName, Outcome, Status, Verdict
from tests.application.fakes import InMemoryWork, in_memory_work
from tests.conftest import TESTER

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
M = "mediator:anna"


def new_complaint(received_at: datetime = START) -> RegisterComplaint:
    return RegisterComplaint(
        received_at=received_at,
        channel=Channel.PHONE,
        complainant=Contact("Jan Jansen", phone="06-12345678"),
        dossier_ref="D-17",
        subject="Niet gehoord",
        description="Mijn zoon werd niet gehoord.",
        team="Team Zuid",
    )


@pytest.fixture
def clock() -> SettableClock:
    return SettableClock(START + timedelta(hours=1))


@pytest.fixture
def work(clock: SettableClock) -> InMemoryWork:
    return in_memory_work(clock)


def register(work: InMemoryWork) -> Complaint:
    case = work.commands.run(new_complaint(), actor="intake:ilse").case
    assert isinstance(case, Complaint)
    return case


def later(clock: SettableClock, hours: int = 24) -> datetime:
    clock.set(clock.now() + timedelta(hours=hours))
    return clock.now() - timedelta(minutes=1)


def history_types(work: InMemoryWork, case: Complaint) -> list[str]:
    return [e.type for e in work.reads.history(Complaint, case.id, TESTER)]


def test_a_complaint_travels_its_whole_lifecycle(work: InMemoryWork, clock: SettableClock) -> None:
    work.commands.run(AddStaffMember("anna@voorbeeld.nl", "Anna", Role.MEDIATOR), actor=M)
    c = register(work)
    assert c.reference == "K-2026-00001"
    steps = [
        lambda: AcknowledgeComplaint(c.id, later(clock)),
        lambda: AssignMediator(c.id, "anna@voorbeeld.nl"),
        lambda: HoldConversation(
            c.id,
            later(clock),
            ("Jan Jansen",),
            Outcome.UNRESOLVED,
            (AgreementMade("Terugbellen", date(2026, 3, 20)),),
        ),
        lambda: SendMinutes(c.id, later(clock), "Jan"),
        lambda: ReferToCommittee(c.id, later(clock)),
        lambda: RecordRuling(c.id, later(clock), Verdict.UPHELD),
        lambda: GiveApology(c.id, later(clock), "Sorry"),
        lambda: CommunicateMeasures(c.id, later(clock), ("Extra scholing",)),
        lambda: MarkAgreementDone(c.id, 1, later(clock)),
        lambda: CloseComplaint(c.id, later(clock), "Afgerond"),
    ]
    for step in steps:  # each step is made when it runs: the clock moves on between them
        work.commands.run(step(), actor=M)
    stored = work.casework.load(Complaint, c.id)
    assert (stored.status, stored.version) == (Status.CLOSED, 11)
    assert stored.mediator == "anna@voorbeeld.nl"
    assert history_types(work, stored) == [
        "Received",
        "Acknowledged",
        "MediatorAssigned",
        "ConversationHeld",
        "MinutesSent",
        "ReferredToCommittee",
        "RulingReceived",
        "ApologyGiven",
        "MeasuresCommunicated",
        "AgreementDone",
        "Closed",
    ]


def test_history_names_actor_business_time_and_recording_time(
    work: InMemoryWork, clock: SettableClock
) -> None:
    c = register(work)
    clock.set(START + timedelta(days=2))
    work.commands.run(AcknowledgeComplaint(c.id, START + timedelta(days=1)), actor=M)
    entry = work.reads.history(Complaint, c.id, TESTER)[1]
    assert (entry.position, entry.actor, entry.at, entry.recorded_at) == (
        2,
        M,
        START + timedelta(days=1),
        START + timedelta(days=2),
    )


def test_as_of_shows_the_case_as_it_was_known_then(
    work: InMemoryWork, clock: SettableClock
) -> None:
    c = register(work)
    known_received = clock.now()
    clock.set(known_received + timedelta(hours=5))
    work.commands.run(AcknowledgeComplaint(c.id, START), actor=M)
    load = work.casework.load
    assert load(Complaint, c.id, as_of=known_received).status == Status.RECEIVED
    assert load(Complaint, c.id, as_of=clock.now()).status == Status.ACKNOWLEDGED
    with pytest.raises(CaseNotFound):
        load(Complaint, c.id, as_of=known_received - timedelta(seconds=1))


def test_an_unknown_case_is_not_found(work: InMemoryWork) -> None:
    with pytest.raises(CaseNotFound):
        work.casework.load(Complaint, uuid4())
    with pytest.raises(CaseNotFound):
        work.reads.history(Complaint, uuid4(), TESTER)


def test_a_command_naming_an_old_version_is_refused(work: InMemoryWork) -> None:
    c = register(work)
    with pytest.raises(VersionMismatch):
        work.commands.run(AcknowledgeComplaint(c.id, START), actor=M, expected_version=7)


def test_an_extension_is_capped_by_the_policy_in_force(work: InMemoryWork) -> None:
    c = register(work)

    def extend(weeks: int) -> None:
        work.commands.run(ExtendDeadline(c.id, ClockName.DECISION, weeks, "Commissie"), actor=M)

    with pytest.raises(ExtensionRefused):
        extend(5)
    extend(4)
    with pytest.raises(ExtensionRefused):
        extend(1)


def test_a_repeated_idempotency_key_replays_without_recording_again(
    work: InMemoryWork,
) -> None:
    run = work.commands.run
    first = run(new_complaint(), actor="intake:ilse", key="k1")
    again = run(new_complaint(), actor="intake:ilse", key="k1")
    assert (first.case.id, first.case.version) == (again.case.id, again.case.version)
    assert work.references.next("complaint:2026") == 2  # only one complaint was registered
    with pytest.raises(IdempotencyKeyReused):
        run(new_complaint(START - timedelta(days=1)), actor="intake:ilse", key="k1")
