"""Runs projections over the event log with exactly-once tracking, on SQLite and PostgreSQL.

Each batch is one transaction: claim the projection's tracking row (a row lock on PostgreSQL,
the write lock on SQLite), read the notifications after its position, update the view, move
the position. Two processes running the same projection therefore never apply an event twice.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import structlog
from eventsourcing.application import Application
from eventsourcing.persistence import Mapper
from eventsourcing_sqlalchemy.datastore import SQLAlchemyDatastore
from eventsourcing_sqlalchemy.recorders import SQLAlchemyApplicationRecorder
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from adapters.persistence.schema import projection_tracking
from adapters.persistence.sql import SqlTables

log = structlog.get_logger(__name__)
BATCH = 500


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


class NotRebuildable(Exception):
    """Raised when asked to rebuild a projection that must never be rebuilt."""


Progress = Callable[[str, int, int], None]
"""Called after each batch with the projection name, events processed so far and the position."""


class ProjectionRunner(SqlTables):
    def __init__(self, app: Application[Any], projections: list[TrackedProjection]) -> None:
        recorder = app.recorder
        assert isinstance(recorder, SQLAlchemyApplicationRecorder)
        super().__init__(recorder.datastore)
        self._recorder = recorder
        # Projections need no personal data: the library's plain mapper leaves it sealed.
        self._mapper: Mapper[Any] = Mapper(
            app.mapper.transcoder, app.mapper.compressor, app.mapper.cipher
        )
        self.projections = {p.name: p for p in projections}
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        self._subscription: Any = None
        self._caught_up_to: dict[str, int] = {}

    @property
    def datastore(self) -> SQLAlchemyDatastore:
        return self._datastore

    # -- processing ---------------------------------------------------------------------------

    def catch_up(self, progress: Progress | None = None) -> int:
        """Apply every event not yet applied to every projection; returns how many were read."""
        return self._run(list(self.projections.values()), progress)

    def _run(self, projections: list[TrackedProjection], progress: Progress | None) -> int:
        """All `projections` move together: one transaction a batch, each event decoded once."""
        done = 0
        while True:
            with self._write() as session:
                positions = {p.name: self._claim(session, p.name) for p in projections}
                start = min(positions.values())
                batch = self._recorder.select_notifications(
                    start=start, limit=BATCH, inclusive_of_start=False
                )
                for projection in projections:
                    projection.begin()
                for notification in batch:
                    event = None
                    for projection in projections:
                        if notification.id <= positions[projection.name]:
                            continue
                        if projection.raw:
                            projection.process(notification, notification.id, session)
                            continue
                        if event is None:
                            event = self._mapper.to_domain_event(notification)
                        projection.process(event, notification.id, session)
                for projection in projections:
                    projection.flush(session)
                if batch:
                    self._move(session, [p.name for p in projections], batch[-1].id)
            done += len(batch)
            if progress is not None and batch:
                progress(",".join(p.name for p in projections), done, batch[-1].id)
            if len(batch) < BATCH:
                last = batch[-1].id if batch else start
                for projection in projections:
                    self._caught_up_to[projection.name] = max(last, positions[projection.name])
                return done

    @staticmethod
    def _move(session: Session, names: list[str], position: int) -> None:
        session.execute(
            update(projection_tracking)
            .where(projection_tracking.c.name.in_(names), projection_tracking.c.position < position)
            .values(position=position)
        )

    def _claim(self, session: Session, name: str) -> int:
        claim = self._upsert(projection_tracking).values(name=name, position=0)
        session.execute(claim.on_conflict_do_nothing(index_elements=["name"]))
        row = select(projection_tracking.c.position).where(projection_tracking.c.name == name)
        return int(session.execute(row.with_for_update()).scalar_one())

    def position(self, name: str) -> int:
        with self._read() as session:
            value = session.execute(
                select(projection_tracking.c.position).where(projection_tracking.c.name == name)
            ).scalar_one_or_none()
        return int(value or 0)

    def rebuild(self, name: str, progress: Progress | None = None) -> int:
        """Empty the projection's view and tracking, then apply the whole log again."""
        projection = self.projections[name]
        if projection.clear is None:
            raise NotRebuildable(f"{name} is never rebuilt: that would hide tampering")
        with self._write() as session:
            projection.clear(session)
            session.execute(delete(projection_tracking).where(projection_tracking.c.name == name))
        return self._run([projection], progress)

    # -- running in the background --------------------------------------------------------------

    def start(self, poll_seconds: float) -> None:
        """Keep the projections caught up with events written by any process."""
        target = self._follow_subscription if self._is_postgres else self._poll
        self._thread = threading.Thread(
            target=target, args=(poll_seconds,), name="projections", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        if self._subscription is not None:
            self._subscription.stop()
        if self._thread is not None:
            self._thread.join(timeout=10)

    @property
    def _is_postgres(self) -> bool:
        assert self._datastore.engine is not None
        return self._datastore.engine.dialect.name == "postgresql"

    def _is_behind(self, head: int | None) -> bool:
        known = min(self._caught_up_to.get(name, -1) for name in self.projections)
        return head is not None and head > known

    def _poll(self, poll_seconds: float) -> None:
        while not self._stopped.is_set():
            try:
                if self._is_behind(self._recorder.max_notification_id()):
                    self.catch_up()
            except Exception as error:  # the store may be down: log and poll again
                log.warning("projection_catch_up_failed", error=type(error).__name__)
            self._stopped.wait(poll_seconds)

    def _follow_subscription(self, retry_seconds: float) -> None:
        """On PostgreSQL, LISTEN/NOTIFY through the library's subscription wakes us up."""
        while not self._stopped.is_set():
            try:
                start = self._recorder.max_notification_id()
                with self._recorder.subscribe(gt=start) as subscription:
                    self._subscription = subscription
                    self._catch_up_logged()
                    for notification in subscription:
                        if self._stopped.is_set():
                            break
                        if self._is_behind(notification.id):
                            self._catch_up_logged()
            except Exception as error:  # the store may be down: log, wait, subscribe again
                log.warning("projection_subscription_failed", error=type(error).__name__)
            self._stopped.wait(retry_seconds)

    def _catch_up_logged(self) -> None:
        try:
            self.catch_up()
        except Exception as error:
            log.warning("projection_catch_up_failed", error=type(error).__name__)
