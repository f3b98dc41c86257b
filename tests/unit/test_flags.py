"""Which flags a complaint should carry now, and when they can next change without an event."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.calendar import AMSTERDAM, WorkingDayCalendar
from domain.complaint import Complaint
from domain.complaint_deadlines import complaint_deadlines
from domain.deadlines import Deadline
from domain.flag_rules import ExpectedFlag, expected_flags, next_change_at
from domain.policy import Policy, PolicyBook
from domain.values import Outcome, Verdict
from tests.unit.case_steps import build, received_moments, steps

CALENDAR = WorkingDayCalendar()
BOOK = PolicyBook([Policy(version="2026-01", effective_from=date(2026, 1, 1))])
M = "mediator:anna"


def local(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=AMSTERDAM)


def working_days_after(moment: datetime, days: int) -> datetime:
    """The same time of day, `days` working days later."""
    day = CALENDAR.add_working_days(moment, days).due_day
    return datetime.combine(day, moment.astimezone(AMSTERDAM).timetz())


def case(received: datetime = local(3, 2)) -> Complaint:
    c = Complaint.receive(
        person_id=UUID(int=1),
        book=BOOK,
        reference="K-1",
        at=received,
        actor="intake:ilse",
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


def talk(c: Complaint, at: datetime, agreements: list[tuple[str, date]] | None = None) -> None:
    c.hold_conversation(
        at=at,
        actor=M,
        now=at,
        participants=["X"],
        outcome=Outcome.UNRESOLVED,
        agreements=agreements or [],
        book=BOOK,
    )


def ruled(c: Complaint, at: datetime, verdict: Verdict = Verdict.UPHELD) -> None:
    c.refer(at=at - timedelta(days=14), actor=M, now=at)
    c.receive_ruling(at=at, actor=M, now=at, verdict=verdict, book=BOOK)


def clocks_at(c: Complaint, now: datetime) -> list[Deadline]:
    return complaint_deadlines(c, BOOK, CALENDAR, now)


def flags(c: Complaint, now: datetime) -> dict[str, ExpectedFlag]:
    return expected_flags(c, clocks_at(c, now), now)


def test_a_conversation_eight_working_days_ago_without_minutes_is_a_breach() -> None:
    c = case()
    talk(c, local(3, 4))
    flag = flags(c, working_days_after(local(3, 4), 8))["minutes_overdue:minutes:1"]
    assert (flag.policy, flag.clock_key, flag.severity) == (
        "minutes_overdue",
        "minutes:1",
        "breach",
    )


def test_a_conversation_four_working_days_ago_without_minutes_is_a_warning() -> None:
    c = case()
    talk(c, local(3, 4))
    now = working_days_after(local(3, 4), 4)
    flag = flags(c, now)["minutes_overdue:minutes:1"]
    minutes = {k.key: k for k in clocks_at(c, now)}["minutes:1"]
    assert flag.severity == "warning"
    assert (flag.due_at, flag.policy_version) == (minutes.due_at, "2026-01")
    assert flag.explanation == minutes.explanation


def test_a_conversation_two_working_days_ago_without_minutes_is_not_flagged_yet() -> None:
    c = case()
    talk(c, local(3, 4))
    assert flags(c, working_days_after(local(3, 4), 2)) == {}


def test_sent_minutes_leave_no_minutes_flag() -> None:
    c = case()
    talk(c, local(3, 4))
    c.send_minutes(at=local(3, 5), actor=M, now=local(3, 5), sent_to="X")
    assert flags(c, working_days_after(local(3, 4), 8)) == {}


def test_a_flag_warns_from_the_warn_moment_and_breaches_only_after_the_due_moment() -> None:
    c = case()
    talk(c, local(3, 4))
    minutes = {k.key: k for k in clocks_at(c, local(3, 4))}["minutes:1"]
    second = timedelta(seconds=1)
    severities = [
        flags(c, moment).get("minutes_overdue:minutes:1")
        for moment in (minutes.warn_at - second, minutes.warn_at, minutes.due_at)
    ]
    assert severities[0] is None
    assert [f.severity for f in severities[1:] if f] == ["warning", "warning"]
    assert flags(c, minutes.due_at + second)["minutes_overdue:minutes:1"].severity == "breach"


def test_an_unacknowledged_complaint_is_flagged_as_overdue() -> None:
    c = Complaint.receive(
        person_id=UUID(int=1),
        book=BOOK,
        reference="K-2",
        at=local(3, 2),
        actor="intake:ilse",
        now=local(3, 2),
        channel="phone",
        complainant={},
        dossier_ref="D",
        subject="S",
        description="",
        team="T",
    )
    found = flags(c, local(3, 10))
    assert found["complaint_acknowledgement_overdue:acknowledgement"].severity == "breach"


def test_an_agreement_past_its_date_and_a_late_decision_are_flagged() -> None:
    c = case(local(1, 5))
    talk(c, local(1, 7), agreements=[("Bellen", date(2026, 1, 16))])
    c.send_minutes(at=local(1, 8), actor=M, now=local(1, 8), sent_to="X")
    found = flags(c, local(2, 20))
    assert found["agreement_overdue:agreement:1"].severity == "breach"
    assert found["decision_overdue:decision"].severity == "breach"
    assert set(found) == {"agreement_overdue:agreement:1", "decision_overdue:decision"}


def test_an_upheld_ruling_five_weeks_ago_without_answer_is_a_breach() -> None:
    c = case(local(1, 5))
    ruled(c, local(2, 9))
    found = flags(c, local(2, 9) + timedelta(weeks=5))
    assert found["upheld_unanswered:upheld_response"].severity == "breach"
    assert "upheld_without_apology" not in found


def test_an_upheld_ruling_three_and_a_half_weeks_ago_without_answer_is_a_warning() -> None:
    c = case(local(1, 5))
    ruled(c, local(2, 9), Verdict.PARTLY_UPHELD)
    found = flags(c, local(3, 5))
    assert found["upheld_unanswered:upheld_response"].severity == "warning"


def test_measures_without_apology_are_flagged_without_apology_but_not_unanswered() -> None:
    c = case(local(1, 5))
    ruled(c, local(2, 9))
    c.communicate_measures(
        at=local(2, 20), actor=M, now=local(2, 20), measures=["Training"], book=BOOK
    )
    found = flags(c, local(3, 16))
    assert "upheld_unanswered:upheld_response" not in found
    flag = found["upheld_without_apology"]
    assert (flag.policy, flag.severity, flag.clock_key) == (
        "upheld_without_apology",
        "warning",
        "upheld_response",
    )
    assert (
        "Measures were communicated on Fri 20 Feb 2026 after an upheld ruling (upheld) of "
        "Mon 9 Feb 2026, but no apology was given" in flag.explanation
    )


def test_the_without_apology_flag_names_the_days_as_they_were_in_amsterdam() -> None:
    c = case(local(1, 5))
    ruled(c, local(2, 9))
    just_after_midnight = local(2, 21, 0, 30).astimezone(UTC)  # still 20 February in UTC
    c.communicate_measures(
        at=just_after_midnight, actor=M, now=just_after_midnight, measures=["Training"], book=BOOK
    )
    assert "on Sat 21 Feb 2026" in flags(c, local(3, 2))["upheld_without_apology"].explanation


def test_an_apology_after_the_ruling_clears_the_without_apology_flag() -> None:
    c = case(local(1, 5))
    ruled(c, local(2, 9))
    c.communicate_measures(
        at=local(2, 20), actor=M, now=local(2, 20), measures=["Training"], book=BOOK
    )
    c.give_apology(at=local(3, 2), actor=M, now=local(3, 2), summary="Excuses")
    assert flags(c, local(3, 16)) == {}


def test_an_apology_given_before_the_ruling_does_not_answer_it() -> None:
    c = case(local(1, 5))
    c.give_apology(at=local(1, 20), actor=M, now=local(1, 20), summary="Excuses vooraf")
    ruled(c, local(2, 9))
    c.communicate_measures(
        at=local(2, 20), actor=M, now=local(2, 20), measures=["Training"], book=BOOK
    )
    assert "upheld_without_apology" in flags(c, local(3, 2))


def test_an_unfounded_ruling_answered_with_measures_is_not_flagged() -> None:
    c = case(local(1, 5))
    ruled(c, local(2, 9), Verdict.UNFOUNDED)
    c.communicate_measures(
        at=local(2, 20), actor=M, now=local(2, 20), measures=["Training"], book=BOOK
    )
    assert flags(c, local(3, 16)) == {}


def test_a_closed_case_carries_no_flags() -> None:
    c = case(local(1, 5))
    talk(c, local(1, 7))
    ruled(c, local(2, 9))
    c.communicate_measures(
        at=local(2, 20), actor=M, now=local(2, 20), measures=["Training"], book=BOOK
    )
    c.close(at=local(2, 23), actor=M, now=local(2, 23), reason="Afgerond")
    assert flags(c, local(6, 1)) == {}


def test_the_next_change_is_the_next_warn_moment_then_the_instant_after_the_due_moment() -> None:
    c = case()
    talk(c, local(3, 4))
    minutes = {k.key: k for k in clocks_at(c, local(3, 4))}["minutes:1"]
    first = next_change_at(clocks_at(c, local(3, 4, 11)), local(3, 4, 11))
    assert first == min(k.warn_at for k in clocks_at(c, local(3, 4, 11)) if k.state == "running")
    assert first == minutes.warn_at
    after_warning = minutes.warn_at + timedelta(hours=1)
    upcoming = next_change_at(clocks_at(c, after_warning), after_warning)
    assert upcoming == minutes.due_at + timedelta(microseconds=1)


def test_there_is_no_next_change_when_no_clock_is_running() -> None:
    c = case()
    c.close(at=local(3, 3), actor=M, now=local(3, 3), reason="Opgelost")
    assert next_change_at(clocks_at(c, local(3, 4)), local(3, 4)) is None
    breached = case()
    assert next_change_at(clocks_at(breached, local(6, 1)), local(6, 1)) is None


@settings(max_examples=60, deadline=None)
@given(received=received_moments, history=steps, later=st.integers(0, 24 * 120))
def test_every_flag_belongs_to_an_unmet_clock_whose_warning_has_started(
    received: datetime, history: list[tuple[str, int]], later: int
) -> None:
    c, last = build(received, history)
    now = last + timedelta(hours=later)
    clocks = {clock.key: clock for clock in clocks_at(c, now)}
    for key, flag in flags(c, now).items():
        if flag.policy == "upheld_without_apology":
            assert key == "upheld_without_apology" and not c.status.is_final
            continue
        clock = clocks[flag.clock_key]
        assert key == f"{flag.policy}:{clock.key}"
        assert clock.state in ("running", "breached") and now >= clock.warn_at
        assert flag.severity == ("breach" if now > clock.due_at else "warning")
    change = next_change_at(list(clocks.values()), now)
    assert change is None or change > now
