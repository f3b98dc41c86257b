"""The audit trail in SQL: the hash chain (a tracked projection), its check, the access log."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Notification
from eventsourcing_sqlalchemy.recorders import SQLAlchemyApplicationRecorder
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from adapters.persistence.projections import TrackedProjection
from adapters.persistence.schema import access_log, audit_chain
from adapters.persistence.sql import SqlTables
from application.audit import GENESIS, StoredRecord, Verification, link, verify

BATCH = 1000


def stored_record(notification: Notification) -> StoredRecord:
    """The row as stored; a tampered row whose state is no longer bytes still hashes (badly)."""
    state: Any = notification.state
    return StoredRecord(
        position=notification.id,
        case_id=UUID(str(notification.originator_id)),
        version=notification.originator_version,
        topic=str(notification.topic),
        state=state.encode() if isinstance(state, str) else bytes(state),
    )


def _append(notification: Notification, position: int, session: Session) -> None:
    head = session.execute(
        select(audit_chain.c.hash).order_by(audit_chain.c.position.desc()).limit(1)
    ).scalar_one_or_none()
    digest = link(head or GENESIS, stored_record(notification))
    session.execute(insert(audit_chain).values(position=position, hash=digest))


AUDIT_CHAIN = TrackedProjection(name="audit_chain", process=_append, clear=None, raw=True)
"""Chained by a tracked projection right after each command commits, not inside the write:
the library's recorder owns the insert, and the chain's own tracking keeps it exactly-once."""


class SqlAuditLog(SqlTables):
    def __init__(self, recorder: SQLAlchemyApplicationRecorder) -> None:
        super().__init__(recorder.datastore)
        self._recorder = recorder

    def verify(self) -> Verification:
        return verify(self._chain(), self._records())

    def _chain(self) -> Iterator[tuple[int, str]]:
        after = 0
        while True:
            with self._read() as session:
                rows = session.execute(
                    select(audit_chain.c.position, audit_chain.c.hash)
                    .where(audit_chain.c.position > after)
                    .order_by(audit_chain.c.position)
                    .limit(BATCH)
                ).all()
            yield from ((int(r[0]), str(r[1])) for r in rows)
            if len(rows) < BATCH:
                return
            after = int(rows[-1][0])

    def _records(self) -> Iterator[StoredRecord]:
        after = 0
        while True:
            batch = self.notifications(after, BATCH)
            yield from (stored_record(n) for n in batch)
            if len(batch) < BATCH:
                return
            after = batch[-1].id

    def notifications(self, after: int, limit: int) -> list[Notification]:
        return self._recorder.select_notifications(
            start=after, limit=limit, inclusive_of_start=False
        )


class SqlAccessLog(SqlTables):
    """Append-only: the API offers no way to change or delete an entry."""

    def record(self, actor: str, case_id: UUID, endpoint: str, at: datetime) -> None:
        with self._write() as session:
            session.execute(
                insert(access_log).values(
                    at=at, actor=actor, case_id=str(case_id), endpoint=endpoint
                )
            )

    def page(self, case_id: UUID | None, after: int, limit: int) -> list[dict[str, Any]]:
        query = (
            select(access_log).where(access_log.c.id > after).order_by(access_log.c.id).limit(limit)
        )
        if case_id is not None:
            query = query.where(access_log.c.case_id == str(case_id))
        with self._read() as session:
            rows = session.execute(query).all()
        return [dict(r._mapping) for r in rows]
