"""The deadline policies applied to a case: its clocks, the flags it should carry, next check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.calendar import WorkingDayCalendar
from domain.complaint import Complaint
from domain.deadlines import Clock, complaint_clocks
from domain.flagging import Flagged
from domain.flags import ExpectedFlag, clock_flags, expected_flags, next_change_at
from domain.policy import DEFAULT_POLICY_BOOK, PolicyBook
from domain.signal import Signal
from domain.signal_deadlines import signal_clocks


@dataclass(frozen=True)
class Policies:
    """The versioned norms and the working-day calendar, applied as pure functions."""

    calendar: WorkingDayCalendar
    book: PolicyBook = DEFAULT_POLICY_BOOK

    def clocks(self, case: Flagged, now: datetime) -> list[Clock]:
        if isinstance(case, Signal):
            return signal_clocks(case, self.book, self.calendar, now)
        assert isinstance(case, Complaint)
        return complaint_clocks(case, self.book, self.calendar, now)

    def expected_flags(self, case: Flagged, now: datetime) -> dict[str, ExpectedFlag]:
        clocks = self.clocks(case, now)
        if isinstance(case, Complaint):
            return expected_flags(case, clocks, now)
        return clock_flags(clocks, now)

    def next_check(self, case: Complaint | Signal, now: datetime) -> datetime | None:
        """When the case's flags may next change without any new event: a warn or due moment."""
        if case.status.is_final and not case.open_flags:
            return None
        return next_change_at(self.clocks(case, now), now)
