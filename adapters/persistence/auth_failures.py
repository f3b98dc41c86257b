"""Failed authentications in SQL, so the limit holds across every process on one store."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, insert, select

from adapters.persistence.schema import auth_failures
from adapters.persistence.sql import SqlTables

MAX_ADDRESS = 64
FORGOTTEN_AFTER = timedelta(days=1)


class SqlAuthFailures(SqlTables):
    def since(self, address: str, moment: datetime) -> tuple[int, datetime | None]:
        column = auth_failures.c
        query = select(func.count(), func.min(column.at)).where(
            column.address == address[:MAX_ADDRESS], column.at > moment
        )
        with self._read() as session:
            count, oldest = session.execute(query).one()
        return int(count), oldest

    def add(self, address: str, at: datetime, *, forget_before: datetime) -> None:
        key, column = address[:MAX_ADDRESS], auth_failures.c
        with self._write() as session:
            session.execute(
                delete(auth_failures).where(column.address == key, column.at < forget_before)
            )
            # whatever no limit looks back on any more: nothing counts failures a day old
            session.execute(delete(auth_failures).where(column.at < at - FORGOTTEN_AFTER))
            session.execute(insert(auth_failures).values(address=key, at=at))
