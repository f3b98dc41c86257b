"""A complaint's clocks: worked examples that explain themselves, and properties over histories."""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime, time, timedelta
from uuid import UUID

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from domain.calendar import AMSTERDAM, WorkingDayCalendar
from domain.complaint import Complaint
from domain.complaint_deadlines import complaint_deadlines
from domain.deadlines import Deadline
from domain.errors import DomainError
from domain.policy import DEFAULT_POLICY_BOOK, Policy, PolicyBook
from domain.values import ClockName, Outcome, Verdict

FAR = datetime(2100, 1, 1, tzinfo=UTC)  # a due moment no test here reaches

CALENDAR = WorkingDayCalendar()
BOOK = PolicyBook([Policy(version="2026-01", effective_from=date(2026, 1, 1))])
M = "mediator:anna"


def local(month: int, day: int, hour: int = 10, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, tzinfo=AMSTERDAM)


def end_of(month: int, day: int, year: int = 2026) -> datetime:
    return datetime.combine(date(year, month, day), time(23, 59, 59, 999_999), tzinfo=AMSTERDAM)


def receive(at: datetime, book: PolicyBook = BOOK) -> Complaint:
    return Complaint.receive(
        person_id=UUID(int=1),
        book=book,
        reference="K-2026-00001",
        at=at,
        actor="intake:ilse",
        now=at,
        channel="email",
        complainant={"name": "X"},
        dossier_ref="D-1",
        subject="S",
        description="",
        team="Team Noord",
    )


def talk(
    c: Complaint,
    at: datetime,
    outcome: Outcome = Outcome.UNRESOLVED,
    agreements: list[tuple[str, date]] | None = None,
    book: PolicyBook = BOOK,
) -> None:
    c.hold_conversation(
        at=at,
        actor=M,
        now=at,
        participants=["X"],
        outcome=outcome,
        agreements=agreements or [],
        book=book,
    )


def rule(c: Complaint, at: datetime, verdict: Verdict) -> None:
    c.refer(at=at, actor=M, now=at)
    c.receive_ruling(at=at, actor=M, now=at, verdict=verdict, book=BOOK)


def clocks(c: Complaint, now: datetime, book: PolicyBook = BOOK) -> dict[str, Deadline]:
    return {clock.key: clock for clock in complaint_deadlines(c, book, CALENDAR, now)}


def test_a_fresh_complaint_has_only_the_acknowledgement_and_decision_clocks() -> None:
    found = clocks(receive(local(3, 2)), local(3, 2))
    assert list(found) == ["acknowledgement", "decision"]
    assert {c.state for c in found.values()} == {"running"}
    assert all(c.started_at == local(3, 2) for c in found.values())


def test_minutes_due_five_working_days_after_conversation_skipping_kings_day() -> None:
    c = receive(local(4, 20))
    talk(c, local(4, 24))
    minutes = clocks(c, local(4, 28))["minutes:1"]
    assert (minutes.clock, minutes.state, minutes.policy_version) == (
        "minutes",
        "running",
        "2026-01",
    )
    assert (minutes.due_at, minutes.warn_at) == (end_of(5, 4), end_of(4, 30))
    assert minutes.explanation == (
        "Minutes are due 5 working days after the conversation "
        "(policy 2026-01, recorded when the clock started). "
        "Conversation held Fri 24 Apr 2026 10:00; skipped Sat 25 Apr, Sun 26 Apr, "
        "Mon 27 Apr (King's Day (Koningsdag)), Sat 2 May, Sun 3 May; "
        "due end of Mon 4 May 2026, warning from end of Thu 30 Apr 2026."
    )


def test_acknowledgement_over_easter_skips_good_friday_and_easter_monday() -> None:
    c = receive(local(4, 1))
    ack = clocks(c, local(4, 1))["acknowledgement"]
    assert (ack.due_at, ack.warn_at) == (end_of(4, 10), end_of(4, 8))
    assert "Fri 3 Apr (Good Friday (Goede vrijdag))" in ack.explanation
    c.acknowledge(at=local(4, 7), actor=M, now=local(4, 7))
    met = clocks(c, local(5, 1))["acknowledgement"]
    assert (met.state, met.met_at, met.met_late) == ("met", local(4, 7), False)


def test_minutes_sent_late_stay_met_but_say_late() -> None:
    c = receive(local(3, 2))
    talk(c, local(3, 4))
    assert clocks(c, local(3, 12))["minutes:1"].state == "breached"
    c.send_minutes(at=local(3, 16), actor=M, now=local(3, 16), sent_to="X")
    sent = clocks(c, local(3, 16))["minutes:1"]
    assert (sent.state, sent.met_late) == ("met", True)
    assert sent.explanation.endswith("Met Mon 16 Mar 2026 10:00 (late).")


def test_each_conversation_has_its_own_minutes_clock_met_by_minutes_sent_after_it() -> None:
    c = receive(local(3, 2))
    talk(c, local(3, 4))
    c.send_minutes(at=local(3, 5), actor=M, now=local(3, 5), sent_to="X")
    talk(c, local(3, 9))
    found = clocks(c, local(3, 10))
    assert (found["minutes:1"].state, found["minutes:2"].state) == ("met", "running")
    assert found["minutes:2"].started_at == local(3, 9)


def test_a_clock_is_running_at_its_due_moment_and_breached_just_after() -> None:
    c = receive(local(3, 2))
    due = clocks(c, local(3, 2))["acknowledgement"].due_at
    assert clocks(c, due)["acknowledgement"].state == "running"
    assert clocks(c, due + timedelta(seconds=1))["acknowledgement"].state == "breached"


def test_the_decision_is_due_six_weeks_after_receipt_moved_past_kings_day() -> None:
    decision = clocks(receive(local(3, 16)), local(3, 17))["decision"]
    assert (decision.due_at, decision.warn_at) == (end_of(4, 28), end_of(4, 21))
    assert "Mon 27 Apr 2026 is not a working day, moved to Tue 28 Apr 2026" in decision.explanation


def test_a_suspension_across_easter_pushes_the_decision_onto_liberation_day_and_past_it() -> None:
    c = receive(local(3, 16))
    c.suspend(at=local(4, 2), actor=M, now=local(4, 2), reason="Wacht op stukken")
    c.resume(at=local(4, 10), actor=M, now=local(4, 10), reason="Stukken binnen")
    decision = clocks(c, local(4, 11))["decision"]
    assert decision.due_at == end_of(5, 6)
    assert "suspended Thu 2 Apr 2026 10:00 to Fri 10 Apr 2026 10:00" in decision.explanation
    assert "Tue 5 May 2026 is not a working day, moved to Wed 6 May 2026" in decision.explanation
    assert "(Liberation Day (Bevrijdingsdag))" in decision.explanation


def test_an_open_suspension_counts_until_now() -> None:
    c = receive(local(3, 2))
    c.suspend(at=local(3, 9), actor=M, now=local(3, 9), reason="Wacht")
    assert clocks(c, local(3, 9))["decision"].due_at == end_of(4, 13)
    later = clocks(c, local(3, 19))["decision"]
    assert later.due_at == end_of(4, 23)
    assert "suspended since Mon 9 Mar 2026 10:00, counted until now" in later.explanation


def test_an_extension_adds_its_weeks_and_says_why() -> None:
    c = receive(local(3, 2))
    c.extend(
        clock=ClockName.DECISION,
        weeks=4,
        reason="Commissie vol",
        actor=M,
        now=local(3, 3),
        at=local(3, 3),
        book=DEFAULT_POLICY_BOOK,
        due_at=FAR,
    )
    decision = clocks(c, local(3, 3))["decision"]
    assert decision.due_at == end_of(5, 11)
    explained = decision.explanation
    assert "extended 4 weeks, decided and told on Tue 3 Mar 2026" in explained
    assert "Commissie vol" not in explained  # the reason is personal data: read it in the case


def test_the_decision_is_met_by_a_resolving_conversation_a_ruling_or_closing() -> None:
    resolved, ruled, closed = receive(local(3, 2)), receive(local(3, 2)), receive(local(3, 2))
    talk(resolved, local(3, 5), Outcome.RESOLVED)
    rule(ruled, local(3, 6), Verdict.UNFOUNDED)
    closed.close(at=local(3, 9), actor=M, now=local(3, 9), reason="Opgelost")
    met = [clocks(c, local(6, 1))["decision"] for c in (resolved, ruled, closed)]
    assert [(d.state, d.met_at) for d in met] == [
        ("met", local(3, 5)),
        ("met", local(3, 6)),
        ("met", local(3, 9)),
    ]


def test_a_withdrawn_case_stops_every_unmet_clock() -> None:
    c = receive(local(3, 2))
    c.acknowledge(at=local(3, 3), actor=M, now=local(3, 3))
    talk(c, local(3, 4), agreements=[("Bellen", date(2026, 3, 20))])
    c.withdraw(at=local(3, 5), actor=M, now=local(3, 5), reason="Ingetrokken")
    states = {k: clock.state for k, clock in clocks(c, local(6, 1)).items()}
    assert states == {
        "acknowledgement": "met",
        "decision": "stopped",
        "minutes:1": "stopped",
        "agreement:1": "stopped",
    }


def test_an_upheld_ruling_on_5_march_must_be_answered_by_tuesday_after_easter() -> None:
    c = receive(local(1, 5))
    rule(c, local(3, 5), Verdict.UPHELD)
    answer = clocks(c, local(3, 6))["upheld_response"]
    assert (answer.due_at, answer.warn_at) == (end_of(4, 7), end_of(3, 31))
    assert "Sun 5 Apr 2026 is not a working day, moved to Tue 7 Apr 2026" in answer.explanation
    assert "Mon 6 Apr (Easter Monday (Tweede paasdag))" in answer.explanation


def test_a_partly_upheld_ruling_is_answered_by_measures_or_an_apology() -> None:
    by_measures, by_apology = receive(local(1, 5)), receive(local(1, 5))
    for c in (by_measures, by_apology):
        rule(c, local(2, 2), Verdict.PARTLY_UPHELD)
    by_measures.communicate_measures(
        at=local(2, 9), actor=M, now=local(2, 9), measures=["A"], book=BOOK
    )
    by_apology.give_apology(at=local(2, 10), actor=M, now=local(2, 10), summary="Excuses")
    assert clocks(by_measures, local(3, 9))["upheld_response"].met_at == local(2, 9)
    assert clocks(by_apology, local(3, 9))["upheld_response"].met_at == local(2, 10)


def test_an_unfounded_ruling_starts_no_answer_clock() -> None:
    c = receive(local(1, 5))
    rule(c, local(2, 2), Verdict.UNFOUNDED)
    assert "upheld_response" not in clocks(c, local(2, 3))


def test_an_agreement_is_due_on_its_date_and_warns_two_working_days_before() -> None:
    c = receive(local(3, 2))
    talk(c, local(3, 4), agreements=[("Bellen", date(2026, 3, 13)), ("Mailen", date(2026, 3, 14))])
    talk(c, local(3, 16), agreements=[("Evalueren", date(2026, 4, 7))])
    found = clocks(c, local(3, 16))
    assert (found["agreement:1"].due_at, found["agreement:1"].warn_at) == (
        end_of(3, 13),
        end_of(3, 11),
    )
    assert found["agreement:2"].due_at == end_of(3, 16)  # a Saturday moves to Monday
    assert found["agreement:3"].warn_at == end_of(4, 1)  # before Easter Monday and Good Friday
    assert found["agreement:3"].started_at == local(3, 16)
    c.mark_agreement_done(number=1, at=local(3, 12), actor=M, now=local(3, 12))
    assert clocks(c, local(3, 20))["agreement:1"].state == "met"


def test_a_clock_keeps_the_policy_version_in_force_when_it_started() -> None:
    book = PolicyBook(
        [
            Policy(version="2026-02", effective_from=date(2026, 3, 10), minutes_days=3),
            Policy(version="2026-01", effective_from=date(2026, 1, 1)),
        ]
    )
    c = receive(local(3, 2), book)
    talk(c, local(3, 4), book=book)
    talk(c, local(3, 11), book=book)
    found = clocks(c, local(3, 12), book)
    assert [found[k].policy_version for k in ("acknowledgement", "minutes:1", "minutes:2")] == [
        "2026-01",
        "2026-01",
        "2026-02",
    ]
    assert found["minutes:1"].due_at == end_of(3, 11)
    assert found["minutes:2"].due_at == end_of(3, 16)


def test_the_policy_in_force_is_chosen_on_the_amsterdam_date() -> None:
    book = PolicyBook(
        [
            Policy(version="2026-01", effective_from=date(2026, 1, 1)),
            Policy(version="2027-01", effective_from=date(2027, 1, 1)),
        ]
    )
    new_year_in_amsterdam = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    assert book.in_force_at(new_year_in_amsterdam).version == "2027-01"
    assert book.in_force_at(datetime(2020, 1, 1, tzinfo=UTC)).version == "2026-01"
    assert DEFAULT_POLICY_BOOK.in_force_at(local(3, 2)).acknowledgement_days == 5


# -- properties over random histories built with the public commands ----------------------------

COMMANDS = (
    "acknowledge",
    "talk",
    "resolve",
    "minutes",
    "refer",
    "upheld",
    "partly",
    "unfounded",
    "apology",
    "measures",
    "suspend",
    "resume",
    "extend",
    "done",
    "close",
    "withdraw",
    "reopen",
)
moments = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 11, 1))
histories = st.lists(
    st.tuples(st.sampled_from(COMMANDS), st.integers(0, 20 * 24), st.integers(-3, 25)),
    max_size=14,
)


def apply(c: Complaint, command: str, at: datetime, days: int) -> None:
    """Run one command `at`; a command the rules refuse is simply not recorded."""
    agreement = [("Afspraak", (at + timedelta(days=days)).date())]
    actions = {
        "acknowledge": lambda: c.acknowledge(at=at, actor=M, now=at),
        "talk": lambda: talk(c, at, Outcome.UNRESOLVED, agreement),
        "resolve": lambda: talk(c, at, Outcome.RESOLVED, agreement),
        "minutes": lambda: c.send_minutes(at=at, actor=M, now=at, sent_to="X"),
        "refer": lambda: c.refer(at=at, actor=M, now=at),
        "upheld": lambda: c.receive_ruling(
            at=at, actor=M, now=at, verdict=Verdict.UPHELD, book=BOOK
        ),
        "partly": lambda: c.receive_ruling(
            at=at, actor=M, now=at, verdict=Verdict.PARTLY_UPHELD, book=BOOK
        ),
        "unfounded": lambda: c.receive_ruling(
            at=at, actor=M, now=at, verdict=Verdict.UNFOUNDED, book=BOOK
        ),
        "apology": lambda: c.give_apology(at=at, actor=M, now=at, summary="Sorry"),
        "measures": lambda: c.communicate_measures(
            at=at, actor=M, now=at, measures=["M"], book=BOOK
        ),
        "suspend": lambda: c.suspend(at=at, actor=M, now=at, reason="r"),
        "resume": lambda: c.resume(at=at, actor=M, now=at, reason="r"),
        "extend": lambda: c.extend(
            clock=ClockName.DECISION,
            weeks=max(1, days % 5),
            reason="r",
            actor=M,
            now=at,
            at=at,
            book=DEFAULT_POLICY_BOOK,
            due_at=FAR,
        ),
        "done": lambda: c.mark_agreement_done(number=1, at=at, actor=M, now=at),
        "close": lambda: c.close(at=at, actor=M, now=at, reason="r"),
        "withdraw": lambda: c.withdraw(at=at, actor=M, now=at, reason="r"),
        "reopen": lambda: c.reopen(at=at, actor=M, now=at, reason="r"),
    }
    with contextlib.suppress(DomainError):
        actions[command]()


def build(received: datetime, history: list[tuple[str, int, int]]) -> tuple[Complaint, datetime]:
    """The complaint after each step (hours after the previous one), and the last moment."""
    moment = received.replace(tzinfo=UTC)
    c = receive(moment)
    for command, hours, days in history:
        moment += timedelta(hours=hours)
        apply(c, command, moment, days)
    return c, moment


@settings(max_examples=75, deadline=None)
@given(received=moments, history=histories, later=st.integers(0, 24 * 120))
def test_a_due_moment_is_never_on_a_non_working_day(
    received: datetime, history: list[tuple[str, int, int]], later: int
) -> None:
    c, last = build(received, history)
    for clock in complaint_deadlines(c, BOOK, CALENDAR, last + timedelta(hours=later)):
        due = clock.due_at.astimezone(AMSTERDAM)
        assert CALENDAR.is_working_day(due.date()), clock
        assert due.time() == time(23, 59, 59, 999_999), clock
        assert clock.started_at <= clock.warn_at <= clock.due_at, clock


@settings(max_examples=75, deadline=None)
@given(
    received=moments,
    history=histories,
    pause=st.tuples(st.integers(0, 24 * 30), st.integers(0, 24 * 30)),
    resumed=st.booleans(),
)
def test_a_suspension_never_makes_a_deadline_earlier(
    received: datetime,
    history: list[tuple[str, int, int]],
    pause: tuple[int, int],
    resumed: bool,
) -> None:
    c, last = build(received, history)
    assume(not c.is_suspended)  # an open suspension already counts until now
    now = last + timedelta(hours=pause[0] + pause[1] + 1)
    before = clocks(c, now)
    apply(c, "suspend", last + timedelta(hours=pause[0]), 0)
    if resumed:
        apply(c, "resume", last + timedelta(hours=pause[0] + pause[1]), 0)
    after = clocks(c, now)
    for key, clock in before.items():
        assert after[key].due_at >= clock.due_at, (clock, after[key])


@settings(max_examples=75, deadline=None)
@given(received=moments, history=histories, extra=histories)
def test_a_later_event_never_changes_an_earlier_clocks_start(
    received: datetime, history: list[tuple[str, int, int]], extra: list[tuple[str, int, int]]
) -> None:
    c, last = build(received, history)
    before = clocks(c, last)
    moment = last
    for command, hours, days in extra:
        moment += timedelta(hours=hours)
        apply(c, command, moment, days)
    after = clocks(c, moment)
    for key, clock in before.items():
        assert (after[key].started_at, after[key].policy_version) == (
            clock.started_at,
            clock.policy_version,
        )


@settings(max_examples=75, deadline=None)
@given(received=moments, history=histories, later=st.integers(0, 24 * 90))
def test_replaying_the_same_events_gives_the_same_clocks(
    received: datetime, history: list[tuple[str, int, int]], later: int
) -> None:
    c, last = build(received, history)
    again, _ = build(received, history)
    now = last + timedelta(hours=later)
    replayed = None
    for event in c.collect_events():
        replayed = event.mutate(replayed)
    assert isinstance(replayed, Complaint)
    expected = complaint_deadlines(c, BOOK, CALENDAR, now)
    assert complaint_deadlines(again, BOOK, CALENDAR, now) == expected
    assert complaint_deadlines(replayed, BOOK, CALENDAR, now) == expected
