"""The case list read model in SQL: written by its projection, read by the list endpoint."""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any
from uuid import UUID

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from adapters.persistence.schema import case_list
from adapters.persistence.sql import SqlTables
from application.case_list import CaseFilter, CaseRow

_COLUMNS = [f.name for f in fields(CaseRow)]


class SqlCaseListView:
    """The projection's writer, bound to the transaction that also moves the tracking position."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def insert(self, row: CaseRow) -> None:
        values = asdict(row)
        values["id"] = str(row.id)
        self._session.execute(insert(case_list).values(**values))

    def status_of(self, case_id: UUID) -> str | None:
        status = self._session.execute(
            select(case_list.c.status).where(case_list.c.id == str(case_id))
        ).scalar_one_or_none()
        return None if status is None else str(status)

    def update(self, case_id: UUID, version: int, **changes: Any) -> None:
        self._session.execute(
            update(case_list).where(case_list.c.id == str(case_id)).values(version=version, **changes)
        )

    def clear(self) -> None:
        self._session.execute(delete(case_list))


class SqlCaseList(SqlTables):
    """Reads the case list: filters, newest first, keyset paging on the log position."""

    def page(self, where: CaseFilter, limit: int, before: int | None) -> list[CaseRow]:
        query = select(case_list).order_by(case_list.c.position.desc()).limit(limit)
        if before is not None:
            query = query.where(case_list.c.position < before)
        if where.status is not None:
            query = query.where(case_list.c.status == where.status)
        if where.team is not None:
            query = query.where(case_list.c.team == where.team)
        if where.mediator is not None:
            query = query.where(case_list.c.mediator == where.mediator)
        if where.flagged is not None:
            flagged = case_list.c.open_flags > 0
            query = query.where(flagged if where.flagged else ~flagged)
        with self._read() as session:
            rows = session.execute(query).all()
        return [_row(r._mapping) for r in rows]


def _row(mapping: Any) -> CaseRow:
    values = {name: mapping[name] for name in _COLUMNS}
    values["id"] = UUID(values["id"])
    return CaseRow(**values)
