"""The cases projection: the case list, each case's next deadline check, and the flag queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID, uuid5

from application.case_cache import CaseCache
from application.policies import Policies
from domain.complaint import Complaint
from domain.signal import Signal


@dataclass(frozen=True)
class CaseRow:
    id: UUID
    position: int
    case_type: str
    reference: str
    status: str
    suspended: bool
    received_at: datetime
    channel: str
    dossier_ref: str
    subject: str
    team: str
    mediator: str | None
    open_flags: int
    version: int
    next_check_at: datetime | None


@dataclass(frozen=True)
class CaseFilter:
    case_type: str = "complaint"
    status: str | None = None
    team: str | None = None
    mediator: str | None = None
    flagged: bool | None = None


@dataclass(frozen=True)
class FlagRow:
    flag_id: UUID
    case_id: UUID
    policy: str
    severity: str
    due_at: datetime
    raised_at: datetime
    policy_version: str
    explanation: str


def flag_id(case_id: UUID, key: str) -> UUID:
    """A flag's id is stable for its case and key, so the queue can be rebuilt identically."""
    return uuid5(case_id, key)


class CasesView(Protocol):
    """Where the projection writes, inside the transaction that also moves its tracking position."""

    def save_cases(self, rows: list[CaseRow]) -> None:
        """Insert each row, or update every column but `position` if the case is listed."""
        ...

    def put_flags(self, rows: list[FlagRow]) -> None: ...

    def drop_flags(self, flags: list[UUID]) -> None: ...


class CasesProjection:
    """Each case's row is rewritten from the case itself, so the row cannot drift. Rows are
    written once per case per batch of events, from the case as it stands after the batch."""

    name = "cases"

    def __init__(self, cases: CaseCache, policies: Policies) -> None:
        self._cases = cases
        self._policies = policies
        self._touched: dict[UUID, tuple[Complaint | Signal, int, datetime]] = {}
        self._flags: dict[UUID, FlagRow | None] = {}

    def begin(self) -> None:
        self._touched.clear()
        self._flags.clear()

    def process(self, event: Any, position: int) -> None:
        case = self._cases.after(event)
        if not isinstance(case, Complaint | Signal):
            return  # STEM dossiers are not cases
        kind = type(event).__name__
        if kind == "FlagRaised":
            flag = case.open_flags[event.key]
            self._flags[flag_id(case.id, event.key)] = FlagRow(
                flag_id=flag_id(case.id, event.key),
                case_id=case.id,
                policy=flag["policy"],
                severity=flag["severity"],
                due_at=flag["due_at"],
                raised_at=flag["raised_at"],
                policy_version=flag["policy_version"],
                explanation=flag["explanation"],
            )
        elif kind == "FlagCleared":
            self._flags[flag_id(case.id, event.key)] = None
        first = self._touched.get(case.id)
        self._touched[case.id] = (case, first[1] if first else position, event.timestamp)

    def flush(self, view: CasesView) -> None:
        view.save_cases([self._row(*entry) for entry in self._touched.values()])
        view.put_flags([row for row in self._flags.values() if row is not None])
        view.drop_flags([flag for flag, row in self._flags.items() if row is None])
        self.begin()

    def _row(self, case: Complaint | Signal, position: int, now: datetime) -> CaseRow:
        complaint = case if isinstance(case, Complaint) else None
        return CaseRow(
            id=case.id,
            position=position,
            case_type="complaint" if complaint else "signal",
            reference=case.reference,
            status=str(case.status),
            suspended=complaint.is_suspended if complaint else False,
            received_at=case.received_at,
            channel=case.channel,
            dossier_ref=case.dossier_ref,
            subject=complaint.subject if complaint else f"Signal via {case.channel}",
            team=case.team,
            mediator=complaint.mediator if complaint else None,
            open_flags=len(case.open_flags),
            version=case.version,
            next_check_at=self._policies.next_check(case, now),
        )
