"""Shared access to the store's transaction: joins the current unit of work when there is one."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

from eventsourcing_sqlalchemy.datastore import SQLAlchemyDatastore
from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


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
