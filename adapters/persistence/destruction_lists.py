"""The directory of destruction lists in SQL, written in the transaction of the list's events."""

from __future__ import annotations

import json
from uuid import UUID

from sqlalchemy import Row, select

from adapters.persistence.schema import destruction_lists
from adapters.persistence.sql import SqlTables
from application.ports import DestructionListRecord


class SqlDestructionLists(SqlTables):
    def save(self, record: DestructionListRecord) -> None:
        values = {
            "id": str(record.id),
            "status": record.status,
            "proposed_by": record.proposed_by,
            "proposed_at": record.proposed_at,
            "approved_by": record.approved_by,
            "approved_at": record.approved_at,
            "cases": json.dumps(record.cases, sort_keys=True),
        }
        statement = self._upsert(destruction_lists).values(**values)
        statement = statement.on_conflict_do_update(
            index_elements=["id"], set_={k: v for k, v in values.items() if k != "id"}
        )
        with self._write() as session:
            session.execute(statement)

    def by_id(self, list_id: UUID) -> DestructionListRecord | None:
        with self._read() as session:
            row = session.execute(
                select(destruction_lists).where(destruction_lists.c.id == str(list_id))
            ).first()
        return None if row is None else _record(row)

    def all(self) -> list[DestructionListRecord]:
        with self._read() as session:
            rows = session.execute(
                select(destruction_lists).order_by(destruction_lists.c.proposed_at.desc())
            ).all()
        return [_record(row) for row in rows]

    def proposed_cases(self) -> set[UUID]:
        with self._read() as session:
            rows = session.execute(
                select(destruction_lists.c.cases).where(destruction_lists.c.status == "proposed")
            ).scalars()
            return {UUID(case["case_id"]) for text in rows for case in json.loads(text)}


def _record(row: Row[tuple[object, ...]]) -> DestructionListRecord:
    m = row._mapping
    return DestructionListRecord(
        id=UUID(m["id"]),
        status=m["status"],
        proposed_by=m["proposed_by"],
        proposed_at=m["proposed_at"],
        approved_by=m["approved_by"],
        approved_at=m["approved_at"],
        cases=json.loads(m["cases"]),
    )
