"""Runs projections over the event log with exactly-once tracking, on SQLite and PostgreSQL.

Each batch is one transaction: claim the projection's tracking row (a row lock on PostgreSQL,
the write lock on SQLite), read the notifications after its position, update the view, move
the position. Two processes running the same projection therefore never apply an event twice.

An event a projection cannot process (it does not decode, the database refuses a value, a bug)
never stops it: each projection applies the batch inside a savepoint; if that fails it goes
again one event at a time, and sets the failing event aside with its error (`set_aside_events`)
before going on. `retry` processes the set-aside events again, after a repair.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

import structlog
from eventsourcing.application import Application
from eventsourcing.persistence import Mapper, Notification
from eventsourcing_sqlalchemy.datastore import SQLAlchemyDatastore
from eventsourcing_sqlalchemy.recorders import SQLAlchemyApplicationRecorder
from sqlalchemy import bindparam, delete, event, select, text, update
from sqlalchemy.orm import Session

from adapters.persistence import set_aside as aside
from adapters.persistence.projection_follower import ProjectionFollower
from adapters.persistence.projection_retry import Retried, SetAsideRetry
from adapters.persistence.schema import projection_tracking
from adapters.persistence.sql import SqlTables
from adapters.persistence.tracked_projection import TrackedProjection, process_all
from application.ports import Clock

__all__ = ["NotRebuildable", "ProjectionRunner", "Retried", "TrackedProjection"]
log = structlog.get_logger(__name__)
BATCH = 500
REBUILD_BATCH = 2_000  # a rebuild commits less often: nothing else waits for its rows
READ = "(read)"


class NotRebuildable(Exception):
    """Raised when asked to rebuild a projection that must never be rebuilt."""


Progress = Callable[[str, int, int], None]
"""Called after each batch with the projection name, events processed so far and the position."""


class ProjectionRunner(SqlTables):
    def __init__(
        self, app: Application[Any], projections: list[TrackedProjection], clock: Clock
    ) -> None:
        recorder = app.recorder
        assert isinstance(recorder, SQLAlchemyApplicationRecorder)
        super().__init__(recorder.datastore)
        self._recorder = recorder
        self._clock = clock
        # Projections need no personal data: the library's plain mapper leaves it sealed.
        self._mapper: Mapper[Any] = Mapper(
            app.mapper.transcoder, app.mapper.compressor, app.mapper.cipher
        )
        self.projections = {p.name: p for p in projections}
        self._follower = ProjectionFollower(recorder, self.catch_up, list(self.projections))
        self._retry = SetAsideRetry(recorder, self._mapper, clock, self._claim)
        self._within = threading.local()
        self._unconfirmed: set[object] = set()
        record = recorder.events_record_cls.__table__.c  # Core: no ORM loading per row
        self._after = (
            select(
                record.id,
                record.originator_id,
                record.originator_version,
                record.topic,
                record.state,
            )
            .where(record.id > bindparam("start"))
            .order_by(record.id)
            .limit(bindparam("limit"))
        )
        position: Any = bindparam("position")
        self._moved = (
            update(projection_tracking)
            .where(
                projection_tracking.c.name.in_(bindparam("names", expanding=True)),
                projection_tracking.c.position < position,
            )
            .values(position=position)
        )
        self._claimed = (
            update(projection_tracking)
            .where(projection_tracking.c.name.in_(bindparam("names", expanding=True)))
            .values(position=projection_tracking.c.position)
            .returning(projection_tracking.c.name, projection_tracking.c.position)
        )

    @property
    def datastore(self) -> SQLAlchemyDatastore:
        return self._datastore

    def start(self, poll_seconds: float) -> None:
        """Keep the projections caught up with events written by any process."""
        self._follower.start(poll_seconds)

    def stop(self) -> None:
        self._follower.stop()

    # -- processing ---------------------------------------------------------------------------

    def catch_up(self, progress: Progress | None = None) -> int:
        """Apply every event not yet applied to every projection; returns how many were read."""
        return self._run(list(self.projections.values()), progress)

    def catch_up_quietly(self, within: float | None = None) -> None:
        """After a commit, so the caller reads their own write: for at most about `within`
        seconds if given (the background follower finishes), never raising (it committed)."""
        deadline = None if within is None else time.monotonic() + within
        try:
            self._run(list(self.projections.values()), None, deadline)
        except Exception as error:
            log.warning("projection_catch_up_failed", error=type(error).__name__)

    def catch_up_before_commit(self, saved: Sequence[Any] = ()) -> None:
        """Inside a command's own transaction, so the command commits once with its read-model
        rows and its caller reads their own write. Inside a savepoint: if this fails, or the
        log holds more than a batch, the command still commits and `after_commit` catches up.

        `saved`: aggregates the transaction saved, with personal data sealed (the sweep's), so
        the projections need not load them again."""
        self._within.positions = None
        projections = list(self.projections.values())
        try:
            with self._write() as session:
                try:
                    with session.begin_nested():
                        positions, more = self._batch(session, projections, None, False, saved)
                finally:
                    self._until_committed(session)
            positions.pop(READ)
            self._within.positions = None if more else positions
        except Exception as error:
            log.warning("projection_catch_up_failed", error=type(error).__name__)

    def _until_committed(self, session: Session) -> None:
        """Until `session` commits, what the projections keep in memory may hold states of its
        events; if it never commits, the next batch finds the mark and has them forgotten."""
        mark = object()
        self._unconfirmed.add(mark)
        event.listen(session, "after_commit", lambda _: self._unconfirmed.discard(mark), once=True)

    def after_commit(self, within: float | None = None) -> None:
        """After the command's commit: tell the follower what the transaction applied, or
        catch up now if it could not."""
        positions = getattr(self._within, "positions", None)
        self._within.positions = None
        if positions is None:
            self.catch_up_quietly(within)
            return
        for name, position in positions.items():
            self._follower.caught_up(name, position)

    def _run(
        self,
        projections: list[TrackedProjection],
        progress: Progress | None,
        deadline: float | None = None,
        size: int = BATCH,
    ) -> int:
        """All `projections` move together: one transaction a batch, each event decoded once."""
        done = 0
        while True:
            with self._write() as session:
                positions, more = self._batch(session, projections, deadline, size=size)
                read = positions.pop(READ, 0)
            done += read
            if progress is not None and read:
                progress(",".join(p.name for p in projections), done, max(positions.values()))
            if not more or (deadline is not None and time.monotonic() > deadline):
                for name, position in positions.items():
                    self._follower.caught_up(name, position)
                return done

    def _batch(
        self,
        session: Session,
        projections: list[TrackedProjection],
        deadline: float | None,
        alone: bool = True,
        saved: Sequence[Any] = (),
        size: int = BATCH,
    ) -> tuple[dict[str, int], bool]:
        """One batch in `session`: each projection's position after it (and under `READ` how
        many notifications were read), and whether the log holds more.

        `alone` (its own transaction): each projection in a savepoint of its own, so a failing
        event is set aside. Inside a command's savepoint a failure is raised instead: the
        savepoint is rolled back and the catch-up after the commit sets the event aside."""
        if deadline is not None:
            self._wait_for_locks_at_most(session, deadline)
        positions = self._claim_all(session, [p.name for p in projections])
        if self._unconfirmed:  # a transaction caught up within has not committed: it failed
            self._unconfirmed.clear()
            for projection in projections:
                projection.forget()
        for projection in projections:  # only now: no other batch runs while this one does
            projection.offer(saved)
        start = min(positions.values())
        batch = self._notifications_after(session, start, size)
        events = self._decoded(batch, projections)
        now = self._clock.now()
        for projection in projections:
            todo = [n for n in batch if n.id > positions[projection.name]]
            if alone:
                aside.apply_or_set_aside(session, projection, todo, events, now)
            elif todo:
                process_all(session, projection, todo, events)
        if batch:
            self._move(session, [p.name for p in projections], batch[-1].id)
            positions = {name: max(position, batch[-1].id) for name, position in positions.items()}
        return {**positions, READ: len(batch)}, len(batch) == size

    def _decoded(
        self, batch: Sequence[Notification], projections: list[TrackedProjection]
    ) -> dict[int, Any]:
        """Each notification's event, or the exception decoding it raised."""
        if all(p.raw for p in projections):
            return {}
        events: dict[int, Any] = {}
        for notification in batch:
            try:
                events[notification.id] = self._mapper.to_domain_event(notification)
            except Exception as error:
                events[notification.id] = error
        return events

    def _wait_for_locks_at_most(self, session: Session, deadline: float) -> None:
        """On PostgreSQL, waiting for another process's batch is bounded as well."""
        if session.get_bind().dialect.name == "postgresql":
            wait_ms = max(100, int((deadline - time.monotonic()) * 1000))
            session.execute(text(f"SET LOCAL lock_timeout = {wait_ms}"))

    def _move(self, session: Session, names: list[str], position: int) -> None:
        session.execute(self._moved, {"names": names, "position": position})

    def _notifications_after(self, session: Session, start: int, size: int) -> list[Notification]:
        """The next batch of the log after `start` (what the recorder's `select_notifications`
        gives, through a statement built once)."""
        return [
            Notification(
                id=row.id,
                originator_id=row.originator_id,
                originator_version=row.originator_version,
                topic=row.topic,
                state=bytes(row.state) if isinstance(row.state, memoryview) else row.state,
            )
            for row in session.execute(self._after, {"start": start, "limit": size})
        ]

    def _claim(self, session: Session, name: str) -> int:
        return self._claim_all(session, [name])[name]

    def _claim_all(self, session: Session, names: list[str]) -> dict[str, int]:
        """Lock the projections' tracking rows and read their positions, in one statement;
        rows are made the first time only, in one order in every process. The lock is a write
        (an UPDATE ... RETURNING): SQLite ignores FOR UPDATE and its driver opens no
        transaction for a select, so the write takes the write lock there (and the row locks
        on PostgreSQL) until the batch commits."""
        rows = session.execute(self._claimed, {"names": names}).all()
        if len(rows) < len(names):
            for name in sorted(set(names) - {row.name for row in rows}):
                claim = self._upsert(projection_tracking).values(name=name, position=0)
                session.execute(claim.on_conflict_do_nothing(index_elements=["name"]))
            rows = session.execute(self._claimed, {"names": names}).all()
        return {row.name: int(row.position) for row in rows}

    def rebuild(self, name: str, progress: Progress | None = None) -> int:
        """Empty the projection's view, tracking and set-aside events, then apply the log again."""
        projection = self.projections[name]
        if projection.clear is None:
            raise NotRebuildable(f"{name} is never rebuilt: that would hide tampering")
        with self._write() as session:
            projection.clear(session)
            session.execute(delete(projection_tracking).where(projection_tracking.c.name == name))
            aside.forget_projection(session, name)
        return self._run([projection], progress, size=REBUILD_BATCH)

    def retry(self) -> Retried:
        """Process every set-aside event again, oldest first; those that pass are taken back."""
        return self._retry.run(self.projections)
