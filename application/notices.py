"""The short notice to a staff member that a case was assigned to them, recorded with the case."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from eventsourcing.domain import Aggregate

from application.mail import Outbox, notice_letter
from domain.complaint import Complaint


class AssignmentNotices:
    """Runs inside the command's transaction (see CommandRunner's `after_save`), so the notice
    is in the outbox exactly when the assignment is in the log."""

    def __init__(self, outbox: Outbox) -> None:
        self._outbox = outbox

    def __call__(self, saved: Sequence[tuple[Aggregate, list[Any]]], now: datetime) -> None:
        letters = [
            notice_letter(
                str(case.id), event.originator_version, event.mediator, case.reference, now
            )
            for case, events in saved
            if isinstance(case, Complaint)
            for event in events
            if isinstance(event, Complaint.MediatorAssigned)
        ]
        if letters:
            self._outbox.record(letters, now)
