"""Shared access to the store's transaction: joins the current unit of work when there is one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any

import sqlalchemy.exc
from eventsourcing.persistence import InterfaceError, OperationalError
from eventsourcing_sqlalchemy.datastore import SQLAlchemyDatastore
from sqlalchemy import Dialect, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

STORE_OUTAGES: tuple[type[Exception], ...] = (
    OperationalError,
    InterfaceError,
    sqlalchemy.exc.OperationalError,
    sqlalchemy.exc.InterfaceError,
)
"""What the store raises when it cannot be reached (the API answers 503 with Retry-After);
never a reason to set an event aside."""


class SqlTables:
    """Base for the small SQL stores: `_write()` and `_read()` open or join a transaction."""

    def __init__(self, datastore: SQLAlchemyDatastore) -> None:
        self._datastore = datastore

    def _write(self) -> AbstractContextManager[Session]:
        return self._datastore.transaction(commit=True)

    def _read(self) -> AbstractContextManager[Session]:
        return self._datastore.transaction(commit=False)

    def _upsert(self, table: Table) -> Any:
        assert self._datastore.engine is not None
        return upsert(self._datastore.engine.dialect.name, table)


def upsert(dialect: str, table: Table) -> Any:
    """An INSERT that understands ON CONFLICT, in the store's own dialect."""
    return (postgresql if dialect == "postgresql" else sqlite).insert(table)


class RowWriter:
    """Many rows written in one `executemany` straight on the driver: the statement is built
    once per dialect and each value goes through its column type's bind processor, so
    SQLAlchemy neither compiles nor builds parameters row by row. With `key`, a row whose key
    is taken is updated (every column but `key` and `keep`); without, rows are inserted."""

    def __init__(self, table: Table, key: str | None = None, keep: tuple[str, ...] = ()) -> None:
        self._table = table
        self._key = key
        self._keep = keep
        self._names = [c.name for c in table.c]
        self._prepared: dict[str, tuple[str, list[Any]]] = {}

    def write(self, session: Session, rows: Sequence[Mapping[str, Any]]) -> None:
        if not rows:
            return
        connection = session.connection()
        sql, processors = self._for(connection.dialect)
        values = [
            tuple(row[name] if p is None else p(row[name]) for name, p in processors)
            for row in rows
        ]
        connection.exec_driver_sql(sql, values)

    def _for(self, dialect: Dialect) -> tuple[str, list[Any]]:
        if dialect.name not in self._prepared:
            mark = "?" if dialect.paramstyle == "qmark" else "%s"
            sql = (
                f"INSERT INTO {self._table.name} ({', '.join(self._names)}) "
                f"VALUES ({', '.join(mark for _ in self._names)})"
            )
            if self._key is not None:
                kept = (self._key, *self._keep)
                updates = ", ".join(f"{n} = excluded.{n}" for n in self._names if n not in kept)
                sql += f" ON CONFLICT ({self._key}) DO UPDATE SET {updates}"
            processors = [
                (c.name, c.type.dialect_impl(dialect).bind_processor(dialect))
                for c in self._table.c
            ]
            self._prepared[dialect.name] = (sql, processors)
        return self._prepared[dialect.name]
