"""Idempotency keys in SQL, written in the same transaction as the command's events."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import insert, select

from adapters.persistence.schema import idempotency_keys
from adapters.persistence.sql import SqlTables
from application.ports import RememberedCommand


class SqlIdempotencyRecords(SqlTables):
    def find(self, actor: str, key: str) -> RememberedCommand | None:
        with self._read() as session:
            row = session.execute(
                select(idempotency_keys.c.fingerprint, idempotency_keys.c.outcome).where(
                    idempotency_keys.c.actor == actor, idempotency_keys.c.key == key
                )
            ).first()
        return None if row is None else RememberedCommand(row.fingerprint, json.loads(row.outcome))

    def remember(self, actor: str, key: str, command: RememberedCommand, at: datetime) -> None:
        with self._write() as session:
            session.execute(
                insert(idempotency_keys).values(
                    actor=actor,
                    key=key,
                    fingerprint=command.fingerprint,
                    outcome=json.dumps(command.outcome),
                    created_at=at,
                )
            )
