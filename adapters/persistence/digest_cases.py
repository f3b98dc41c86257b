"""Which cases a morning digest looks at: those of its mediators and teams that can carry flags."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from sqlalchemy import func, or_, select

from adapters.persistence.schema import case_list
from adapters.persistence.sql import SqlTables

c = case_list.c


class SqlDigestCases(SqlTables):
    def candidates(
        self, mediators: Sequence[str], teams: Sequence[str], at: datetime
    ) -> list[tuple[UUID, str]]:
        whose = []
        if mediators:
            whose.append(func.lower(c.mediator).in_(list(mediators)))
        if teams:
            whose.append(c.team.in_(list(teams)))
        if not whose:
            return []
        # A case ended before `at` with nothing open and nothing running now cannot have had a
        # flag open at `at`, except in corners the next sweep settles; the rest are judged.
        may_carry = or_(
            c.open_flags > 0, c.next_check_at.is_not(None), c.ended_at.is_(None), c.ended_at > at
        )
        query = (
            select(c.id, c.case_type)
            .where(or_(*whose), c.destroyed.is_(False), c.received_at <= at, may_carry)
            .order_by(c.id)
        )
        with self._read() as session:
            rows = session.execute(query).all()
        return [(UUID(row[0]), str(row[1])) for row in rows]
