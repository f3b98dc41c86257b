"""A signal's clocks: acknowledged within 2 working days, heard within 10, each explained."""

from __future__ import annotations

from datetime import datetime

from domain.calendar import WorkingDayCalendar
from domain.deadlines import Deadline, judge, working_days_norm
from domain.policy import PolicyBook
from domain.signal import Signal
from domain.values import ClockName


def signal_deadlines(
    signal: Signal, book: PolicyBook, calendar: WorkingDayCalendar, now: datetime
) -> list[Deadline]:
    chosen = book.for_clock(signal.policy_version, signal.received_at)
    policy = chosen.policy
    ended = signal.status.is_final
    acknowledgement = working_days_norm(
        calendar,
        chosen,
        ClockName.SIGNAL_ACKNOWLEDGEMENT,
        "signal_acknowledgement",
        signal.received_at,
        policy.signal_acknowledgement_days,
        policy.signal_acknowledgement_warn_days,
        f"Let the client know they were heard within {policy.signal_acknowledgement_days} "
        "working days",
        "signal received",
    )
    heard = working_days_norm(
        calendar,
        chosen,
        ClockName.SIGNAL_OPEN,
        "signal_open",
        signal.received_at,
        policy.signal_open_days,
        policy.signal_open_warn_days,
        f"Talk about the signal, resolve or escalate it within {policy.signal_open_days} "
        "working days",
        "signal received",
    )
    answered = [c.at for c in signal.conversations]
    answered += [signal.ended_at] if signal.ended_at else []
    return [
        judge(acknowledgement, signal.acknowledged_at, ended, now),
        judge(heard, min(answered, default=None), ended, now),
    ]
