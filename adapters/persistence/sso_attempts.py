"""Sign-ons under way, in SQL: a state is taken once (deleted as it is read) within ten minutes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, insert

from adapters.persistence.schema import sso_attempts
from adapters.persistence.sql import SqlTables

LIFETIME = timedelta(minutes=10)


@dataclass(frozen=True)
class Attempt:
    nonce: str
    verifier: str
    back: str


def _hash(state: str) -> str:
    return hashlib.sha256(state.encode()).hexdigest()


class SqlSsoAttempts(SqlTables):
    def begin(self, state: str, attempt: Attempt, now: datetime) -> None:
        with self._write() as session:
            session.execute(delete(sso_attempts).where(sso_attempts.c.created_at < now - LIFETIME))
            session.execute(
                insert(sso_attempts).values(
                    state_hash=_hash(state),
                    nonce=attempt.nonce,
                    verifier=attempt.verifier,
                    back=attempt.back,
                    created_at=now,
                )
            )

    def take(self, state: str, now: datetime) -> Attempt | None:
        """The attempt of `state`, once: a replayed or expired state finds nothing."""
        table = sso_attempts
        with self._write() as session:
            row = session.execute(
                delete(table)
                .where(table.c.state_hash == _hash(state))
                .returning(table.c.nonce, table.c.verifier, table.c.back, table.c.created_at)
            ).first()
        if row is None or row.created_at < now - LIFETIME:
            return None
        return Attempt(row.nonce, row.verifier, row.back)
