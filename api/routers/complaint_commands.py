"""Complaint commands: each POST checks the caller, runs one domain command and returns the case."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse

from api.commands import IdempotencyKey, IfMatch, change_complaint
from api.dependencies import ServiceDep, allowed
from api.schemas.complaints import (
    ApologyBody,
    AssignBody,
    AtBody,
    ComplaintPublic,
    ConversationBody,
    ExtendBody,
    MeasuresBody,
    MinutesBody,
    ReasonBody,
    RulingBody,
)
from application.roles import Action
from application.tokens import Principal

router = APIRouter(
    prefix="/v1/complaints/{case_id}",
    tags=["complaint commands"],
    responses={
        404: {"description": "Unknown complaint"},
        409: {"description": "Not allowed in the complaint's current state"},
        412: {"description": "If-Match names an old version"},
    },
)
Acknowledger = Annotated[Principal, allowed(Action.ACKNOWLEDGE_CASE)]
Mediator = Annotated[Principal, allowed(Action.WORK_CASE)]


@router.post("/acknowledge", response_model=ComplaintPublic, summary="Acknowledge receipt")
def acknowledge(
    case_id: UUID,
    body: AtBody,
    request: Request,
    service: ServiceDep,
    caller: Acknowledger,
    key: IdempotencyKey = None,
    if_match: IfMatch = None,
) -> JSONResponse:
    return change_complaint(
        service,
        caller,
        request,
        case_id,
        body,
        key,
        if_match,
        lambda c, now: c.acknowledge(at=body.at, actor=caller.actor, now=now),
    )


@router.post("/assign", response_model=ComplaintPublic, summary="Assign a mediator")
def assign(
    case_id: UUID,
    body: AssignBody,
    request: Request,
    service: ServiceDep,
    caller: Mediator,
    key: IdempotencyKey = None,
    if_match: IfMatch = None,
) -> JSONResponse:
    return change_complaint(
        service,
        caller,
        request,
        case_id,
        body,
        key,
        if_match,
        lambda c, now: c.assign(mediator=body.mediator, actor=caller.actor, now=now),
    )


@router.post(
    "/conversations", response_model=ComplaintPublic, summary="Record a complaint conversation"
)
def hold_conversation(
    case_id: UUID,
    body: ConversationBody,
    request: Request,
    service: ServiceDep,
    caller: Mediator,
    key: IdempotencyKey = None,
    if_match: IfMatch = None,
) -> JSONResponse:
    agreements = [(a.description, a.due) for a in body.agreements]
    return change_complaint(
        service,
        caller,
        request,
        case_id,
        body,
        key,
        if_match,
        lambda c, now: c.hold_conversation(
            at=body.at,
            actor=caller.actor,
            now=now,
            participants=body.participants,
            outcome=body.outcome,
            agreements=agreements,
        ),
    )


@router.post(
    "/minutes", response_model=ComplaintPublic, summary="Record that the minutes were sent"
)
def send_minutes(
    case_id: UUID,
    body: MinutesBody,
    request: Request,
    service: ServiceDep,
    caller: Mediator,
    key: IdempotencyKey = None,
    if_match: IfMatch = None,
) -> JSONResponse:
    return change_complaint(
        service,
        caller,
        request,
        case_id,
        body,
        key,
        if_match,
        lambda c, now: c.send_minutes(
            at=body.at, actor=caller.actor, now=now, sent_to=body.sent_to
        ),
    )


@router.post(
    "/refer",
    response_model=ComplaintPublic,
    summary="Refer the complaint to the complaints committee",
)
def refer(
    case_id: UUID,
    body: AtBody,
    request: Request,
    service: ServiceDep,
    caller: Mediator,
    key: IdempotencyKey = None,
    if_match: IfMatch = None,
) -> JSONResponse:
    return change_complaint(
        service,
        caller,
        request,
        case_id,
        body,
        key,
        if_match,
        lambda c, now: c.refer(at=body.at, actor=caller.actor, now=now),
    )


@router.post("/ruling", response_model=ComplaintPublic, summary="Record the committee's ruling")
def ruling(
    case_id: UUID,
    body: RulingBody,
    request: Request,
    service: ServiceDep,
    caller: Mediator,
    key: IdempotencyKey = None,
    if_match: IfMatch = None,
) -> JSONResponse:
    return change_complaint(
        service,
        caller,
        request,
        case_id,
        body,
        key,
        if_match,
        lambda c, now: c.receive_ruling(
            at=body.at, actor=caller.actor, now=now, verdict=body.verdict
        ),
    )


@router.post("/apology", response_model=ComplaintPublic, summary="Record an apology")
def apology(
    case_id: UUID,
    body: ApologyBody,
    request: Request,
    service: ServiceDep,
    caller: Mediator,
    key: IdempotencyKey = None,
    if_match: IfMatch = None,
) -> JSONResponse:
    return change_complaint(
        service,
        caller,
        request,
        case_id,
        body,
        key,
        if_match,
        lambda c, now: c.give_apology(
            at=body.at, actor=caller.actor, now=now, summary=body.summary
        ),
    )


@router.post(
    "/measures",
    response_model=ComplaintPublic,
    summary="Record the measures communicated after a ruling",
)
def measures(
    case_id: UUID,
    body: MeasuresBody,
    request: Request,
    service: ServiceDep,
    caller: Mediator,
    key: IdempotencyKey = None,
    if_match: IfMatch = None,
) -> JSONResponse:
    return change_complaint(
        service,
        caller,
        request,
        case_id,
        body,
        key,
        if_match,
        lambda c, now: c.communicate_measures(
            at=body.at, actor=caller.actor, now=now, measures=body.measures
        ),
    )


@router.post(
    "/extend", response_model=ComplaintPublic, summary="Extend a deadline (capped by policy)"
)
def extend(
    case_id: UUID,
    body: ExtendBody,
    request: Request,
    service: ServiceDep,
    caller: Mediator,
    key: IdempotencyKey = None,
    if_match: IfMatch = None,
) -> JSONResponse:
    return change_complaint(
        service,
        caller,
        request,
        case_id,
        body,
        key,
        if_match,
        lambda c, now: service.casework.extend(
            c, clock=body.clock, weeks=body.weeks, reason=body.reason, actor=caller.actor, now=now
        ),
    )


@router.post(
    "/agreements/{number}/done", response_model=ComplaintPublic, summary="Mark an agreement as done"
)
def agreement_done(
    case_id: UUID,
    number: Annotated[int, Path(ge=1, le=10_000)],
    body: AtBody,
    request: Request,
    service: ServiceDep,
    caller: Mediator,
    key: IdempotencyKey = None,
    if_match: IfMatch = None,
) -> JSONResponse:
    return change_complaint(
        service,
        caller,
        request,
        case_id,
        body,
        key,
        if_match,
        lambda c, now: c.mark_agreement_done(
            number=number, at=body.at, actor=caller.actor, now=now
        ),
    )


def _reason_command(name: str, summary: str) -> None:
    """suspend, resume, withdraw, close and reopen all take `at` and `reason`."""

    def endpoint(
        case_id: UUID,
        body: ReasonBody,
        request: Request,
        service: ServiceDep,
        caller: Mediator,
        key: IdempotencyKey = None,
        if_match: IfMatch = None,
    ) -> JSONResponse:
        return change_complaint(
            service,
            caller,
            request,
            case_id,
            body,
            key,
            if_match,
            lambda c, now: getattr(c, name)(
                at=body.at, actor=caller.actor, now=now, reason=body.reason
            ),
        )

    endpoint.__name__ = name
    router.post(f"/{name}", response_model=ComplaintPublic, summary=summary)(endpoint)


for _name, _summary in [
    ("suspend", "Suspend the case (its decision clock pauses)"),
    ("resume", "Resume a suspended case"),
    ("withdraw", "Record that the complainant withdrew"),
    ("close", "Close the case"),
    ("reopen", "Reopen a closed or withdrawn case"),
]:
    _reason_command(_name, _summary)
