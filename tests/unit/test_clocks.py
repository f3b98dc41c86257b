"""Deadline clocks: examples that explain themselves, and properties over random histories."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from domain.calendar import AMSTERDAM, WorkingDayCalendar
from domain.complaint import Complaint
from domain.complaint_deadlines import complaint_deadlines
from domain.deadlines import Deadline
from domain.policy import DEFAULT_POLICY_BOOK, Policy, PolicyBook
from domain.values import Outcome, Verdict
from tests.unit.case_steps import M, apply, build, received_moments, steps

FAR = datetime(2100, 1, 1, tzinfo=UTC)  # a due moment no test here reaches

PERSON = UUID(int=1)

CALENDAR = WorkingDayCalendar()


def local(y: int, mo: int, d: int, h: int = 10, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=AMSTERDAM)


def complaint(received: datetime, book: PolicyBook = DEFAULT_POLICY_BOOK) -> Complaint:
    return Complaint.receive(
        person_id=PERSON,
        book=book,
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


def clocks_of(
    c: Complaint, now: datetime, book: PolicyBook = DEFAULT_POLICY_BOOK
) -> dict[str, Deadline]:
    return {clock.key: clock for clock in complaint_deadlines(c, book, CALENDAR, now)}


def test_minutes_due_five_working_days_after_conversation_skipping_kings_day() -> None:
    c = complaint(local(2026, 4, 20))
    c.hold_conversation(
        at=local(2026, 4, 24),
        actor=M,
        now=local(2026, 4, 24),
        participants=["X"],
        outcome=Outcome.RESOLVED,
        agreements=[],
        book=DEFAULT_POLICY_BOOK,
    )
    minutes = clocks_of(c, local(2026, 4, 28))["minutes:1"]
    assert minutes.due_at == local(2026, 5, 4, 23, 59).replace(second=59, microsecond=999_999)
    assert minutes.warn_at.date() == date(2026, 4, 30)
    assert minutes.state == "running"
    assert "5 working days" in minutes.explanation
    assert "Fri 24 Apr 2026 10:00" in minutes.explanation
    assert "Mon 27 Apr (King's Day (Koningsdag))" in minutes.explanation
    assert "due end of Mon 4 May 2026" in minutes.explanation


def test_minutes_not_sent_by_the_due_moment_breach_and_sending_meets_the_clock() -> None:
    c = complaint(local(2026, 3, 2))
    c.hold_conversation(
        at=local(2026, 3, 4),
        actor=M,
        now=local(2026, 3, 4),
        participants=["X"],
        outcome=Outcome.RESOLVED,
        agreements=[],
        book=DEFAULT_POLICY_BOOK,
    )
    assert clocks_of(c, local(2026, 3, 16))["minutes:1"].state == "breached"
    c.send_minutes(at=local(2026, 3, 16), actor=M, now=local(2026, 3, 16), sent_to="X")
    sent = clocks_of(c, local(2026, 3, 16))["minutes:1"]
    assert (sent.state, sent.met_late) == ("met", True)
    assert "Met Mon 16 Mar 2026 10:00 (late)." in sent.explanation


def test_an_upheld_response_deadline_on_easter_sunday_moves_to_tuesday() -> None:
    c = complaint(local(2026, 1, 5))
    c.refer(at=local(2026, 2, 1), actor=M, now=local(2026, 2, 1))
    c.receive_ruling(
        at=local(2026, 3, 5),
        actor=M,
        now=local(2026, 3, 5),
        verdict=Verdict.UPHELD,
        book=DEFAULT_POLICY_BOOK,
    )
    clock = clocks_of(c, local(2026, 3, 6))["upheld_response"]
    assert clock.due_at.date() == date(2026, 4, 7)
    assert "Sun 5 Apr 2026 is not a working day, moved to Tue 7 Apr 2026" in clock.explanation


def test_a_suspension_across_a_holiday_pushes_the_decision_back_by_the_suspended_time() -> None:
    c = complaint(local(2026, 3, 16))
    plain = clocks_of(c, local(2026, 3, 17))["decision"].due_at
    c.suspend(at=local(2026, 4, 2), actor=M, now=local(2026, 4, 2), reason="Wacht")
    c.resume(at=local(2026, 4, 10), actor=M, now=local(2026, 4, 10), reason="Terug")
    suspended = clocks_of(c, local(2026, 4, 11))["decision"]
    assert plain.date() == date(2026, 4, 27) + timedelta(days=1)  # 27 April is King's Day
    assert suspended.due_at.date() == date(2026, 5, 5) + timedelta(days=1)  # 5 May is a holiday
    assert "suspended Thu 2 Apr 2026 10:00 to Fri 10 Apr 2026 10:00" in suspended.explanation
    assert "Tue 5 May 2026 is not a working day, moved to Wed 6 May 2026" in suspended.explanation


def test_an_extension_moves_the_decision_and_says_why() -> None:
    c = complaint(local(2026, 3, 2))
    before = clocks_of(c, local(2026, 3, 3))["decision"].due_at
    c.extend(
        clock="decision",
        weeks=4,
        reason="Commissie vol",
        actor=M,  # type: ignore[arg-type]
        now=local(2026, 3, 3),
        at=local(2026, 3, 3),
        book=DEFAULT_POLICY_BOOK,
        due_at=FAR,
    )
    after = clocks_of(c, local(2026, 3, 3))["decision"]
    assert after.due_at - before == timedelta(weeks=4)
    explained = after.explanation
    assert "extended 4 weeks, decided and told on Tue 3 Mar 2026" in explained
    assert "Commissie vol" not in explained  # the reason is personal data: read it in the case


def test_a_clock_keeps_the_policy_version_in_force_when_it_started() -> None:
    book = PolicyBook(
        [
            Policy(version="2019-1", effective_from=date(2019, 1, 1)),
            Policy(version="2026-2", effective_from=date(2026, 3, 10), minutes_days=3),
        ]
    )
    old = complaint(local(2026, 3, 2), book)
    new = complaint(local(2026, 3, 11), book)
    assert clocks_of(old, local(2026, 3, 12), book)["acknowledgement"].policy_version == "2019-1"
    assert clocks_of(new, local(2026, 3, 12), book)["acknowledgement"].policy_version == "2026-2"


def test_a_withdrawn_case_stops_its_running_clocks() -> None:
    c = complaint(local(2026, 3, 2))
    c.withdraw(at=local(2026, 3, 3), actor=M, now=local(2026, 3, 3), reason="r")
    states = {k: clock.state for k, clock in clocks_of(c, local(2026, 6, 1)).items()}
    assert states == {"acknowledgement": "stopped", "decision": "stopped"}


@settings(max_examples=60, deadline=None)
@given(received=received_moments, history=steps, later=st.integers(0, 24 * 120))
def test_a_due_moment_is_never_on_a_non_working_day(
    received: datetime, history: list[tuple[str, int]], later: int
) -> None:
    c, last = build(received, history)
    for clock in complaint_deadlines(
        c, DEFAULT_POLICY_BOOK, CALENDAR, last + timedelta(hours=later)
    ):
        assert CALENDAR.is_working_day(clock.due_at.astimezone(AMSTERDAM).date()), clock


@settings(max_examples=60, deadline=None)
@given(
    received=received_moments,
    history=steps,
    pause=st.tuples(st.integers(1, 24 * 30), st.integers(1, 24 * 30)),
)
def test_a_suspension_never_makes_a_deadline_earlier(
    received: datetime, history: list[tuple[str, int]], pause: tuple[int, int]
) -> None:
    c, last = build(received, history)
    assume(not c.is_suspended)  # an open suspension already counts up to now
    now = last + timedelta(hours=pause[0] + pause[1] + 1)
    before = clocks_of(c, now)
    apply(c, "suspend", last + timedelta(hours=pause[0]))
    apply(c, "resume", last + timedelta(hours=pause[0] + pause[1]))
    after = clocks_of(c, now)
    for key, clock in before.items():
        assert after[key].due_at >= clock.due_at


@settings(max_examples=60, deadline=None)
@given(received=received_moments, history=steps, extra=steps)
def test_a_later_event_never_changes_an_earlier_clocks_start(
    received: datetime, history: list[tuple[str, int]], extra: list[tuple[str, int]]
) -> None:
    c, last = build(received, history)
    before = clocks_of(c, last)
    moment = last
    for command, hours in extra:
        moment += timedelta(hours=hours)
        apply(c, command, moment)
    after = clocks_of(c, moment)
    for key, clock in before.items():
        assert after[key].started_at == clock.started_at


@settings(max_examples=60, deadline=None)
@given(received=received_moments, history=steps, later=st.integers(0, 24 * 90))
def test_replaying_the_same_events_gives_the_same_clocks(
    received: datetime, history: list[tuple[str, int]], later: int
) -> None:
    c, last = build(received, history)
    now = last + timedelta(hours=later)
    replayed = None
    for event in c.collect_events():
        replayed = event.mutate(replayed)
    assert isinstance(replayed, Complaint)
    assert complaint_deadlines(replayed, DEFAULT_POLICY_BOOK, CALENDAR, now) == complaint_deadlines(
        c, DEFAULT_POLICY_BOOK, CALENDAR, now
    )
    assert datetime.now(UTC) > now - timedelta(days=3650)  # sanity: moments stay plausible
