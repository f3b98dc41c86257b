"""The Complaint aggregate's rules: every allowed path and every refused one."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from domain.complaint import Complaint
from domain.errors import ExtensionRefused, InvalidMoment, NotAllowed
from domain.policy import DEFAULT_POLICY_BOOK
from domain.records import Minutes, Ruling, Suspension
from domain.values import ClockName, Outcome, Status, Verdict
from tests.unit.complaints import NOW, RECEIVED, day, received

FAR = datetime(2100, 1, 1, tzinfo=UTC)  # a due moment no test here reaches

M = "mediator:anna"


def conversation(c: Complaint, at_day: int = 3, outcome: Outcome = Outcome.UNRESOLVED) -> None:
    c.hold_conversation(
        at=day(at_day),
        actor=M,
        now=NOW,
        participants=["Fatima de Vries"],
        outcome=outcome,
        agreements=[("Nieuwe afspraak plannen", date(2026, 3, 30))],
        book=DEFAULT_POLICY_BOOK,
    )


def ruled(verdict: Verdict = Verdict.UPHELD) -> Complaint:
    c = received()
    c.refer(at=day(4), actor=M, now=NOW)
    c.receive_ruling(at=day(10), actor=M, now=NOW, verdict=verdict, book=DEFAULT_POLICY_BOOK)
    return c


def test_a_received_complaint_records_who_received_it_and_when() -> None:
    c = received()
    assert c.status == Status.RECEIVED
    event = c.collect_events()[0]
    assert (type(event).__name__, event.at, event.actor, event.timestamp) == (
        "Received",
        RECEIVED,
        "intake:ilse",
        NOW,
    )


def test_acknowledging_moves_the_complaint_to_acknowledged() -> None:
    c = received()
    c.acknowledge(at=day(1), actor=M, now=NOW)
    assert (c.status, c.acknowledged_at) == (Status.ACKNOWLEDGED, day(1))


def test_acknowledging_twice_is_refused() -> None:
    c = received()
    c.acknowledge(at=day(1), actor=M, now=NOW)
    with pytest.raises(NotAllowed, match="already been acknowledged"):
        c.acknowledge(at=day(2), actor=M, now=NOW)


def test_an_effective_time_before_receipt_is_refused() -> None:
    c = received()
    with pytest.raises(InvalidMoment, match="before the case was received"):
        c.acknowledge(at=RECEIVED - timedelta(minutes=1), actor=M, now=NOW)


def test_an_effective_time_more_than_five_minutes_ahead_is_refused() -> None:
    c = received()
    c.acknowledge(at=NOW + timedelta(minutes=4), actor=M, now=NOW)
    with pytest.raises(InvalidMoment, match="future"):
        received().acknowledge(at=NOW + timedelta(minutes=6), actor=M, now=NOW)


def test_a_time_without_offset_is_refused() -> None:
    with pytest.raises(InvalidMoment, match="offset"):
        received().acknowledge(at=day(1).replace(tzinfo=None), actor=M, now=NOW)


def test_minutes_before_any_conversation_are_refused() -> None:
    with pytest.raises(NotAllowed, match="no conversation"):
        received().send_minutes(at=day(2), actor=M, now=NOW, sent_to="Fatima de Vries")


def test_minutes_after_a_conversation_are_recorded() -> None:
    c = received()
    conversation(c)
    c.send_minutes(at=day(5), actor=M, now=NOW, sent_to="Fatima de Vries")
    assert c.minutes == [Minutes(at=day(5), sent_to="Fatima de Vries")]


def test_minutes_dated_before_the_conversation_are_refused() -> None:
    c = received()
    conversation(c, at_day=3)
    with pytest.raises(InvalidMoment):
        c.send_minutes(at=day(2), actor=M, now=NOW, sent_to="Fatima de Vries")


def test_a_resolving_conversation_marks_the_complaint_resolved_and_numbers_agreements() -> None:
    c = received()
    conversation(c, outcome=Outcome.RESOLVED)
    conversation(c, at_day=5, outcome=Outcome.RESOLVED)
    assert c.status == Status.RESOLVED
    assert [a.number for a in c.agreements] == [1, 2]


def test_a_ruling_before_a_referral_is_refused() -> None:
    with pytest.raises(NotAllowed, match="not been referred"):
        received().receive_ruling(
            at=day(3), actor=M, now=NOW, verdict=Verdict.UPHELD, book=DEFAULT_POLICY_BOOK
        )


def test_a_ruling_after_a_referral_is_recorded_once() -> None:
    c = ruled()
    assert c.status == Status.RULED and c.ruling == Ruling(day(10), Verdict.UPHELD, "2019-1")
    with pytest.raises(NotAllowed, match="already ruled"):
        c.receive_ruling(
            at=day(11), actor=M, now=NOW, verdict=Verdict.UNFOUNDED, book=DEFAULT_POLICY_BOOK
        )


def test_referring_twice_is_refused() -> None:
    c = received()
    c.refer(at=day(1), actor=M, now=NOW)
    with pytest.raises(NotAllowed, match="already been referred"):
        c.refer(at=day(2), actor=M, now=NOW)


def test_measures_before_a_ruling_are_refused() -> None:
    with pytest.raises(NotAllowed, match="committee has not ruled"):
        received().communicate_measures(
            at=day(3), actor=M, now=NOW, measures=["Training"], book=DEFAULT_POLICY_BOOK
        )


def test_measures_after_a_ruling_answer_the_complaint() -> None:
    c = ruled()
    c.communicate_measures(
        at=day(12), actor=M, now=NOW, measures=["Training"], book=DEFAULT_POLICY_BOOK
    )
    assert c.status == Status.ANSWERED


def test_an_apology_after_a_ruling_answers_the_complaint() -> None:
    c = ruled()
    c.give_apology(at=day(12), actor=M, now=NOW, summary="Excuses aangeboden")
    assert c.status == Status.ANSWERED


def test_an_apology_before_a_ruling_keeps_the_status() -> None:
    c = received()
    c.give_apology(at=day(1), actor=M, now=NOW, summary="Excuses")
    assert c.status == Status.RECEIVED and len(c.apologies) == 1


@pytest.mark.parametrize("end", ["close", "withdraw"])
def test_nothing_but_reopen_is_allowed_on_an_ended_case(end: str) -> None:
    c = received()
    getattr(c, end)(at=day(2), actor=M, now=NOW, reason="klaar")
    refused = [
        lambda: c.acknowledge(at=day(3), actor=M, now=NOW),
        lambda: c.assign(mediator="anna", actor=M, now=NOW),
        lambda: c.refer(at=day(3), actor=M, now=NOW),
        lambda: c.suspend(at=day(3), actor=M, now=NOW, reason="x"),
        lambda: c.close(at=day(3), actor=M, now=NOW, reason="x"),
        lambda: c.withdraw(at=day(3), actor=M, now=NOW, reason="x"),
        lambda: c.give_apology(at=day(3), actor=M, now=NOW, summary="x"),
    ]
    for command in refused:
        with pytest.raises(NotAllowed, match="only reopen"):
            command()
    c.reopen(at=day(3), actor=M, now=NOW, reason="nieuwe informatie")
    assert c.status == Status.RECEIVED


def test_reopening_restores_the_status_before_closing() -> None:
    c = ruled()
    c.close(at=day(12), actor=M, now=NOW, reason="afgerond")
    c.reopen(at=day(13), actor=M, now=NOW, reason="klager reageert")
    assert c.status == Status.RULED


def test_reopening_an_open_case_is_refused() -> None:
    with pytest.raises(NotAllowed, match="only a closed or withdrawn"):
        received().reopen(at=day(1), actor=M, now=NOW, reason="x")


def test_resume_is_only_allowed_when_suspended() -> None:
    c = received()
    with pytest.raises(NotAllowed, match="not suspended"):
        c.resume(at=day(2), actor=M, now=NOW, reason="x")
    c.suspend(at=day(2), actor=M, now=NOW, reason="wacht op klager")
    assert c.is_suspended
    with pytest.raises(NotAllowed, match="already suspended"):
        c.suspend(at=day(3), actor=M, now=NOW, reason="x")
    c.resume(at=day(4), actor=M, now=NOW, reason="klager gereageerd")
    assert not c.is_suspended and c.suspensions == [Suspension(day(2), day(4))]


def test_an_extension_within_the_cap_is_recorded_and_a_second_is_refused() -> None:
    c = received()
    c.extend(
        clock=ClockName.DECISION,
        weeks=4,
        reason="commissie",
        actor=M,
        now=NOW,
        at=NOW,
        book=DEFAULT_POLICY_BOOK,
        due_at=FAR,
    )
    assert c.extensions[0].weeks == 4
    with pytest.raises(ExtensionRefused, match="already been extended"):
        c.extend(
            clock=ClockName.DECISION,
            weeks=1,
            reason="nog eens",
            actor=M,
            now=NOW,
            at=NOW,
            book=DEFAULT_POLICY_BOOK,
            due_at=FAR,
        )


@pytest.mark.parametrize(("clock", "weeks"), [(ClockName.DECISION, 5), (ClockName.MINUTES, 1)])
def test_an_extension_beyond_the_cap_or_of_another_clock_is_refused(
    clock: ClockName, weeks: int
) -> None:
    with pytest.raises(ExtensionRefused):
        received().extend(
            clock=clock,
            weeks=weeks,
            reason="x",
            actor=M,
            now=NOW,
            at=NOW,
            book=DEFAULT_POLICY_BOOK,
            due_at=FAR,
        )


def test_an_agreement_can_be_marked_done_once() -> None:
    c = received()
    conversation(c)
    c.mark_agreement_done(number=1, at=day(6), actor=M, now=NOW)
    assert c.agreements[0].done_at == day(6)
    with pytest.raises(NotAllowed, match="already done"):
        c.mark_agreement_done(number=1, at=day(7), actor=M, now=NOW)
    with pytest.raises(NotAllowed, match="no agreement 2"):
        c.mark_agreement_done(number=2, at=day(7), actor=M, now=NOW)


def test_no_complaint_conversation_while_the_committee_has_the_case() -> None:
    c = ruled()
    with pytest.raises(NotAllowed, match="committee"):
        conversation(c, at_day=11)


def test_assigning_a_mediator_is_recorded() -> None:
    c = received()
    c.assign(mediator="anna", actor=M, now=NOW)
    assert c.mediator == "anna"
