"""Deadlines: pure functions of a start, a policy version and the calendar; each explains itself."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

from domain.calendar import AMSTERDAM, Skipped, WorkingDayCalendar
from domain.policy import ClockPolicy, Policy
from domain.values import ClockName

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
    explain: Callable[[], str] = field(repr=False, compare=False)

    @property
    def explanation(self) -> str:
        return self.explain()

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
    rule: str
    label: str

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
    steps: Callable[[], Sequence[str]] = field(repr=False, compare=False)

    @property
    def details(self) -> tuple[str, ...]:
        return tuple(self.steps())


def moment_text(moment: datetime) -> str:
    return moment.astimezone(AMSTERDAM).strftime("%a %-d %b %Y %H:%M")


def day_text(day: date) -> str:
    return day.strftime("%a %-d %b %Y")


def skipped_text(skipped: Skipped) -> str:
    """ "skipped Sat 25 Apr, Mon 27 Apr (King's Day (Koningsdag))": plain weekends unnamed."""
    return "skipped " + ", ".join(
        day.strftime("%a %-d %b") + ("" if reason in ("Saturday", "Sunday") else f" ({reason})")
        for day, reason in skipped
    )


def count_working_days(cal: WorkingDayCalendar, start: Start, days: int, warn_days: int) -> Norm:
    """Due at the end of the Nth working day after the start's day, which does not count."""
    due = cal.add_working_days(start.at, days)
    warn = cal.add_working_days(start.at, warn_days)

    def steps() -> list[str]:
        started = [f"{start.label} {moment_text(start.at)}"]
        return started + ([skipped_text(due.skipped)] if due.skipped else [])

    due_at = cal.end_of_day(due.due_day)
    return Norm(start, min(cal.end_of_day(warn.due_day), due_at), due_at, steps)


def on_calendar_day(
    cal: WorkingDayCalendar,
    start: Start,
    due_day: date,
    warn_before: timedelta | int,
    details: Callable[[], Sequence[str]] = lambda: (),
) -> Norm:
    """Due at the end of a calendar day, moved to the next working day when it is not one.

    The warning comes `warn_before` earlier: a calendar span, or a number of working days.
    """
    due_day = max(due_day, cal.local_day(start.at))
    moved, skipped = cal.next_working_day(due_day)

    def steps() -> list[str]:
        words = [f"{start.label} {moment_text(start.at)}", *details()]
        if skipped:
            words.append(
                f"{day_text(due_day)} is not a working day, moved to {day_text(moved)}: "
                + skipped_text(skipped)
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
    rule: str,
    start_label: str,
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


def _explanation(norm: Norm, state: State, met_at: datetime | None) -> str:
    verdict = ""
    if met_at is not None:
        verdict = f" Met {moment_text(met_at)}{' (late)' if met_at > norm.due_at else ''}."
    elif state == "stopped":
        verdict = " Stopped: the case was closed or withdrawn first."
    elif state == "breached":
        verdict = " Breached: not met by the due moment."
    due, warn = norm.due_at.astimezone(AMSTERDAM), norm.warn_at.astimezone(AMSTERDAM)
    warning = f"from end of {day_text(warn.date())}" if warn.time() == due.time() else None
    start, steps = norm.start, "; ".join(norm.details)
    return (
        f"{start.rule} (policy {start.policy.version}, {start.chosen.how}). "
        f"{steps[:1].upper()}{steps[1:]}; "
        f"due end of {day_text(due.date())}, "
        f"warning {warning or 'from ' + moment_text(warn)}.{verdict}"
    )
