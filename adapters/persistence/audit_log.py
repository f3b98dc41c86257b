"""The audit trail in SQL: the hash chain (a tracked projection), the stored log, the access log."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Notification
from eventsourcing_sqlalchemy.recorders import SQLAlchemyApplicationRecorder
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from adapters.persistence.projections import TrackedProjection
from adapters.persistence.schema import access_records, audit_chain, audit_chain_late
from adapters.persistence.set_aside import SqlSetAside
from adapters.persistence.sql import RowWriter, SqlTables
from application.hash_chain import GENESIS, link
from application.ports import AccessQuery, AccessRecord, NewAccess, StoredRecord

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


AUDIT_CHAIN = "audit_chain"
HEAD = select(audit_chain.c.hash).order_by(audit_chain.c.position.desc()).limit(1)
LINKS = RowWriter(audit_chain)


class _Chain:
    """Appends each stored row's hash. The head is read once a batch and then carried along:
    batches of one projection never overlap (each holds the projection's tracking row). The
    batch's links are written together at its end."""

    def __init__(self) -> None:
        self._head: str | None = None
        self._links: list[dict[str, Any]] = []

    def begin(self) -> None:
        self._head = None
        self._links = []

    def append(self, notification: Notification, position: int, session: Session) -> None:
        head = self._head or session.execute(HEAD).scalar_one_or_none() or GENESIS
        self._head = link(head, stored_record(notification))
        self._links.append({"position": position, "hash": self._head})

    def flush(self, session: Session) -> None:
        LINKS.write(session, self._links)
        self._links = []


def audit_chain_projection() -> TrackedProjection:
    """The chain of one store (each service its own: the head it carries is that store's)."""
    chain = _Chain()
    return TrackedProjection(
        name=AUDIT_CHAIN,
        process=chain.append,
        clear=None,
        raw=True,
        begin=chain.begin,
        flush=chain.flush,
        redo=_link_late,
    )


def _link_late(notification: Notification, position: int, session: Session) -> None:
    """A set-aside event, retried: linked to the chain entry before it, beside the chain (the
    entries after it were linked without it and stay as they are)."""
    before = session.execute(
        select(audit_chain.c.hash)
        .where(audit_chain.c.position < position)
        .order_by(audit_chain.c.position.desc())
        .limit(1)
    ).scalar_one_or_none()
    digest = link(before or GENESIS, stored_record(notification))
    session.execute(insert(audit_chain_late).values(position=position, hash=digest))


"""Chained by a tracked projection right after each command commits, not inside the write:
the library's recorder owns the insert, and the chain's own tracking keeps it exactly-once."""


class SqlEventLog(SqlTables):
    """The global log exactly as the library stored it, and the chain beside it."""

    def __init__(self, recorder: SQLAlchemyApplicationRecorder) -> None:
        super().__init__(recorder.datastore)
        self._recorder = recorder

    def gaps(self) -> tuple[set[int], dict[int, str]]:
        set_aside = SqlSetAside(self._datastore).positions(AUDIT_CHAIN)
        with self._read() as session:
            late = session.execute(select(audit_chain_late.c.position, audit_chain_late.c.hash))
            return set_aside, {int(position): str(digest) for position, digest in late}

    def chain(self) -> Iterator[tuple[int, str]]:
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

    def records(self) -> Iterator[StoredRecord]:
        after = 0
        while True:
            batch = self.stored(after, BATCH)
            yield from batch
            if len(batch) < BATCH:
                return
            after = batch[-1].position

    def stored(self, after: int, limit: int) -> list[StoredRecord]:
        notifications = self._recorder.select_notifications(
            start=after, limit=limit, inclusive_of_start=False
        )
        return [stored_record(n) for n in notifications]


class SqlAccessLog(SqlTables):
    """Append-only: nothing offers a way to change or delete an entry."""

    def append(self, entries: Sequence[NewAccess]) -> None:
        rows = [
            {
                "at": e.at,
                "user_name": e.user,
                "role": e.role,
                "on_behalf_of": e.on_behalf_of,
                "action": str(e.action),
                "case_id": None if e.case_id is None else str(e.case_id),
                "person_id": None if e.person_id is None else str(e.person_id),
                "access_point": e.access_point[:300],
                "address": e.address[:100],
                "request_id": e.request_id[:40],
            }
            for e in entries
        ]
        with self._write() as session:
            session.execute(insert(access_records), rows)

    def page(self, where: AccessQuery, after: int, limit: int) -> list[AccessRecord]:
        table = access_records
        query = select(table).where(table.c.id > after).order_by(table.c.id).limit(limit)
        if where.case_id is not None:
            query = query.where(table.c.case_id == str(where.case_id))
        if where.person_id is not None:
            query = query.where(table.c.person_id == str(where.person_id))
        if where.user is not None:
            query = query.where(table.c.user_name == where.user)
        if where.since is not None:
            query = query.where(table.c.at >= where.since)
        if where.until is not None:
            query = query.where(table.c.at < where.until)
        with self._read() as session:
            rows = session.execute(query).all()
        return [
            AccessRecord(
                id=r.id,
                at=r.at,
                user=r.user_name,
                role=r.role,
                on_behalf_of=r.on_behalf_of,
                action=r.action,
                case_id=None if r.case_id is None else UUID(r.case_id),
                person_id=None if r.person_id is None else UUID(r.person_id),
                access_point=r.access_point,
                address=r.address,
                request_id=r.request_id,
            )
            for r in rows
        ]
