"""Signal endpoints: register from any channel, read, acknowledge, talk, resolve, escalate."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

import structlog
from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from api.case_reads import add_case_reads, case_page
from api.commands import IdempotencyKey, IfMatch, change_signal, expected_version, run_command
from api.dependencies import ServiceDep, allowed
from api.schemas.common import Body, Moment
from api.schemas.complaints import CasePage, ComplaintPublic
from api.schemas.signals import ResolveBody, SignalConversationBody, SignalCreate, SignalPublic
from application.cases_projection import CaseFilter
from application.roles import Action
from application.signals import NewSignal
from application.tokens import Principal
from domain.signal import Signal

router = APIRouter(prefix="/v1/signals", tags=["signals"])
Registrar = Annotated[Principal, allowed(Action.REGISTER_CASE)]
Acknowledger = Annotated[Principal, allowed(Action.ACKNOWLEDGE_CASE)]
Mediator = Annotated[Principal, allowed(Action.WORK_CASE)]
Reader = Annotated[Principal, allowed(Action.READ_CASE)]
HistoryReader = Annotated[Principal, allowed(Action.READ_HISTORY)]
AsOf = Annotated[datetime | None, Query(description="the signal as known at this moment")]


class AtBody(Body):
    at: Moment


def _as_of(as_of: datetime | None) -> datetime | None:
    if as_of is not None and as_of.tzinfo is None:
        raise HTTPException(422, "as_of must carry a UTC offset")
    return as_of


@router.post("", status_code=201, response_model=SignalPublic, summary="Register a signal")
def register(
    body: SignalCreate,
    request: Request,
    service: ServiceDep,
    caller: Registrar,
    key: IdempotencyKey = None,
) -> JSONResponse:
    new = NewSignal(
        received_at=body.received_at,
        channel=str(body.channel),
        dossier_ref=body.dossier_ref,
        summary=body.summary,
        team=body.team,
        complainant=body.complainant.model_dump(exclude_none=True) if body.complainant else None,
    )
    return run_command(
        service,
        caller,
        request,
        body,
        key,
        lambda: service.signals.register(new, caller.actor),
        status=201,
    )


@router.get("", response_model=CasePage, summary="List signals, newest first")
def list_signals(
    service: ServiceDep,
    caller: Reader,
    status: str | None = None,
    team: str | None = None,
    flagged: bool | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(pattern=r"^[0-9]{1,18}$")] = None,
) -> CasePage:
    where = CaseFilter(case_type="signal", status=status, team=team, flagged=flagged)
    return case_page(service, where, limit, cursor)


add_case_reads(router, Signal, SignalPublic)


@router.post("/{case_id}/acknowledge", response_model=SignalPublic, summary="We hear you")
def acknowledge(
    case_id: UUID,
    body: AtBody,
    request: Request,
    service: ServiceDep,
    caller: Acknowledger,
    key: IdempotencyKey = None,
    if_match: IfMatch = None,
) -> JSONResponse:
    return change_signal(
        service,
        caller,
        request,
        case_id,
        body,
        key,
        if_match,
        lambda s, now: s.acknowledge(at=body.at, actor=caller.actor, now=now),
    )


@router.post("/{case_id}/conversations", response_model=SignalPublic, summary="A conversation")
def hold_conversation(
    case_id: UUID,
    body: SignalConversationBody,
    request: Request,
    service: ServiceDep,
    caller: Mediator,
    key: IdempotencyKey = None,
    if_match: IfMatch = None,
) -> JSONResponse:
    return change_signal(
        service,
        caller,
        request,
        case_id,
        body,
        key,
        if_match,
        lambda s, now: s.hold_conversation(
            at=body.at,
            actor=caller.actor,
            now=now,
            participants=body.participants,
            outcome=body.outcome,
        ),
    )


@router.post("/{case_id}/resolve", response_model=SignalPublic, summary="Resolve the signal")
def resolve(
    case_id: UUID,
    body: ResolveBody,
    request: Request,
    service: ServiceDep,
    caller: Mediator,
    key: IdempotencyKey = None,
    if_match: IfMatch = None,
) -> JSONResponse:
    return change_signal(
        service,
        caller,
        request,
        case_id,
        body,
        key,
        if_match,
        lambda s, now: s.resolve(at=body.at, actor=caller.actor, now=now, outcome=body.outcome),
    )


@router.post(
    "/{case_id}/escalate",
    status_code=201,
    response_model=ComplaintPublic,
    summary="Escalate to a complaint (both sides recorded in one transaction)",
)
def escalate(
    case_id: UUID,
    body: AtBody,
    request: Request,
    service: ServiceDep,
    caller: Mediator,
    key: IdempotencyKey = None,
    if_match: IfMatch = None,
) -> JSONResponse:
    structlog.contextvars.bind_contextvars(case_id=str(case_id))
    expected = expected_version(if_match)
    return run_command(
        service,
        caller,
        request,
        body,
        key,
        lambda: service.signals.escalate(case_id, body.at, caller.actor, expected),
        status=201,
        retry_collisions=expected is None,
    )
