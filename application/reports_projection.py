"""The reports projection: each case's analysis row, rewritten from the case once per batch."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

from application.case_cache import CaseCache
from application.judging import Judge
from application.report_facts import report_facts
from domain.complaint import Complaint
from domain.signal import Signal

ReportRow = tuple[UUID, datetime, dict[str, Any]]
"""A case's id, when it was received, and its facts for the analysis."""


class ReportRowsView(Protocol):
    def save_rows(self, rows: list[ReportRow]) -> None: ...


class ReportsProjection:
    """A case touched by several events of a batch (an imported history, say) is judged and
    written once, as it stands after the batch, at the moment its last event was recorded."""

    name = "reports"

    def __init__(self, cases: CaseCache, judge: Judge) -> None:
        self._cases = cases
        self._judge = judge
        self._touched: dict[UUID, tuple[Complaint | Signal, datetime]] = {}

    def begin(self) -> None:
        self._touched.clear()

    def process(self, event: Any, position: int) -> None:
        case = self._cases.after(event)
        if isinstance(case, Complaint | Signal):
            self._touched[case.id] = (case, event.timestamp)

    def flush(self, view: ReportRowsView) -> None:
        view.save_rows([self._row(case, at) for case, at in self._touched.values()])
        self.begin()

    def refresh(self, case_id: UUID, view: ReportRowsView) -> None:
        """Rewrite the case's row from the case as it stands now (see CasesProjection)."""
        case = self._cases.now(case_id)
        if isinstance(case, Complaint | Signal):
            view.save_rows([self._row(case, case.modified_on)])

    def _row(self, case: Complaint | Signal, at: datetime) -> ReportRow:
        facts = report_facts(case, self._judge.deadlines(case, at), self._judge)
        return case.id, case.received_at, facts
