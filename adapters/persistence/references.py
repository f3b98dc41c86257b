"""Human-readable reference numbers: one counter per series, bumped in the command's transaction."""

from __future__ import annotations

from sqlalchemy import text

from adapters.persistence.sql import SqlTables

NEXT = text(
    "INSERT INTO reference_counters (series, value) VALUES (:series, 1) "
    "ON CONFLICT (series) DO UPDATE SET value = reference_counters.value + 1 RETURNING value"
)
"""Plain SQL that SQLite and PostgreSQL say alike, compiled once (an import numbers thousands)."""


class SqlReferenceNumbers(SqlTables):
    def next(self, series: str) -> int:
        with self._write() as session:
            return int(session.execute(NEXT, {"series": series}).scalar_one())
