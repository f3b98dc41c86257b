"""The deadline policies applied to a case: its deadlines, the flags it should carry, next check."""

from __future__ import annotations

from collections import OrderedDict
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from domain.calendar import WorkingDayCalendar
from domain.complaint import Complaint
from domain.complaint_deadlines import complaint_deadlines
from domain.deadlines import Deadline
from domain.flag_rules import ExpectedFlag, clock_flags, expected_flags, next_change_at
from domain.flagging import Flagged
from domain.policy import DEFAULT_POLICY_BOOK, Policy, PolicyBook
from domain.signal import Signal
from domain.signal_deadlines import signal_deadlines
from domain.subject_access import SubjectAccessRequest, subject_access_deadlines

REMEMBERED = 1_000


@dataclass(frozen=True)
class Judge:
    """The versioned norms and the working-day calendar, applied as pure functions.

    The last few answers are remembered, for the same case object at the same version and
    moment: the read models ask twice for each case they write."""

    calendar: WorkingDayCalendar
    book: PolicyBook = DEFAULT_POLICY_BOOK
    _recent: OrderedDict[tuple[UUID, int, datetime], tuple[Flagged, list[Deadline]]] = field(
        default_factory=OrderedDict, repr=False, compare=False
    )

    def deadlines(self, case: Flagged, now: datetime) -> list[Deadline]:
        key = (case.id, case.version, now)
        known = self._recent.get(key)
        if known is not None and known[0] is case:
            return list(known[1])
        clocks = self._deadlines(case, now)
        self._recent[key] = (case, clocks)
        if len(self._recent) > REMEMBERED:
            with suppress(KeyError):
                self._recent.popitem(last=False)
        return list(clocks)

    def _deadlines(self, case: Flagged, now: datetime) -> list[Deadline]:
        if isinstance(case, SubjectAccessRequest):
            return subject_access_deadlines(case, self.book, self.calendar, now)
        if isinstance(case, Signal):
            return signal_deadlines(case, self.book, self.calendar, now)
        assert isinstance(case, Complaint)
        return complaint_deadlines(case, self.book, self.calendar, now)

    def expected_flags(self, case: Flagged, now: datetime) -> dict[str, ExpectedFlag]:
        deadlines = self.deadlines(case, now)
        if isinstance(case, Complaint):
            return expected_flags(case, deadlines, now)
        return clock_flags(deadlines, now)

    def judge(self, case: Flagged, at: datetime, now: datetime) -> tuple[int, int]:
        """Bring the case's flags in line with its deadlines at `at`; (raised, cleared).

        Every change is judged at once, so a command that meets a condition clears its flag."""
        return case.reconcile_flags(self.expected_flags(case, at), at=at, now=now)

    def next_check(self, case: Flagged, now: datetime) -> datetime | None:
        """When the case's flags may next change without any new event: a warn or due moment
        of a running clock (a measure's clock runs on after the case is closed)."""
        return next_change_at(self.deadlines(case, now), now)

    def minutes_policy(self, complaint: Complaint) -> Policy:
        """The norms the complaint's first minutes clock obeys (or would, were it started)."""
        first = complaint.conversations[0] if complaint.conversations else None
        if first is None:
            return self.book.for_clock(complaint.policy_version, complaint.received_at).policy
        return self.book.for_clock(first.policy_version, first.at).policy
