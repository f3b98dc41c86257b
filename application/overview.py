"""The manager's overview: open cases by status and team, open flags by policy, and this
year's analysis (shares on time per norm, cases per month) from the published report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from application.access import Accessor, AccessRecorder
from application.ports import AccessAction, Clock
from application.report import Reports
from domain.calendar import AMSTERDAM
from domain.values import SignalStatus, Status

ENDED = {
    "complaint": tuple(str(s) for s in Status if s.is_final),
    "signal": tuple(str(s) for s in SignalStatus if s.is_final),
}
"""Per case type, the statuses in which a case is no longer open."""


@dataclass(frozen=True)
class OpenCount:
    case_type: str
    status: str
    team: str
    count: int


@dataclass(frozen=True)
class FlagCount:
    policy: str
    severity: str
    count: int


class CaseCounts(Protocol):
    def open_cases(self, ended: dict[str, tuple[str, ...]]) -> list[OpenCount]:
        """Cases not in an ended status (nor destroyed), counted by type, status and team."""
        ...

    def open_flags(self) -> list[FlagCount]:
        """Open flags counted by policy and severity."""
        ...


@dataclass(frozen=True)
class OverviewFacts:
    open_cases: list[OpenCount]
    flags: list[FlagCount]
    analysis: dict[str, Any]


class Overview:
    """Counts only, no person's data; reading it is logged as a report, as the analysis is."""

    def __init__(
        self, counts: CaseCounts, reports: Reports, access: AccessRecorder, clock: Clock
    ) -> None:
        self._counts = counts
        self._reports = reports
        self._access = access
        self._clock = clock

    def now(self, who: Accessor) -> OverviewFacts:
        year = self._clock.now().astimezone(AMSTERDAM).year
        analysis = self._reports.complaints_analysis(date(year, 1, 1), date(year, 12, 31))
        self._access.looked(who, AccessAction.REPORT)
        return OverviewFacts(self._counts.open_cases(ENDED), self._counts.open_flags(), analysis)
