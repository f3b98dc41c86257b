"""Bearer tokens in SQL: name, role and the SHA-256 of the secret; never the secret itself."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy.exc
from eventsourcing.persistence import IntegrityError
from sqlalchemy import insert, select, update

from adapters.persistence.schema import tokens
from adapters.persistence.sql import SqlTables
from application.ports import TokenRecord


class SqlTokenRecords(SqlTables):
    def add(
        self, name: str, role: str, secret_hash: str, at: datetime, member_id: str | None = None
    ) -> None:
        row = {"name": name, "role": role, "secret_hash": secret_hash, "created_at": at}
        row |= {"member_id": member_id}
        try:
            with self._write() as session:
                session.execute(insert(tokens).values(**row))
        except (IntegrityError, sqlalchemy.exc.IntegrityError) as error:
            raise ValueError(f"token {name!r} exists") from error

    def by_hash(self, secret_hash: str) -> TokenRecord | None:
        with self._read() as session:
            row = session.execute(select(tokens).where(tokens.c.secret_hash == secret_hash)).first()
        if row is None:
            return None
        revoked = row.revoked_at is not None
        return TokenRecord(row.name, row.role, row.secret_hash, revoked, row.member_id)

    def revoke(self, name: str, at: datetime) -> bool:
        with self._write() as session:
            result = session.execute(
                update(tokens)
                .where(tokens.c.name == name, tokens.c.revoked_at.is_(None))
                .values(revoked_at=at)
            )
        return bool(result.rowcount)  # type: ignore[attr-defined]
