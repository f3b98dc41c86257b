"""The reports projection: each case's analysis row, rewritten from the case after each event."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

from application.case_cache import CaseCache
from application.policies import Policies
from application.report_rows import report_row
from domain.complaint import Complaint
from domain.signal import Signal


class ReportRowsView(Protocol):
    def save_row(self, case_id: UUID, received_at: datetime, row: dict[str, Any]) -> None: ...


class ReportsProjection:
    name = "reports"

    def __init__(self, cases: CaseCache, policies: Policies) -> None:
        self._cases = cases
        self._policies = policies

    def process(self, event: Any, position: int, view: ReportRowsView) -> None:
        case = self._cases.after(event)
        if not isinstance(case, Complaint | Signal):
            return
        clocks = self._policies.clocks(case, event.timestamp)
        view.save_row(case.id, case.received_at, report_row(case, clocks, self._policies.calendar))
