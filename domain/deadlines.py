"""A case's clocks, pure functions of its state, policy book and calendar; each explains itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from domain.calendar import AMSTERDAM, Skipped, WorkingDayCalendar
from domain.complaint import Complaint
from domain.policy import Policy, PolicyBook
from domain.values import ClockName, Outcome, Status

State = Literal["running", "met", "breached", "stopped"]


@dataclass(frozen=True)
class Clock:
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
class Norm:
    """What one clock is judged by: when it started and when it warns and falls due, and why."""

    clock: ClockName
    key: str
    started_at: datetime
    warn_at: datetime
    due_at: datetime
    policy: Policy
    rule: str
    details: list[str]


def moment_text(moment: datetime) -> str:
    return moment.astimezone(AMSTERDAM).strftime("%a %-d %b %Y %H:%M")


def day_text(day: date) -> str:
    return day.strftime("%a %-d %b %Y")


def skipped_text(skipped: Skipped) -> str | None:
    if not skipped:
        return None
    days = [
        day.strftime("%a %-d %b") + ("" if reason in ("Saturday", "Sunday") else f" ({reason})")
        for day, reason in skipped
    ]
    return "skipped " + ", ".join(days)


def judge(norm: Norm, met_at: datetime | None, ended: bool, now: datetime) -> Clock:
    """The clock's state at `now` and a mediator-readable explanation of every step."""
    state: State
    if met_at is not None:
        state, verdict = (
            "met",
            f"Met {moment_text(met_at)}" + (" (late)." if met_at > norm.due_at else "."),
        )
    elif ended:
        state, verdict = "stopped", "Stopped: the case was closed or withdrawn first."
    elif now > norm.due_at:
        state, verdict = "breached", "Breached: not done by the due moment."
    else:
        state, verdict = "running", "Running."
    due_day, warn_day = norm.due_at.astimezone(AMSTERDAM), norm.warn_at.astimezone(AMSTERDAM)
    steps = "; ".join(
        [
            *norm.details,
            f"due end of {day_text(due_day.date())}",
            f"warning from end of {day_text(warn_day.date())}"
            if (warn_day.hour, warn_day.minute) == (23, 59)
            else f"warning from {moment_text(warn_day)}",
        ]
    )
    explanation = f"{norm.rule} (policy {norm.policy.version}). {steps}. {verdict}"
    return Clock(
        clock=norm.clock,
        key=norm.key,
        started_at=norm.started_at,
        warn_at=norm.warn_at,
        due_at=norm.due_at,
        state=state,
        met_at=met_at,
        policy_version=norm.policy.version,
        explanation=explanation,
    )


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
    """A deadline N working days after `start`: the start day does not count."""
    due = calendar.add_working_days(start, days)
    warn = calendar.add_working_days(start, warn_days)
    details = [f"{start_label} {moment_text(start)}"]
    details += [text] if (text := skipped_text(due.skipped)) else []
    return Norm(
        clock=clock,
        key=key,
        started_at=start,
        warn_at=calendar.end_of_day(warn.due_day),
        due_at=calendar.end_of_day(due.due_day),
        policy=policy,
        rule=rule,
        details=details,
    )


def calendar_norm(
    calendar: WorkingDayCalendar,
    policy: Policy,
    clock: ClockName,
    key: str,
    start: datetime,
    due_day: date,
    warn_weeks: int,
    rule: str,
    details: list[str],
) -> Norm:
    """A deadline on a calendar day, moved to the next working day when it is not one."""
    moved, skipped = calendar.next_working_day(due_day)
    if skipped:
        details = [
            *details,
            f"{day_text(due_day)} is not a working day, moved to {day_text(moved)}",
        ]
    due_at = calendar.end_of_day(moved)
    warn_at = max(start, due_at - timedelta(weeks=warn_weeks))
    return Norm(clock, key, start, warn_at, due_at, policy, rule, details)


def complaint_clocks(
    complaint: Complaint, book: PolicyBook, calendar: WorkingDayCalendar, now: datetime
) -> list[Clock]:
    """Every clock that has started on the complaint, judged at `now`."""
    ended = complaint.status.is_final
    clocks = [
        _acknowledgement(complaint, book, calendar, now, ended),
        _decision(complaint, book, calendar, now),
    ]
    clocks += _minutes(complaint, book, calendar, now, ended)
    clocks += _upheld_response(complaint, book, calendar, now, ended)
    clocks += _agreements(complaint, book, calendar, now, ended)
    return clocks


def _acknowledgement(
    c: Complaint, book: PolicyBook, cal: WorkingDayCalendar, now: datetime, ended: bool
) -> Clock:
    policy = book.in_force_at(c.received_at)
    norm = working_days_norm(
        cal,
        policy,
        ClockName.ACKNOWLEDGEMENT,
        "acknowledgement",
        c.received_at,
        policy.acknowledgement_days,
        policy.acknowledgement_warn_days,
        f"Acknowledge receipt within {policy.acknowledgement_days} working days",
        "received",
    )
    return judge(norm, c.acknowledged_at, ended, now)


def _minutes(
    c: Complaint, book: PolicyBook, cal: WorkingDayCalendar, now: datetime, ended: bool
) -> list[Clock]:
    clocks = []
    for number, conversation in enumerate(c.conversations, start=1):
        held = conversation["at"]
        policy = book.in_force_at(held)
        norm = working_days_norm(
            cal,
            policy,
            ClockName.MINUTES,
            f"minutes:{number}",
            held,
            policy.minutes_days,
            policy.minutes_warn_days,
            f"Send the minutes within {policy.minutes_days} working days of the conversation",
            "conversation held",
        )
        sent = [m["at"] for m in c.minutes if m["at"] >= held]
        clocks.append(judge(norm, min(sent, default=None), ended, now))
    return clocks


def _suspended_time(c: Complaint, now: datetime) -> tuple[timedelta, list[str]]:
    periods = list(c.suspensions)
    if c.suspended_since is not None:
        periods.append((c.suspended_since, max(now, c.suspended_since)))
    total = sum((end - start for start, end in periods), timedelta())
    texts = [f"suspended {moment_text(s)} to {moment_text(e)}" for s, e in periods]
    return total, texts


def _decision(c: Complaint, book: PolicyBook, cal: WorkingDayCalendar, now: datetime) -> Clock:
    policy = book.in_force_at(c.received_at)
    extensions = [e for e in c.extensions if e["clock"] == ClockName.DECISION]
    weeks = policy.decision_weeks + sum(e["weeks"] for e in extensions)
    paused, paused_texts = _suspended_time(c, now)
    due_day = (c.received_at + timedelta(weeks=weeks) + paused).astimezone(AMSTERDAM).date()
    details = [f"received {moment_text(c.received_at)}", *paused_texts]
    details += [f"extended {e['weeks']} weeks: {e['reason']}" for e in extensions]
    norm = calendar_norm(
        cal,
        policy,
        ClockName.DECISION,
        "decision",
        c.received_at,
        due_day,
        policy.decision_warn_weeks,
        f"Decide on the complaint within {policy.decision_weeks} weeks, suspended time not counted",
        details,
    )
    decided = [conv["at"] for conv in c.conversations if conv["outcome"] == Outcome.RESOLVED]
    decided += [c.ruling["at"]] if c.ruling else []
    decided += [c.ended_at] if c.status == Status.CLOSED and c.ended_at else []
    return judge(norm, min(decided, default=None), c.status == Status.WITHDRAWN, now)


def _upheld_response(
    c: Complaint, book: PolicyBook, cal: WorkingDayCalendar, now: datetime, ended: bool
) -> list[Clock]:
    if c.ruling is None or c.ruling["verdict"] not in ("upheld", "partly_upheld"):
        return []
    ruled = c.ruling["at"]
    policy = book.in_force_at(ruled)
    norm = calendar_norm(
        cal,
        policy,
        ClockName.UPHELD_RESPONSE,
        "upheld_response",
        ruled,
        cal.add_months(ruled, policy.upheld_response_months),
        policy.upheld_response_warn_weeks,
        f"Answer an upheld ruling with an apology or measures within "
        f"{policy.upheld_response_months} calendar month",
        [f"ruled {moment_text(ruled)}"],
    )
    answers = [a["at"] for a in c.apologies + c.measures if a["at"] >= ruled]
    return [judge(norm, min(answers, default=None), ended, now)]


def _agreements(
    c: Complaint, book: PolicyBook, cal: WorkingDayCalendar, now: datetime, ended: bool
) -> list[Clock]:
    clocks = []
    for conversation in c.conversations:
        held, policy = conversation["at"], book.in_force_at(conversation["at"])
        for agreement in conversation["agreements"]:
            due_day, skipped = cal.next_working_day(date.fromisoformat(agreement["due"]))
            due_at = max(cal.end_of_day(due_day), held)
            warn_day = cal.subtract_working_days(due_day, policy.agreement_warn_days)
            details = [f"agreed {moment_text(held)}"]
            if skipped:
                details.append(
                    f"{agreement['due']} is not a working day, moved to {day_text(due_day)}"
                )
            norm = Norm(
                ClockName.AGREEMENT,
                f"agreement:{agreement['number']}",
                held,
                min(max(cal.end_of_day(warn_day), held), due_at),
                due_at,
                policy,
                f"Keep agreement {agreement['number']} from the conversation by its own due date",
                details,
            )
            clocks.append(judge(norm, agreement.get("done_at"), ended, now))
    return clocks
