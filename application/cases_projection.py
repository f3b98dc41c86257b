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

    def save_case(self, row: CaseRow) -> None:
        """Insert the row, or update every column but `position` if the case is listed."""
        ...

    def put_flag(self, row: FlagRow) -> None: ...

    def drop_flag(self, flag: UUID) -> None: ...


class CasesProjection:
    """Each event rewrites its case's row from the case itself, so the row cannot drift."""

    name = "cases"

    def __init__(self, cases: CaseCache, policies: Policies) -> None:
        self._cases = cases
        self._policies = policies

    def process(self, event: Any, position: int, view: CasesView) -> None:
        case = self._cases.after(event)
        if not isinstance(case, Complaint | Signal):
            return  # STEM dossiers are not cases
        kind = type(event).__name__
        if kind == "FlagRaised":
            flag = case.open_flags[event.key]
            view.put_flag(
                FlagRow(
                    flag_id=flag_id(case.id, event.key),
                    case_id=case.id,
                    policy=flag["policy"],
                    severity=flag["severity"],
                    due_at=flag["due_at"],
                    raised_at=flag["raised_at"],
                    policy_version=flag["policy_version"],
                    explanation=flag["explanation"],
                )
            )
        elif kind == "FlagCleared":
            view.drop_flag(flag_id(case.id, event.key))
        view.save_case(self._row(case, position, event.timestamp))

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
