"""A signal's clocks: acknowledged within 2 working days, heard within 10, each explained."""

from __future__ import annotations

from datetime import datetime

from domain.calendar import WorkingDayCalendar
from domain.deadlines import Deadline, judge, working_days_norm
from domain.policy import PolicyBook
from domain.signal import Signal
from domain.values import ClockName
from domain.wording import phrase

SIGNAL_RECEIVED = phrase("signal received")


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
        phrase(
            "Let the client know they were heard within {days} working days",
            days=policy.signal_acknowledgement_days,
        ),
        SIGNAL_RECEIVED,
    )
    heard = working_days_norm(
        calendar,
        chosen,
        ClockName.SIGNAL_OPEN,
        "signal_open",
        signal.received_at,
        policy.signal_open_days,
        policy.signal_open_warn_days,
        phrase(
            "Talk about the signal, resolve or escalate it within {days} working days",
            days=policy.signal_open_days,
        ),
        SIGNAL_RECEIVED,
    )
    answered = [c.at for c in signal.conversations]
    answered += [signal.ended_at] if signal.ended_at else []
    return [
        judge(acknowledgement, signal.acknowledged_at, ended, now),
        judge(heard, min(answered, default=None), ended, now),
    ]
