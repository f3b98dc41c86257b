"""Asks the store one trivial question, to tell whether it can be reached."""

from __future__ import annotations

from sqlalchemy import Engine, text

from adapters.persistence.sql import SqlTables


class SqlStoreProbe(SqlTables):
    def reachable(self) -> str | None:
        engine = self._datastore.engine
        assert isinstance(engine, Engine)
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception as error:  # any failure to answer means: not reachable now
            return type(error).__name__
        return None
