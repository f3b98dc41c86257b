"""GET /v1/queue: the mediator's escalation queue, breaches first, each item explaining itself."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import AfterValidator, WithJsonSchema

from api.dependencies import Look, ServiceDep, looking
from api.problems import invalid
from api.schemas.common import Filter, Limit
from api.schemas.deadlines import QueueItemPublic, QueuePage
from application.queue import POLICIES, QueueFilter
from application.roles import Action

router = APIRouter(prefix="/v1/queue", tags=["queue"])
Reader = Annotated[Look, looking(Action.READ_QUEUE)]


def _known_policy(name: str) -> str:
    if name not in POLICIES:
        raise ValueError(f"unknown policy; use one of {', '.join(sorted(POLICIES))}")
    return name


PolicyName = Annotated[
    str, AfterValidator(_known_policy), WithJsonSchema({"type": "string", "enum": sorted(POLICIES)})
]


@router.get("", response_model=QueuePage, summary="Open flags over all cases")
def read_queue(
    service: ServiceDep,
    look: Reader,
    mediator: Annotated[Filter | None, Query(description="a mediator's name, or `me`")] = None,
    team: Annotated[Filter | None, Query(description="a team, or `mine`")] = None,
    policy: PolicyName | None = None,
    severity: Literal["warning", "breach"] | None = None,
    limit: Limit = 50,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> QueuePage:
    caller = look.caller
    mediator = caller.name if mediator == "me" else mediator
    if team == "mine":
        if caller.team is None:
            raise invalid(("query", "team"), "team=mine: your token names no team")
        team = caller.team
    where = QueueFilter(mediator, policy, severity, team)
    page = service.queue.page(where, limit, cursor, look.who)
    return QueuePage(
        items=[QueueItemPublic.of(item) for item in page.items], next_cursor=page.next_cursor
    )
