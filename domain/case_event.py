"""The base of every event on a case: when it happened (`at`) and who did it (`actor`).

The moment it was recorded is the library's `timestamp`, set from the injected clock."""

from __future__ import annotations

from datetime import datetime

from eventsourcing.domain import Aggregate


class CaseEvent(Aggregate.Event):
    at: datetime
    actor: str
