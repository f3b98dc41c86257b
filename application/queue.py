"""The mediator's escalation queue: open flags over all cases, breaches first, then due moment."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True)
class QueueFilter:
    mediator: str | None = None
    policy: str | None = None
    severity: str | None = None


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
        """Raises ValueError when `text` is not a cursor this service handed out."""
        try:
            rank, due, flag = base64.urlsafe_b64decode(text.encode()).decode().split("|")
            cursor = cls(int(rank), datetime.fromisoformat(due), str(UUID(flag)))
        except (ValueError, UnicodeDecodeError) as error:
            raise ValueError("not a queue cursor") from error
        if cursor.due_at.tzinfo is None or cursor.rank not in (0, 1):
            raise ValueError("not a queue cursor")
        return cursor


@dataclass(frozen=True)
class QueueItem:
    flag_id: UUID
    policy: str
    severity: str
    case_type: str
    case_id: UUID
    reference: str
    due_at: datetime
    raised_at: datetime
    mediator: str | None
    policy_version: str
    explanation: str
    cursor: QueueCursor
