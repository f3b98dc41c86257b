"""What a tracked projection is: a named view kept from the log, and how it is fed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class TrackedProjection:
    """A named view kept by `process`; `raw` ones get the stored notification, not the event.

    One without `clear` cannot be rebuilt (the audit chain: rebuilding would hide tampering).
    """

    name: str
    process: Callable[[Any, int, Session], None]
    clear: Callable[[Session], None] | None
    raw: bool = False
    begin: Callable[[], None] = lambda: None
    """Called before each batch (a failed batch leaves nothing behind)."""
    flush: Callable[[Session], None] = lambda session: None
    """Called after each batch, in its transaction, for projections that write per batch."""
    prepare: Callable[[list[Any]], None] = lambda events: None
    """Called with a batch's events before they are processed (to load what they need at once)."""
    redo: Callable[[Any, int, Session], None] | None = None
    """How a set-aside event is processed on retry, when later events came in between."""
    offer: Callable[[Sequence[Any]], None] = lambda aggregates: None
    """Given aggregates their writer saved in the open transaction (so their events need no
    loading); `forget` is called if that transaction may not have committed."""
    forget: Callable[[], None] = lambda: None
    """Drop whatever the projection holds in memory (it reloads from the log)."""


def process_all(
    session: Session,
    projection: TrackedProjection,
    notifications: list[Any],
    events: dict[int, Any],
) -> None:
    """Feed `notifications` (or their decoded `events`; a decoding error is raised) in order."""
    projection.begin()
    if not projection.raw:
        projection.prepare([events[n.id] for n in notifications])
    for notification in notifications:
        event = notification if projection.raw else events[notification.id]
        if isinstance(event, Exception):
            raise event
        projection.process(event, notification.id, session)
    projection.flush(session)
