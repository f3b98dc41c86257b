"""Deadlines: pure functions of a start, a policy version and the calendar; each explains itself."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

from domain.calendar import AMSTERDAM, Skipped, WorkingDayCalendar
from domain.policy import ClockPolicy, Policy
from domain.values import ClockName
from domain.wording import ENGLISH, Phrase, SkippedDays, Steps, phrase, say

State = Literal["running", "met", "breached", "stopped"]


@dataclass(frozen=True)
class Deadline:
    """One clock of a case at a moment: when it started, warns and falls due, and its state.

    Its explanation is composed when it is read: most readers (the next check moment, the
    report's figures) only need the moments."""

    clock: ClockName
    key: str
    started_at: datetime
    warn_at: datetime
    due_at: datetime
    state: State
    met_at: datetime | None
    policy_version: str
    explain: Callable[[], Phrase] = field(repr=False, compare=False)

    @property
    def explanation(self) -> str:
        return say(self.explain())

    @property
    def met_late(self) -> bool:
        return self.met_at is not None and self.met_at > self.due_at


@dataclass(frozen=True)
class Start:
    """A clock that has started: which one, when, and the policy version and rule it obeys."""

    clock: ClockName
    key: str
    at: datetime
    chosen: ClockPolicy
    rule: Phrase
    label: Phrase

    @property
    def policy(self) -> Policy:
        return self.chosen.policy


@dataclass(frozen=True)
class Norm:
    """A started clock's warn and due moments, and the steps that led to them (in words when
    asked)."""

    start: Start
    warn_at: datetime
    due_at: datetime
    steps: Callable[[], Sequence[Phrase]] = field(repr=False, compare=False)

    @property
    def details(self) -> tuple[Phrase, ...]:
        return tuple(self.steps())


def moment_text(moment: datetime) -> str:
    return ENGLISH.moment(moment)


def day_text(day: date) -> str:
    return ENGLISH.day(day)


def skipped_words(skipped: Skipped) -> Phrase:
    """ "skipped Sat 25 Apr, Mon 27 Apr (King's Day (Koningsdag))": plain weekends unnamed."""
    return phrase("skipped {days}", days=SkippedDays(skipped))


def started_words(start: Start) -> Phrase:
    return phrase("{label} {at}", label=start.label, at=start.at)


def count_working_days(cal: WorkingDayCalendar, start: Start, days: int, warn_days: int) -> Norm:
    """Due at the end of the Nth working day after the start's day, which does not count."""
    due = cal.add_working_days(start.at, days)
    warn = cal.add_working_days(start.at, warn_days)

    def steps() -> list[Phrase]:
        return [started_words(start)] + ([skipped_words(due.skipped)] if due.skipped else [])

    due_at = cal.end_of_day(due.due_day)
    return Norm(start, min(cal.end_of_day(warn.due_day), due_at), due_at, steps)


def on_calendar_day(
    cal: WorkingDayCalendar,
    start: Start,
    due_day: date,
    warn_before: timedelta | int,
    details: Callable[[], Sequence[Phrase]] = lambda: (),
) -> Norm:
    """Due at the end of a calendar day, moved to the next working day when it is not one.

    The warning comes `warn_before` earlier: a calendar span, or a number of working days.
    """
    due_day = max(due_day, cal.local_day(start.at))
    moved, skipped = cal.next_working_day(due_day)

    def steps() -> list[Phrase]:
        words = [started_words(start), *details()]
        if skipped:
            not_working = "{day} is not a working day, moved to {moved}: {skipped}"
            words.append(
                phrase(not_working, day=due_day, moved=moved, skipped=skipped_words(skipped))
            )
        return words

    due_at = cal.end_of_day(moved)
    if isinstance(warn_before, timedelta):
        warn_day = moved - warn_before
    else:
        warn_day = cal.subtract_working_days(moved, warn_before)
    warn_at = min(max(cal.end_of_day(warn_day), start.at), due_at)
    return Norm(start, warn_at, due_at, steps)


def working_days_norm(
    calendar: WorkingDayCalendar,
    chosen: ClockPolicy,
    clock: ClockName,
    key: str,
    start: datetime,
    days: int,
    warn_days: int,
    rule: Phrase,
    start_label: Phrase,
) -> Norm:
    """`count_working_days` with the start spelled out (the signal clocks call it so)."""
    begun = Start(clock, key, start, chosen, rule, start_label)
    return count_working_days(calendar, begun, days, warn_days)


def judge(norm: Norm, met_at: datetime | None, ended: bool, now: datetime) -> Deadline:
    """The clock's state at `now`: the rule, its steps, the due moment and the outcome in words."""
    state: State = "running"
    if met_at is not None:
        state = "met"
    elif ended:
        state = "stopped"
    elif now > norm.due_at:
        state = "breached"
    start = norm.start
    return Deadline(
        clock=start.clock,
        key=start.key,
        started_at=start.at,
        warn_at=norm.warn_at,
        due_at=norm.due_at,
        state=state,
        met_at=met_at,
        policy_version=start.policy.version,
        explain=lambda: _explanation(norm, state, met_at),
    )


def _explanation(norm: Norm, state: State, met_at: datetime | None) -> Phrase:
    verdict = phrase("")
    if met_at is not None:
        late = met_at > norm.due_at
        verdict = phrase(" Met {at} (late)." if late else " Met {at}.", at=met_at)
    elif state == "stopped":
        verdict = phrase(" Stopped: the case was closed or withdrawn first.")
    elif state == "breached":
        verdict = phrase(" Breached: not met by the due moment.")
    due, warn = norm.due_at.astimezone(AMSTERDAM), norm.warn_at.astimezone(AMSTERDAM)
    if warn.time() == due.time():
        warning = phrase("from end of {day}", day=warn.date())
    else:
        warning = phrase("from {at}", at=norm.warn_at)
    start = norm.start
    return phrase(
        "{rule} (policy {version}, {how}). {steps}; due end of {due}, warning {warning}.{verdict}",
        rule=start.rule,
        version=start.policy.version,
        how=start.chosen.how,
        steps=Steps(norm.details),
        due=due.date(),
        warning=warning,
        verdict=verdict,
    )
