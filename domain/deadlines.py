"""A case's clocks, pure functions of its state, policy book and calendar; each explains itself."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from domain.calendar import AMSTERDAM, Skipped, WorkingDayCalendar
from domain.complaint import Complaint
from domain.policy import Policy, PolicyBook
from domain.values import ClockName, Outcome, Status, Verdict

State = Literal["running", "met", "breached", "stopped"]


@dataclass(frozen=True)
class Clock:
    """One deadline of a case at a moment: when it started, warns and falls due, and its state."""

    clock: ClockName
    key: str
    started_at: datetime
    warn_at: datetime
    due_at: datetime
    state: State
    met_at: datetime | None
    policy_version: str
    explanation: str

    @property
    def met_late(self) -> bool:
        return self.met_at is not None and self.met_at > self.due_at


@dataclass(frozen=True)
class Start:
    """A clock that has started: which one, when, and the policy version and rule it obeys."""

    clock: ClockName
    key: str
    at: datetime
    policy: Policy
    rule: str
    label: str


@dataclass(frozen=True)
class Norm:
    """A started clock's warn and due moments, and the steps that led to them."""

    start: Start
    warn_at: datetime
    due_at: datetime
    details: tuple[str, ...]


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
    details = [f"{start.label} {moment_text(start.at)}"]
    details += [skipped_text(due.skipped)] if due.skipped else []
    due_at = cal.end_of_day(due.due_day)
    return Norm(start, min(cal.end_of_day(warn.due_day), due_at), due_at, tuple(details))


def on_calendar_day(
    cal: WorkingDayCalendar,
    start: Start,
    due_day: date,
    warn_before: timedelta | int,
    details: Sequence[str] = (),
) -> Norm:
    """Due at the end of a calendar day, moved to the next working day when it is not one.

    The warning comes `warn_before` earlier: a calendar span, or a number of working days.
    """
    due_day = max(due_day, cal.local_day(start.at))
    moved, skipped = cal.next_working_day(due_day)
    steps = [f"{start.label} {moment_text(start.at)}", *details]
    if skipped:
        steps.append(
            f"{day_text(due_day)} is not a working day, moved to {day_text(moved)}: "
            + skipped_text(skipped)
        )
    due_at = cal.end_of_day(moved)
    if isinstance(warn_before, timedelta):
        warn_day = moved - warn_before
    else:
        warn_day = cal.subtract_working_days(moved, warn_before)
    warn_at = min(max(cal.end_of_day(warn_day), start.at), due_at)
    return Norm(start, warn_at, due_at, tuple(steps))


def working_days_norm(
    calendar: WorkingDayCalendar,
    policy: Policy,
    clock: ClockName,
    key: str,
    start: datetime,
    days: int,
    warn_days: int,
    rule: str,
    start_label: str,
) -> Norm:
    """`count_working_days` with the start spelled out (the signal clocks call it so)."""
    begun = Start(clock, key, start, policy, rule, start_label)
    return count_working_days(calendar, begun, days, warn_days)


def judge(norm: Norm, met_at: datetime | None, ended: bool, now: datetime) -> Clock:
    """The clock's state at `now`: the rule, its steps, the due moment and the outcome in words."""
    state: State = "running"
    verdict = ""
    if met_at is not None:
        state = "met"
        verdict = f" Met {moment_text(met_at)}{' (late)' if met_at > norm.due_at else ''}."
    elif ended:
        state, verdict = "stopped", " Stopped: the case was closed or withdrawn first."
    elif now > norm.due_at:
        state, verdict = "breached", " Breached: not met by the due moment."
    due, warn = norm.due_at.astimezone(AMSTERDAM), norm.warn_at.astimezone(AMSTERDAM)
    warning = f"from end of {day_text(warn.date())}" if warn.time() == due.time() else None
    start, steps = norm.start, "; ".join(norm.details)
    explanation = (
        f"{start.rule} (policy {start.policy.version}). {steps[:1].upper()}{steps[1:]}; "
        f"due end of {day_text(due.date())}, "
        f"warning {warning or 'from ' + moment_text(warn)}.{verdict}"
    )
    return Clock(
        clock=start.clock,
        key=start.key,
        started_at=start.at,
        warn_at=norm.warn_at,
        due_at=norm.due_at,
        state=state,
        met_at=met_at,
        policy_version=start.policy.version,
        explanation=explanation,
    )


def complaint_clocks(
    complaint: Complaint, book: PolicyBook, calendar: WorkingDayCalendar, now: datetime
) -> list[Clock]:
    """Every clock that has started on the complaint, judged at `now`."""
    rules = _ComplaintRules(complaint, book, calendar, now)
    clocks = [rules.acknowledgement(), rules.decision(), *rules.minutes()]
    return clocks + rules.upheld_response() + rules.agreements()


def _wall(moment: datetime) -> datetime:
    """Amsterdam wall-clock time: weeks and suspended days count in local days, DST or not."""
    return moment.astimezone(AMSTERDAM).replace(tzinfo=None)


@dataclass(frozen=True)
class _ComplaintRules:
    """The complaint's clock rules; a clock not met when the case ends is stopped."""

    c: Complaint
    book: PolicyBook
    cal: WorkingDayCalendar
    now: datetime

    def _judge(self, norm: Norm, met_at: datetime | None) -> Clock:
        return judge(norm, met_at, self.c.status.is_final, self.now)

    def acknowledgement(self) -> Clock:
        c, p = self.c, self.book.in_force_at(self.c.received_at)
        rule = f"An acknowledgement is due {p.acknowledgement_days} working days after receipt"
        start = Start(
            ClockName.ACKNOWLEDGEMENT, "acknowledgement", c.received_at, p, rule, "received"
        )
        norm = count_working_days(
            self.cal, start, p.acknowledgement_days, p.acknowledgement_warn_days
        )
        return self._judge(norm, c.acknowledged_at)

    def minutes(self) -> list[Clock]:
        clocks = []
        for number, conversation in enumerate(self.c.conversations, start=1):
            held, p = conversation["at"], self.book.in_force_at(conversation["at"])
            rule = f"Minutes are due {p.minutes_days} working days after the conversation"
            start = Start(
                ClockName.MINUTES, f"minutes:{number}", held, p, rule, "conversation held"
            )
            norm = count_working_days(self.cal, start, p.minutes_days, p.minutes_warn_days)
            sent = min((m["at"] for m in self.c.minutes if m["at"] >= held), default=None)
            clocks.append(self._judge(norm, sent))
        return clocks

    def _suspended(self) -> tuple[timedelta, list[str]]:
        """Total suspended time (an open suspension counts up to now) and each period in words."""
        periods = list(self.c.suspensions)
        texts = [f"suspended {moment_text(s)} to {moment_text(e)}" for s, e in periods]
        if (since := self.c.suspended_since) is not None:
            periods.append((since, max(self.now, since)))
            texts.append(f"suspended since {moment_text(since)}, counted until now")
        spans = (max(_wall(end) - _wall(begin), timedelta()) for begin, end in periods)
        return sum(spans, timedelta()), texts

    def decision(self) -> Clock:
        c, p = self.c, self.book.in_force_at(self.c.received_at)
        extensions = [e for e in c.extensions if e["clock"] == ClockName.DECISION]
        weeks = p.decision_weeks + sum(e["weeks"] for e in extensions)
        paused, details = self._suspended()
        details += [f"extended {e['weeks']} weeks: {e['reason']}" for e in extensions]
        due_day = (_wall(c.received_at) + timedelta(weeks=weeks) + paused).date()
        rule = f"A decision is due {p.decision_weeks} weeks after receipt, suspensions not counted"
        start = Start(ClockName.DECISION, "decision", c.received_at, p, rule, "received")
        warn = timedelta(weeks=p.decision_warn_weeks)
        norm = on_calendar_day(self.cal, start, due_day, warn, details)
        decided = [v["at"] for v in c.conversations if v["outcome"] == Outcome.RESOLVED]
        decided += [c.ruling["at"]] if c.ruling else []
        decided += [c.ended_at] if c.status == Status.CLOSED and c.ended_at else []
        return judge(norm, min(decided, default=None), c.status == Status.WITHDRAWN, self.now)

    def upheld_response(self) -> list[Clock]:
        ruling = self.c.ruling
        if ruling is None or not Verdict(ruling["verdict"]).is_upheld:
            return []
        ruled, p = ruling["at"], self.book.in_force_at(ruling["at"])
        months = p.upheld_response_months
        span = f"{months} calendar month{'' if months == 1 else 's'}"
        rule = f"An apology or measures are due {span} after an upheld ruling"
        label = f"ruling ({ruling['verdict']}) received"
        start = Start(ClockName.UPHELD_RESPONSE, "upheld_response", ruled, p, rule, label)
        warn = timedelta(weeks=p.upheld_response_warn_weeks)
        norm = on_calendar_day(self.cal, start, self.cal.add_months(ruled, months), warn)
        answers = [a["at"] for a in self.c.apologies + self.c.measures if a["at"] >= ruled]
        return [self._judge(norm, min(answers, default=None))]

    def agreements(self) -> list[Clock]:
        clocks = []
        for conversation in self.c.conversations:
            held, p = conversation["at"], self.book.in_force_at(conversation["at"])
            for agreement in conversation["agreements"]:
                number, what = agreement["number"], agreement["description"]
                rule = f"Agreement {number} ({what}) is due on the date agreed"
                label = "agreed in the conversation of"
                start = Start(ClockName.AGREEMENT, f"agreement:{number}", held, p, rule, label)
                due_day = date.fromisoformat(agreement["due"])
                norm = on_calendar_day(self.cal, start, due_day, p.agreement_warn_days)
                clocks.append(self._judge(norm, agreement.get("done_at")))
        return clocks
