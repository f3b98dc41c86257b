"""Counts over the cases read model for the manager's overview: open cases, open flags."""

from __future__ import annotations

from sqlalchemy import and_, func, not_, or_, select

from adapters.persistence.schema import case_list, flags
from adapters.persistence.sql import SqlTables
from application.overview import FlagCount, OpenCount


class SqlCaseCounts(SqlTables):
    def open_cases(self, ended: dict[str, tuple[str, ...]]) -> list[OpenCount]:
        c = case_list.c
        closed = or_(
            *(and_(c.case_type == kind, c.status.in_(statuses)) for kind, statuses in ended.items())
        )
        query = (
            select(c.case_type, c.status, c.team, func.count())
            .where(not_(closed), c.destroyed.is_(False))
            .group_by(c.case_type, c.status, c.team)
            .order_by(c.case_type, c.team, c.status)
        )
        with self._read() as session:
            rows = session.execute(query).all()
        return [OpenCount(r[0], r[1], r[2], int(r[3])) for r in rows]

    def open_flags(self) -> list[FlagCount]:
        f = flags.c
        query = (
            select(f.policy, f.severity, func.count())
            .group_by(f.policy, f.severity)
            .order_by(f.policy, f.severity)
        )
        with self._read() as session:
            rows = session.execute(query).all()
        return [FlagCount(r[0], r[1], int(r[2])) for r in rows]
