"""The staff directory and console sessions in SQL; written inside the caller's transaction."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update

from adapters.persistence.schema import sessions, staff
from adapters.persistence.sql import SqlTables
from application.ports import SessionRecord, StaffRecord


def _record(row: Any) -> StaffRecord:
    values = {k: v for k, v in row._mapping.items() if k != "password_set_at"}
    return StaffRecord(**values)


class SqlStaffDirectory(SqlTables):
    def save(self, record: StaffRecord) -> None:
        values = asdict(record)
        if values["password_hash"] is None:
            del values["password_hash"]
        with self._write() as session:
            found = session.execute(
                select(staff.c.member_id).where(staff.c.member_id == record.member_id)
            ).first()
            if found is None:
                session.execute(insert(staff).values(**values))
            else:
                session.execute(
                    update(staff).where(staff.c.member_id == record.member_id).values(**values)
                )

    def set_password(self, member_id: str, password_hash: str, at: datetime) -> None:
        with self._write() as session:
            session.execute(
                update(staff)
                .where(staff.c.member_id == member_id)
                .values(password_hash=password_hash, password_set_at=at)
            )

    def _one(self, condition: Any) -> StaffRecord | None:
        with self._read() as session:
            row = session.execute(select(staff).where(condition)).first()
        return None if row is None else _record(row)

    def by_id(self, member_id: str) -> StaffRecord | None:
        return self._one(staff.c.member_id == member_id)

    def by_email(self, email: str) -> StaffRecord | None:
        return self._one(func.lower(staff.c.email) == email.strip().lower())

    def all(self) -> list[StaffRecord]:
        with self._read() as session:
            rows = session.execute(select(staff).order_by(staff.c.email)).all()
        return [_record(row) for row in rows]


class SqlSessions(SqlTables):
    def add(self, id_hash: str, record: SessionRecord) -> None:
        with self._write() as session:
            session.execute(insert(sessions).values(id_hash=id_hash, **asdict(record)))

    def find(self, id_hash: str) -> SessionRecord | None:
        with self._read() as session:
            row = session.execute(
                select(
                    sessions.c.member_id,
                    sessions.c.csrf_secret,
                    sessions.c.created_at,
                    sessions.c.last_seen_at,
                    sessions.c.method,
                ).where(sessions.c.id_hash == id_hash)
            ).first()
        if row is None:
            return None
        member_id, csrf_secret, created_at, last_seen_at, method = row
        return SessionRecord(member_id, csrf_secret, created_at, last_seen_at, method or "password")

    def touch(self, id_hash: str, at: datetime) -> None:
        with self._write() as session:
            session.execute(
                update(sessions).where(sessions.c.id_hash == id_hash).values(last_seen_at=at)
            )

    def end(self, id_hash: str) -> None:
        with self._write() as session:
            session.execute(delete(sessions).where(sessions.c.id_hash == id_hash))

    def end_all(self, member_id: str) -> int:
        with self._write() as session:
            result = session.execute(delete(sessions).where(sessions.c.member_id == member_id))
        return int(result.rowcount)  # type: ignore[attr-defined]
