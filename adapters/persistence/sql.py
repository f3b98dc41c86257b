"""Shared access to the store's transaction: joins the current unit of work when there is one."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

import sqlalchemy.exc
from eventsourcing.persistence import InterfaceError, OperationalError
from eventsourcing_sqlalchemy.datastore import SQLAlchemyDatastore
from sqlalchemy import Table, bindparam, text
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


def upsert_text(table: Table, key: str, keep: tuple[str, ...] = ()) -> Any:
    """INSERT ... ON CONFLICT DO UPDATE as plain SQL (SQLite and PostgreSQL say it alike), typed
    binds included: SQLAlchemy compiles it once, where a Core upsert compiled on every event."""
    names = [c.name for c in table.c]
    updates = ", ".join(f"{n} = excluded.{n}" for n in names if n != key and n not in keep)
    sql = (
        f"INSERT INTO {table.name} ({', '.join(names)}) "
        f"VALUES ({', '.join(':' + n for n in names)}) "
        f"ON CONFLICT ({key}) DO UPDATE SET {updates}"
    )
    return text(sql).bindparams(*(bindparam(c.name, type_=c.type) for c in table.c))
