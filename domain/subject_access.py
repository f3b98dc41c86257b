"""A subject-access request (AVG art. 15): a person asks for every piece of their data the
organisation holds, and must have it within one calendar month of asking.

The request names the person only by their pseudonymous id, never by their e-mail address. The
clock stops when the export is first handed over; a flag is raised when it runs late."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.calendar import WorkingDayCalendar
from domain.case_event import CaseEvent
from domain.deadlines import Deadline, Start, judge, on_calendar_day
from domain.flagging import Flagged
from domain.policy import PolicyBook
from domain.values import ClockName
from domain.wording import phrase

RULE = phrase(
    "Answer a subject-access request (AVG art. 15) within 1 calendar month of receiving it"
)


def one_month_after(day: date) -> date:
    """The same day a month later; the month's last day when it has no such day (31 Jan →
    28 or 29 Feb), as the AVG's "one month" is read."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class SubjectAccessRequest(Flagged):
    if TYPE_CHECKING:
        reference: str
        person_id: str
        received_at: datetime
        policy_version: str | None
        answered_at: datetime | None
        status: str

    class Requested(Aggregate.Created):
        at: datetime
        actor: str
        reference: str
        person_id: str
        received_at: datetime
        policy_version: str

        def apply(self, request: SubjectAccessRequest) -> None:
            request.reference, request.person_id = self.reference, self.person_id
            request.received_at, request.policy_version = self.received_at, self.policy_version
            request.answered_at, request.status, request.open_flags = None, "open", {}

    class Answered(CaseEvent):
        """The export was handed over (downloaded) for the first time: the clock stops."""

        def apply(self, request: SubjectAccessRequest) -> None:
            request.answered_at, request.status = self.at, "answered"

    @classmethod
    def request(
        cls,
        *,
        reference: str,
        person_id: UUID,
        received_at: datetime,
        book: PolicyBook,
        actor: str,
        now: datetime,
    ) -> SubjectAccessRequest:
        return cls._create(
            cls.Requested,
            at=received_at,
            actor=actor,
            reference=reference,
            person_id=str(person_id),
            received_at=received_at,
            policy_version=book.in_force_at(received_at).version,
            timestamp=now,
        )

    def answer(self, *, actor: str, now: datetime) -> None:
        """Record the first hand-over; later downloads change nothing."""
        if self.answered_at is None:
            self.trigger_event(self.Answered, at=now, actor=actor, timestamp=now)


def subject_access_deadlines(
    request: SubjectAccessRequest, book: PolicyBook, cal: WorkingDayCalendar, now: datetime
) -> list[Deadline]:
    """One clock: due at the end of the same day a month after receipt, moved to the next
    working day when that is not one; a warning a week before."""
    chosen = book.for_clock(request.policy_version, request.received_at)
    start = Start(
        ClockName.SUBJECT_ACCESS,
        "subject_access",
        request.received_at,
        chosen,
        RULE,
        phrase("request received"),
    )
    received_day = cal.local_day(request.received_at)
    due_day = one_month_after(received_day)
    month = phrase("one calendar month after {day} is {due}", day=received_day, due=due_day)
    norm = on_calendar_day(cal, start, due_day, timedelta(days=7), lambda: [month])
    return [judge(norm, request.answered_at, False, now)]
