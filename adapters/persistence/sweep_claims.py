"""Claims one sweep period (or one period of another job) in the database, so several
schedulers run each period once."""

from __future__ import annotations

import os
import socket
from datetime import datetime

from adapters.persistence.schema import job_claims, sweep_claims
from adapters.persistence.sql import SqlTables

OWNER = f"{socket.gethostname()}:{os.getpid()}"


class SqlSweepClaims(SqlTables):
    def claim(self, period: int, now: datetime) -> bool:
        """True for exactly one caller per period (INSERT ... ON CONFLICT DO NOTHING)."""
        statement = (
            self._upsert(sweep_claims)
            .values(period=period, claimed_by=f"{OWNER}:{id(self)}", claimed_at=now)
            .on_conflict_do_nothing(index_elements=["period"])
            .returning(sweep_claims.c.period)
        )
        with self._write() as session:
            return session.execute(statement).first() is not None


class SqlJobClaims(SqlTables):
    def claim(self, job: str, period: str, now: datetime) -> bool:
        statement = (
            self._upsert(job_claims)
            .values(job=job, period=period, claimed_by=f"{OWNER}:{id(self)}", claimed_at=now)
            .on_conflict_do_nothing(index_elements=["job", "period"])
            .returning(job_claims.c.period)
        )
        with self._write() as session:
            return session.execute(statement).first() is not None
