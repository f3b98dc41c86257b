"""Human-readable reference numbers: one counter per series, bumped in the command's transaction."""

from __future__ import annotations

from adapters.persistence.schema import reference_counters
from adapters.persistence.sql import SqlTables


class SqlReferenceNumbers(SqlTables):
    def next(self, series: str) -> int:
        statement = self._upsert(reference_counters).values(series=series, value=1)
        statement = statement.on_conflict_do_update(
            index_elements=["series"], set_={"value": reference_counters.c.value + 1}
        ).returning(reference_counters.c.value)
        with self._write() as session:
            return int(session.execute(statement).scalar_one())
