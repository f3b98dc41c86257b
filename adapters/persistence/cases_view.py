"""The cases read model in SQL: the projection's writer, the case list and queue readers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import and_, delete, literal, or_, select, tuple_
from sqlalchemy.orm import Session

from adapters.persistence.schema import UtcDateTime, case_list, flags
from adapters.persistence.sql import RowWriter, SqlTables
from application.cases_projection import FlagRow
from application.ports import CaseFilter, CaseRow
from application.queue import QueueCursor, QueueFilter, QueueItem
from domain.wording import from_column

_CASE_COLUMNS = [f.name for f in fields(CaseRow)]
SEVERITY_RANK = {"breach": 0, "warning": 1}


class SqlCasesView:
    """The projection's writer, bound to the transaction that also moves the tracking position.

    Its upserts are built once per dialect and take their values as parameters, so SQLAlchemy
    compiles each statement once instead of once per event."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def save_cases(self, rows: list[CaseRow]) -> None:
        if rows:
            CASE_ROWS.write(self._session, [_case_values(row) for row in rows])

    def put_flags(self, rows: list[FlagRow]) -> None:
        if rows:
            FLAG_ROWS.write(self._session, [_flag_values(row) for row in rows])

    def replace_flags(self, case_id: UUID, rows: list[FlagRow]) -> None:
        self._session.execute(delete(flags).where(flags.c.case_id == str(case_id)))
        self.put_flags(rows)

    def drop_flags(self, dropped: list[UUID]) -> None:
        if dropped:
            self._session.execute(
                delete(flags).where(flags.c.flag_id.in_([str(f) for f in dropped]))
            )

    def clear(self) -> None:
        self._session.execute(delete(flags))
        self._session.execute(delete(case_list))


def _case_values(row: CaseRow) -> dict[str, Any]:
    values = {name: _storable(getattr(row, name)) for name in _CASE_COLUMNS}
    values["id"] = str(row.id)
    values["themes"] = "".join(f"|{theme}" for theme in row.themes) + "|"
    return values


def _flag_values(row: FlagRow) -> dict[str, Any]:
    values = {f.name: _storable(getattr(row, f.name)) for f in fields(FlagRow)}
    values.update(
        flag_id=str(row.flag_id),
        case_id=str(row.case_id),
        severity_rank=SEVERITY_RANK[row.severity],
    )
    return values


def _storable(value: Any) -> Any:
    """PostgreSQL text refuses NUL; an event recorded before input refused it still lists."""
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "\ufffd")
    return value


CASE_ROWS = RowWriter(case_list, "id", keep=("position",))
FLAG_ROWS = RowWriter(flags, "flag_id")


class SqlCaseList(SqlTables):
    """Reads the case list: filters, newest first, keyset paging on the log position."""

    def page(self, where: CaseFilter, limit: int, before: int | None) -> list[CaseRow]:
        query = select(case_list).order_by(case_list.c.position.desc()).limit(limit)
        query = query.where(case_list.c.case_type == where.case_type)
        if before is not None:
            query = query.where(case_list.c.position < before)
        if where.status is not None:
            query = query.where(case_list.c.status == where.status)
        if where.team is not None:
            query = query.where(case_list.c.team == where.team)
        if where.mediator is not None:
            query = query.where(case_list.c.mediator == where.mediator)
        if where.theme is not None:  # themes are stored as "|theme|theme|"
            query = query.where(case_list.c.themes.contains(f"|{where.theme}|", autoescape=True))
        if where.reference is not None:
            query = query.where(case_list.c.reference == where.reference)
        if where.flagged is not None:
            flagged = case_list.c.open_flags > 0
            query = query.where(flagged if where.flagged else ~flagged)
        with self._read() as session:
            rows = session.execute(query).all()
        return [_case_row(r._mapping) for r in rows]

    def due_for_check(
        self, now: datetime, after: tuple[datetime, str] | None, limit: int
    ) -> list[tuple[datetime, UUID]]:
        """Cases whose next deadline check is due, in (moment, id) order after `after`."""
        moment, case_id = case_list.c.next_check_at, case_list.c.id
        query = select(moment, case_id).where(moment <= now).order_by(moment, case_id).limit(limit)
        if after is not None:
            query = query.where((moment > after[0]) | ((moment == after[0]) & (case_id > after[1])))
        with self._read() as session:
            rows = session.execute(query).all()
        return [(r[0], UUID(r[1])) for r in rows]

    def due_for_destruction(
        self, cutoffs: Sequence[tuple[str, tuple[str, ...], datetime]], limit: int
    ) -> list[CaseRow]:
        c = case_list.c
        due = or_(
            *(
                and_(c.case_type == kind, c.status.in_(statuses), c.ended_at < before)
                for kind, statuses, before in cutoffs
            )
        )
        query = (
            select(case_list)
            .where(due, c.on_hold.is_(False), c.destroyed.is_(False))
            .order_by(c.ended_at, c.id)
            .limit(limit)
        )
        with self._read() as session:
            rows = session.execute(query).all()
        return [_case_row(r._mapping) for r in rows]


class SqlQueue(SqlTables):
    """Reads the escalation queue: breaches first, then by due moment; keyset paging."""

    def page(self, where: QueueFilter, limit: int, after: QueueCursor | None) -> list[QueueItem]:
        rank, due, flag = flags.c.severity_rank, flags.c.due_at, flags.c.flag_id
        query = (
            select(
                flags,
                case_list.c.reference,
                case_list.c.mediator,
                case_list.c.case_type,
                case_list.c.subject,
                case_list.c.team,
                case_list.c.status,
            )
            .join(case_list, case_list.c.id == flags.c.case_id)
            .order_by(rank, due, flag)
            .limit(limit)
        )
        if after is not None:
            query = query.where(
                tuple_(rank, due, flag)
                > tuple_(
                    literal(after.rank), literal(after.due_at, UtcDateTime), literal(after.flag_id)
                )
            )
        if where.mediator is not None:
            query = query.where(case_list.c.mediator == where.mediator)
        if where.policy is not None:
            query = query.where(flags.c.policy == where.policy)
        if where.severity is not None:
            query = query.where(flags.c.severity == where.severity)
        if where.team is not None:
            query = query.where(case_list.c.team == where.team)
        with self._read() as session:
            rows = session.execute(query).all()
        return [_queue_item(r._mapping) for r in rows]


def _queue_item(m: Any) -> QueueItem:
    explanation, explained = from_column(m["explanation"])
    return QueueItem(
        flag_id=UUID(m["flag_id"]),
        policy=m["policy"],
        severity=m["severity"],
        case_type=m["case_type"],
        case_id=UUID(m["case_id"]),
        reference=m["reference"],
        subject=m["subject"],
        team=m["team"],
        status=m["status"],
        due_at=m["due_at"],
        raised_at=m["raised_at"],
        mediator=m["mediator"],
        policy_version=m["policy_version"],
        explanation=explanation,
        explained=explained,
        cursor=QueueCursor(m["severity_rank"], m["due_at"], m["flag_id"]),
    )


def _case_row(mapping: Any) -> CaseRow:
    values = {name: mapping[name] for name in _CASE_COLUMNS}
    values["id"] = UUID(values["id"])
    values["themes"] = tuple(theme for theme in values["themes"].split("|") if theme)
    return CaseRow(**values)
