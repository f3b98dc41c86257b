"""`gehoord projections retry`: the set-aside events processed again, after a repair."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import structlog
from eventsourcing.persistence import Mapper, Notification
from eventsourcing_sqlalchemy.recorders import SQLAlchemyApplicationRecorder
from sqlalchemy import select
from sqlalchemy.orm import Session

from adapters.persistence import set_aside as aside
from adapters.persistence.schema import set_aside_events
from adapters.persistence.sql import STORE_OUTAGES, SqlTables
from adapters.persistence.tracked_projection import TrackedProjection, process_all
from application.ports import Clock

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class Retried:
    cleared: int
    still_set_aside: int


class SetAsideRetry(SqlTables):
    """Each set-aside event again, oldest first, under its projection's tracking lock (so never
    at the same time as that projection's catch-up); those that pass are taken back."""

    def __init__(
        self,
        recorder: SQLAlchemyApplicationRecorder,
        mapper: Mapper[Any],
        clock: Clock,
        claim: Callable[[Session, str], int],
    ) -> None:
        super().__init__(recorder.datastore)
        self._recorder = recorder
        self._mapper = mapper
        self._clock = clock
        self._claim = claim

    def run(self, projections: dict[str, TrackedProjection]) -> Retried:
        with self._read() as session:
            rows = session.execute(
                select(set_aside_events.c.projection, set_aside_events.c.position).order_by(
                    set_aside_events.c.position
                )
            ).all()
        cleared = 0
        for name, position in rows:
            projection = projections.get(name)
            if projection is not None and self._retry(projection, int(position)):
                cleared += 1
        return Retried(cleared, len(rows) - cleared)

    def _retry(self, projection: TrackedProjection, position: int) -> bool:
        with self._write() as session:
            self._claim(session, projection.name)
            found = self._recorder.select_notifications(
                start=position, limit=1, inclusive_of_start=True
            )
            if not found or found[0].id != position:
                aside.taken_back(session, projection.name, position)  # no such event any more
                return True
            try:
                with session.begin_nested():
                    self._redo(session, projection, found[0])
            except STORE_OUTAGES:
                raise
            except Exception as error:
                reason = aside.describe(error)
                aside.still_failing(session, projection.name, position, reason, self._clock.now())
                log.error(
                    "event_still_set_aside",
                    projection=projection.name,
                    position=position,
                    error=reason,
                )
                return False
            aside.taken_back(session, projection.name, position)
        log.info("event_taken_back", projection=projection.name, position=position)
        return True

    def _redo(self, session: Session, projection: TrackedProjection, found: Notification) -> None:
        event = found if projection.raw else self._mapper.to_domain_event(found)
        if projection.redo is not None:
            projection.redo(event, found.id, session)
        else:
            process_all(session, projection, [found], {found.id: event})
