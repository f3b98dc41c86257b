"""Which flags a case should carry, and how reconciling records raise, escalation and clearing."""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID

from domain.calendar import AMSTERDAM, WorkingDayCalendar
from domain.complaint import Complaint
from domain.complaint_deadlines import complaint_deadlines
from domain.flag_rules import ExpectedFlag, expected_flags, next_change_at
from domain.policy import DEFAULT_POLICY_BOOK
from domain.values import Outcome, Verdict

PERSON = UUID(int=1)

CALENDAR = WorkingDayCalendar()
M = "mediator:anna"


def local(d: int, mo: int = 3, h: int = 10) -> datetime:
    return datetime(2026, mo, d, h, tzinfo=AMSTERDAM)


def case(received: datetime = local(2, 3)) -> Complaint:
    c = Complaint.receive(
        person_id=PERSON,
        book=DEFAULT_POLICY_BOOK,
        reference="K-1",
        at=received,
        actor=M,
        now=received,
        channel="email",
        complainant={"name": "X"},
        dossier_ref="D",
        subject="S",
        description="",
        team="T",
    )
    c.acknowledge(at=received, actor=M, now=received)
    return c


def flags(c: Complaint, now: datetime) -> dict[str, ExpectedFlag]:
    return expected_flags(c, complaint_deadlines(c, DEFAULT_POLICY_BOOK, CALENDAR, now), now)


def talk(c: Complaint, at: datetime) -> None:
    c.hold_conversation(
        at=at,
        actor=M,
        now=at,
        participants=["X"],
        outcome=Outcome.RESOLVED,
        agreements=[],
        book=DEFAULT_POLICY_BOOK,
    )


def upheld(c: Complaint, at: datetime) -> None:
    c.refer(at=at - timedelta(days=14), actor=M, now=at)
    c.receive_ruling(at=at, actor=M, now=at, verdict=Verdict.UPHELD, book=DEFAULT_POLICY_BOOK)


def test_a_conversation_eight_working_days_ago_without_minutes_is_a_breach() -> None:
    c = case()
    talk(c, local(4))
    assert flags(c, local(16))["minutes_overdue:minutes:1"].severity == "breach"


def test_a_conversation_four_working_days_ago_without_minutes_is_a_warning() -> None:
    c = case()
    talk(c, local(4))
    assert flags(c, local(10))["minutes_overdue:minutes:1"].severity == "warning"


def test_sent_minutes_leave_no_minutes_flag() -> None:
    c = case()
    talk(c, local(4))
    c.send_minutes(at=local(5), actor=M, now=local(5), sent_to="X")
    assert not [k for k in flags(c, local(16)) if k.startswith("minutes_overdue")]


def test_an_upheld_ruling_five_weeks_ago_without_answer_is_a_breach() -> None:
    c = case(local(5, 1))
    upheld(c, local(9, 2))
    assert flags(c, local(16))["upheld_unanswered:upheld_response"].severity == "breach"


def test_measures_without_apology_are_flagged_without_apology_but_not_unanswered() -> None:
    c = case(local(5, 1))
    upheld(c, local(9, 2))
    c.communicate_measures(
        at=local(20, 2), actor=M, now=local(20, 2), measures=["Training"], book=DEFAULT_POLICY_BOOK
    )
    found = flags(c, local(16))
    assert "upheld_unanswered:upheld_response" not in found
    assert found["upheld_without_apology"].severity == "warning"
    assert "no apology" in found["upheld_without_apology"].explanation
    c.give_apology(at=local(16), actor=M, now=local(16), summary="Excuses")
    assert "upheld_without_apology" not in flags(c, local(16))


def test_reconciling_raises_escalates_and_clears_each_once() -> None:
    c = case()
    talk(c, local(4))
    c.collect_events()
    assert c.reconcile_flags(flags(c, local(10)), at=local(10), now=local(10)) == (1, 0)
    assert c.reconcile_flags(flags(c, local(10)), at=local(10), now=local(10)) == (0, 0)
    assert c.reconcile_flags(flags(c, local(16)), at=local(16), now=local(16)) == (1, 0)
    c.send_minutes(at=local(16), actor=M, now=local(16), sent_to="X")
    assert c.reconcile_flags(flags(c, local(16)), at=local(16), now=local(16)) == (0, 1)
    recorded = [
        (type(e).__name__, getattr(e, "severity", None), e.actor) for e in c.collect_events()
    ]
    assert recorded == [
        ("FlagRaised", "warning", "policy:minutes_overdue"),
        ("FlagRaised", "breach", "policy:minutes_overdue"),
        ("MinutesSent", None, M),
        ("FlagCleared", None, "policy:minutes_overdue"),
    ]


def test_the_next_check_is_the_next_warn_or_due_moment_of_a_running_clock() -> None:
    c = case()
    talk(c, local(4))
    clocks = complaint_deadlines(c, DEFAULT_POLICY_BOOK, CALENDAR, local(4, h=11))
    nxt = next_change_at(clocks, local(4, h=11))
    assert nxt is not None and nxt == min(cl.warn_at for cl in clocks if cl.state == "running")
