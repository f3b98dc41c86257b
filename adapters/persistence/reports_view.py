"""The reports read model in SQL: one JSON row of facts per case, indexed on receipt."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from adapters.persistence.schema import report_rows
from adapters.persistence.sql import RowWriter, SqlTables
from application.reports_projection import ReportRow

REPORT_ROWS = RowWriter(report_rows, "case_id")


class SqlReportRowsView:
    def __init__(self, session: Session) -> None:
        self._session = session

    def save_rows(self, rows: list[ReportRow]) -> None:
        if rows:
            values = [
                {"case_id": str(case_id), "received_at": received_at, "row": json.dumps(row)}
                for case_id, received_at, row in rows
            ]
            REPORT_ROWS.write(self._session, values)

    def clear(self) -> None:
        self._session.execute(delete(report_rows))


class SqlReportRows(SqlTables):
    def received_between(self, start: datetime, end: datetime) -> list[dict[str, Any]]:
        query = select(report_rows.c.row).where(
            report_rows.c.received_at >= start, report_rows.c.received_at < end
        )
        with self._read() as session:
            return [json.loads(row) for row in session.execute(query).scalars()]
