"""Audit endpoints: the global log in order, the hash chain's verification, who read what."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query

from api.dependencies import ServiceDep, allowed
from api.schemas.audit import AccessEntry, AccessPage, EventPage, LoggedEvent, VerificationPublic
from application.casework import ENVELOPE
from application.roles import Action
from application.tokens import Principal

router = APIRouter(prefix="/v1/audit", tags=["audit"])
Auditor = Annotated[Principal, allowed(Action.READ_AUDIT)]
Limit = Annotated[int, Query(ge=1, le=500)]


@router.get("/events", response_model=EventPage, summary="The global event log, in order")
def events(
    service: ServiceDep,
    caller: Auditor,
    after: Annotated[
        int, Query(ge=0, le=2**63 - 1, description="the last position already seen")
    ] = 0,
    limit: Limit = 50,
) -> EventPage:
    notifications = service.audit_log.notifications(after, limit)
    items = []
    for notification in notifications:
        event: Any = service.casework.mapper.to_domain_event(notification)
        fields = vars(event)
        items.append(
            LoggedEvent(
                position=notification.id,
                case_id=notification.originator_id,
                version=notification.originator_version,
                type=type(event).__name__,
                at=fields.get("at"),
                recorded_at=event.timestamp,
                actor=fields.get("actor"),
                data={k: v for k, v in fields.items() if k not in ENVELOPE},
            )
        )
    next_after = notifications[-1].id if len(notifications) == limit else None
    return EventPage(items=items, next_after=next_after)


@router.get("/verify", response_model=VerificationPublic, summary="Recompute the hash chain")
def verify(service: ServiceDep, caller: Auditor) -> VerificationPublic:
    result = service.audit_log.verify()
    return VerificationPublic(
        ok=result.ok,
        checked=result.checked,
        head=result.head,
        first_bad_position=result.first_bad_position,
        reason=result.reason,
    )


@router.get("/access", response_model=AccessPage, summary="Who read which case, when, how")
def access(
    service: ServiceDep,
    caller: Auditor,
    case_id: UUID | None = None,
    limit: Limit = 50,
    cursor: Annotated[str | None, Query(pattern=r"^[0-9]{1,18}$")] = None,
) -> AccessPage:
    rows = service.access_log.page(case_id, int(cursor) if cursor else 0, limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    return AccessPage(
        items=[AccessEntry(**row) for row in rows],
        next_cursor=str(rows[-1]["id"]) if more else None,
    )
