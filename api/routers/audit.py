"""Audit endpoints: the global log in order, the hash chain's verification, who read what."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from api.dependencies import Look, ServiceDep, looking
from api.schemas.audit import AccessEntry, AccessPage, EventPage, LoggedEvent
from api.schemas.common import Cursor, Filter, Limit, Moment
from application.hash_chain import Verification
from application.ports import AccessQuery
from application.roles import Action

router = APIRouter(prefix="/v1/audit", tags=["audit"])
Auditor = Annotated[Look, looking(Action.READ_AUDIT)]
After = Annotated[int, Query(ge=0, le=2**63 - 1, description="the last position already seen")]


@router.get("/events", response_model=EventPage, summary="The global event log, in order")
def read_event_log(
    service: ServiceDep, look: Auditor, after: After = 0, limit: Limit = 50
) -> EventPage:
    page = service.audit.events(after, limit, look.who)
    items = [LoggedEvent.model_validate(asdict(e)) for e in page.items]
    return EventPage(items=items, next_after=page.next_after)


@router.get("/verify", response_model=Verification, summary="Recompute the hash chain")
def verify_chain(service: ServiceDep, look: Auditor) -> Verification:
    return service.audit.verify()


@router.get("/access", response_model=AccessPage, summary="Who saw whose data, when, how")
def read_access_log(
    service: ServiceDep,
    look: Auditor,
    case_id: UUID | None = None,
    person_id: UUID | None = None,
    user: Annotated[Filter | None, Query(description="a staff e-mail or token name")] = None,
    since: Annotated[Moment | None, Query(alias="from", description="from this moment")] = None,
    until: Annotated[Moment | None, Query(alias="to", description="before this moment")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> AccessPage:
    """The access log (NEN 7513), oldest first; reading it is itself logged."""
    where = AccessQuery(case_id, person_id, user, since, until)
    page = service.access.page(look.who, where, cursor, limit)
    return AccessPage(
        items=[AccessEntry.of(row) for row in page.items], next_cursor=page.next_cursor
    )
