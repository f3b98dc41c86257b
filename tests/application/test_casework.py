"""The casework use cases against eventsourcing's in-memory store: lifecycle, history, as_of."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import uuid4

import pytest

from adapters.clock import SettableClock
from application.casework import Casework, NewComplaint
from application.errors import CaseNotFound, IdempotencyKeyReused, VersionMismatch
from domain.complaint import Complaint
from domain.errors import ExtensionRefused
from domain.values import ClockName, Outcome, Status, Verdict
from tests.application.fakes import in_memory_casework, in_memory_runner

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
M = "mediator:anna"


def new_complaint(received_at: datetime = START) -> NewComplaint:
    return NewComplaint(
        received_at=received_at,
        channel="phone",
        complainant={"name": "Jan Jansen", "phone": "06-12345678"},
        dossier_ref="D-17",
        subject="Niet gehoord",
        description="Mijn zoon werd niet gehoord.",
        team="Team Zuid",
    )


@pytest.fixture
def clock() -> SettableClock:
    return SettableClock(START + timedelta(hours=1))


@pytest.fixture
def casework(clock: SettableClock) -> Casework:
    return in_memory_casework(clock)


def later(clock: SettableClock, hours: int = 24) -> datetime:
    clock.set(clock.now() + timedelta(hours=hours))
    return clock.now() - timedelta(minutes=1)


def test_a_complaint_travels_its_whole_lifecycle(casework: Casework, clock: SettableClock) -> None:
    c = casework.register(new_complaint(), "intake:ilse")
    assert c.reference == "K-2026-00001"
    steps = [
        lambda x, now: x.acknowledge(at=later(clock), actor=M, now=clock.now()),
        lambda x, now: x.assign(mediator="anna", actor=M, now=now),
        lambda x, now: x.hold_conversation(
            at=later(clock),
            actor=M,
            now=clock.now(),
            participants=["Jan Jansen"],
            outcome=Outcome.UNRESOLVED,
            agreements=[("Terugbellen", date(2026, 3, 20))],
        ),
        lambda x, now: x.send_minutes(at=later(clock), actor=M, now=clock.now(), sent_to="Jan"),
        lambda x, now: x.refer(at=later(clock), actor=M, now=clock.now()),
        lambda x, now: x.receive_ruling(
            at=later(clock), actor=M, now=clock.now(), verdict=Verdict.UPHELD
        ),
        lambda x, now: x.give_apology(at=later(clock), actor=M, now=clock.now(), summary="Sorry"),
        lambda x, now: x.communicate_measures(
            at=later(clock), actor=M, now=clock.now(), measures=["Extra scholing"]
        ),
        lambda x, now: x.mark_agreement_done(number=1, at=later(clock), actor=M, now=clock.now()),
        lambda x, now: x.close(at=later(clock), actor=M, now=clock.now(), reason="Afgerond"),
    ]
    for step in steps:
        c = casework.change(c.id, None, step)
    assert c.status == Status.CLOSED
    stored = casework.complaint(c.id)
    assert (stored.status, stored.version, stored.mediator) == (Status.CLOSED, 11, "anna")
    types = [e.type for e in casework.history(Complaint, c.id)]
    assert types == [
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
    casework: Casework, clock: SettableClock
) -> None:
    c = casework.register(new_complaint(), "intake:ilse")
    clock.set(START + timedelta(days=2))
    casework.change(
        c.id, None, lambda x, now: x.acknowledge(at=START + timedelta(days=1), actor=M, now=now)
    )
    entry = casework.history(Complaint, c.id)[1]
    assert (entry.position, entry.actor, entry.at, entry.recorded_at) == (
        2,
        M,
        START + timedelta(days=1),
        START + timedelta(days=2),
    )


def test_as_of_shows_the_case_as_it_was_known_then(
    casework: Casework, clock: SettableClock
) -> None:
    c = casework.register(new_complaint(), "intake:ilse")
    known_received = clock.now()
    clock.set(known_received + timedelta(hours=5))
    casework.change(c.id, None, lambda x, now: x.acknowledge(at=START, actor=M, now=now))
    assert casework.complaint(c.id, as_of=known_received).status == Status.RECEIVED
    assert casework.complaint(c.id, as_of=clock.now()).status == Status.ACKNOWLEDGED
    with pytest.raises(CaseNotFound):
        casework.complaint(c.id, as_of=known_received - timedelta(seconds=1))


def test_an_unknown_case_is_not_found(casework: Casework) -> None:
    with pytest.raises(CaseNotFound):
        casework.complaint(uuid4())
    with pytest.raises(CaseNotFound):
        casework.history(Complaint, uuid4())


def test_a_command_naming_an_old_version_is_refused(casework: Casework) -> None:
    c = casework.register(new_complaint(), "intake:ilse")
    with pytest.raises(VersionMismatch):
        casework.change(c.id, 7, lambda x, now: x.acknowledge(at=START, actor=M, now=now))


def test_an_extension_is_capped_by_the_policy_in_force(casework: Casework) -> None:
    c = casework.register(new_complaint(), "intake:ilse")

    def extend(weeks: int) -> None:
        casework.change(
            c.id,
            None,
            lambda x, now: casework.extend(
                x, clock=ClockName.DECISION, weeks=weeks, reason="Commissie", actor=M, now=now
            ),
        )

    with pytest.raises(ExtensionRefused):
        extend(5)
    extend(4)
    with pytest.raises(ExtensionRefused):
        extend(1)


def test_a_repeated_idempotency_key_replays_without_recording_again(
    casework: Casework, clock: SettableClock
) -> None:
    runner = in_memory_runner(clock)

    def register() -> dict[str, object]:
        return {"case_id": str(casework.register(new_complaint(), "intake:ilse").id)}

    first, replayed_first = runner.run(register, actor="intake:ilse", key="k1", fingerprint="a")
    again, replayed_again = runner.run(register, actor="intake:ilse", key="k1", fingerprint="a")
    assert (first, replayed_first, replayed_again) == (again, False, True)
    assert casework.references.next("complaint:2026") == 2  # only one complaint was registered
    with pytest.raises(IdempotencyKeyReused):
        runner.run(register, actor="intake:ilse", key="k1", fingerprint="b")
