"""The case list projection: how each recorded event changes the mediator's list of complaints."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

from domain.lifecycle import status_after
from domain.values import Status


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


@dataclass(frozen=True)
class CaseFilter:
    status: str | None = None
    team: str | None = None
    mediator: str | None = None
    flagged: bool | None = None


class CaseListView(Protocol):
    """Where the projection writes, inside the transaction that also moves its tracking position."""

    def insert(self, row: CaseRow) -> None: ...

    def status_of(self, case_id: UUID) -> str | None: ...

    def update(self, case_id: UUID, version: int, **changes: Any) -> None: ...


class CaseListProjection:
    """Keeps one row per complaint: status, team, mediator and open flags, for lists and filters."""

    name = "case_list"

    def process(self, event: Any, position: int, view: CaseListView) -> None:
        kind = type(event).__name__
        data = vars(event)
        case_id, version = event.originator_id, event.originator_version
        if kind == "Received":
            view.insert(_received_row(event, position))
            return
        changes: dict[str, Any] = {}
        if kind == "MediatorAssigned":
            changes["mediator"] = data["mediator"]
        elif kind in ("Suspended", "Resumed"):
            changes["suspended"] = kind == "Suspended"
        current = view.status_of(case_id)
        if current is not None:
            status = status_after(Status(current), kind, data)
            if status != current:
                changes["status"] = str(status)
        view.update(case_id, version, **changes)


def _received_row(event: Any, position: int) -> CaseRow:
    return CaseRow(
        id=event.originator_id,
        position=position,
        case_type="complaint",
        reference=event.reference,
        status=str(Status.RECEIVED),
        suspended=False,
        received_at=event.at,
        channel=event.channel,
        dossier_ref=event.dossier_ref,
        subject=event.subject,
        team=event.team,
        mediator=None,
        open_flags=0,
        version=event.originator_version,
    )
