"""Events a read model could not process, set aside with their error until retried."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import structlog
from eventsourcing.persistence import Notification
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from adapters.persistence.schema import set_aside_events
from adapters.persistence.sql import STORE_OUTAGES, SqlTables, upsert
from adapters.persistence.tracked_projection import TrackedProjection, process_all
from application.ports import SetAsideEvent

log = structlog.get_logger(__name__)

SHOWN = 20


def describe(error: Exception) -> str:
    """The error's class and first line: no SQL parameters (they may hold personal data)."""
    cause = getattr(error, "orig", None) or error
    first = str(cause).strip().splitlines()[0] if str(cause).strip() else ""
    return f"{type(cause).__name__}: {first}"[:500]


def apply_or_set_aside(
    session: Session,
    projection: TrackedProjection,
    todo: list[Notification],
    events: dict[int, Any],
    at: datetime,
) -> None:
    """The whole batch in one savepoint; if anything fails, one event at a time, and each
    event that fails alone is set aside. A store outage is never an event's fault: raised."""
    if not todo:
        return
    try:
        with session.begin_nested():
            process_all(session, projection, todo, events)
        return
    except STORE_OUTAGES:
        raise
    except Exception:
        pass
    for notification in todo:
        try:
            with session.begin_nested():
                process_all(session, projection, [notification], events)
        except STORE_OUTAGES:
            raise
        except Exception as error:
            reason = describe(error)
            set_aside(session, projection.name, notification.id, reason, at)
            log.error(
                "event_set_aside",
                projection=projection.name,
                position=notification.id,
                error=reason,
            )


def set_aside(session: Session, projection: str, position: int, error: str, at: datetime) -> None:
    dialect = session.get_bind().dialect.name
    row = {"projection": projection, "position": position, "error": error, "at": at, "attempts": 1}
    statement = upsert(dialect, set_aside_events).values(**row)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["projection", "position"],
            set_={
                "error": error,
                "at": at,
                "attempts": set_aside_events.c.attempts + 1,
            },
        )
    )


def taken_back(session: Session, projection: str, position: int) -> None:
    session.execute(
        delete(set_aside_events).where(
            set_aside_events.c.projection == projection, set_aside_events.c.position == position
        )
    )


def forget_projection(session: Session, projection: str) -> None:
    session.execute(delete(set_aside_events).where(set_aside_events.c.projection == projection))


def still_failing(
    session: Session, projection: str, position: int, error: str, at: datetime
) -> None:
    session.execute(
        update(set_aside_events)
        .where(set_aside_events.c.projection == projection, set_aside_events.c.position == position)
        .values(error=error, at=at, attempts=set_aside_events.c.attempts + 1)
    )


def _event(row: Any) -> SetAsideEvent:
    return SetAsideEvent(row.projection, int(row.position), row.error, row.at, int(row.attempts))


class SqlSetAside(SqlTables):
    """Reads the set-aside events for /health, the retry and the audit chain's check."""

    def first(self, limit: int = SHOWN) -> tuple[int, list[SetAsideEvent]]:
        """How many events are set aside, and the first `limit` of them by position."""
        query = select(set_aside_events).order_by(
            set_aside_events.c.position, set_aside_events.c.projection
        )
        with self._read() as session:
            count = session.execute(select(func.count()).select_from(set_aside_events)).scalar()
            rows = session.execute(query.limit(limit)).all()
        return int(count or 0), [_event(r) for r in rows]

    def positions(self, projection: str) -> set[int]:
        query = select(set_aside_events.c.position).where(
            set_aside_events.c.projection == projection
        )
        with self._read() as session:
            return {int(p) for p in session.execute(query).scalars()}
