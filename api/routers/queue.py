"""GET /v1/queue: the mediator's escalation queue, breaches first, each item explaining itself."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from starlette.exceptions import HTTPException

from api.dependencies import ServiceDep, allowed
from api.schemas.deadlines import QueueItemPublic, QueuePage
from application.queue import QueueCursor, QueueFilter
from application.roles import Action
from application.tokens import Principal

router = APIRouter(prefix="/v1/queue", tags=["queue"])
Reader = Annotated[Principal, allowed(Action.READ_QUEUE)]


@router.get("", response_model=QueuePage, summary="Open flags over all cases")
def queue(
    service: ServiceDep,
    caller: Reader,
    mediator: Annotated[str | None, Query(description="a mediator's name, or `me`")] = None,
    policy: str | None = None,
    severity: Literal["warning", "breach"] | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> QueuePage:
    try:
        after = QueueCursor.decode(cursor) if cursor else None
    except ValueError:
        raise HTTPException(422, "cursor is not one this service handed out") from None
    if mediator == "me":
        mediator = caller.name
    where = QueueFilter(mediator=mediator, policy=policy, severity=severity)
    items = service.queue.page(where, limit + 1, after)
    more = len(items) > limit
    items = items[:limit]
    return QueuePage(
        items=[
            QueueItemPublic(**{k: v for k, v in asdict(i).items() if k != "cursor"}) for i in items
        ],
        next_cursor=items[-1].cursor.encode() if more else None,
    )
