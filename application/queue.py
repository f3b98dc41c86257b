"""The mediator's escalation queue: open flags over all cases, breaches first, then due moment."""

from __future__ import annotations

import base64
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Protocol
from uuid import UUID

from application.access import Accessor, AccessRecorder
from application.errors import BadCursor
from application.personal_data import PersonalDataVault, open_stored_text
from application.ports import AccessAction
from domain.calendar import WorkingDayCalendar
from domain.flag_rules import POLICY_OF_CLOCK, WITHOUT_APOLOGY
from domain.wording import Phrase

POLICIES = frozenset([*POLICY_OF_CLOCK.values(), WITHOUT_APOLOGY])
"""Every policy that can raise a flag: the queue's `policy` filter takes only these."""


@dataclass(frozen=True)
class QueueFilter:
    mediator: str | None = None
    policy: str | None = None
    severity: str | None = None
    team: str | None = None


@dataclass(frozen=True)
class QueueCursor:
    """Where a page ended: (severity rank, due moment, flag id), opaque to clients."""

    rank: int
    due_at: datetime
    flag_id: str

    def encode(self) -> str:
        raw = f"{self.rank}|{self.due_at.isoformat()}|{self.flag_id}"
        return base64.urlsafe_b64encode(raw.encode()).decode()

    @classmethod
    def decode(cls, text: str) -> QueueCursor:
        """Raises BadCursor when `text` is not a cursor this service handed out."""
        try:
            rank, due, flag = base64.urlsafe_b64decode(text.encode()).decode().split("|")
            cursor = cls(int(rank), datetime.fromisoformat(due), str(UUID(flag)))
        except (ValueError, UnicodeDecodeError) as error:
            raise BadCursor("cursor is not one this service handed out") from error
        if cursor.due_at.tzinfo is None or cursor.rank not in (0, 1):
            raise BadCursor("cursor is not one this service handed out")
        return cursor


@dataclass(frozen=True)
class QueueItem:
    flag_id: UUID
    policy: str
    severity: str
    case_type: str
    case_id: UUID
    reference: str
    subject: str
    team: str
    status: str
    due_at: datetime
    raised_at: datetime
    mediator: str | None
    policy_version: str
    explanation: str
    explained: Phrase | None  # the same in phrases, to be said in Dutch (None: English only)
    cursor: QueueCursor

    @property
    def due_date_local(self) -> date:
        """The Dutch calendar day the norm ends on (a due moment is the end of a local day)."""
        return WorkingDayCalendar.local_day(self.due_at)


@dataclass(frozen=True)
class QueuePage:
    items: list[QueueItem]
    next_cursor: str | None


class QueueReader(Protocol):
    def page(self, where: QueueFilter, limit: int, after: QueueCursor | None) -> list[QueueItem]:
        """Breaches first, then by due moment, after the cursor."""
        ...


class Queue:
    """The escalation queue as the mediator reads it, a page at a time; each item's subject
    (sealed in the read model) is opened as it is read, or reads "[erased]". Each case on a
    page is in the access log before the page is answered."""

    def __init__(
        self, reader: QueueReader, vault: PersonalDataVault, access: AccessRecorder
    ) -> None:
        self._reader = reader
        self._opened = open_stored_text(vault)
        self._access = access

    def page(self, where: QueueFilter, limit: int, cursor: str | None, who: Accessor) -> QueuePage:
        after = QueueCursor.decode(cursor) if cursor else None
        items = self._reader.page(where, limit + 1, after)
        more = len(items) > limit
        shown = [replace(item, subject=self._opened(item.subject)) for item in items[:limit]]
        self._access.cases(who, AccessAction.LIST, [item.case_id for item in shown])
        return QueuePage(shown, shown[-1].cursor.encode() if more else None)
