"""Complaint endpoints: register, list, read (also as of a moment), history and every command."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from api.case_reads import add_case_reads, case_page
from api.commands import IdempotencyKey, run_command
from api.dependencies import ServiceDep, allowed
from api.schemas.complaints import (
    CasePage,
    ComplaintCreate,
    ComplaintPublic,
)
from application.cases_projection import CaseFilter
from application.casework import NewComplaint
from application.roles import Action
from application.tokens import Principal
from domain.complaint import Complaint

router = APIRouter(prefix="/v1/complaints", tags=["complaints"])

Registrar = Annotated[Principal, allowed(Action.REGISTER_CASE)]
Reader = Annotated[Principal, allowed(Action.READ_CASE)]
HistoryReader = Annotated[Principal, allowed(Action.READ_HISTORY)]


@router.post("", status_code=201, response_model=ComplaintPublic, summary="Register a complaint")
def register(
    body: ComplaintCreate,
    request: Request,
    service: ServiceDep,
    caller: Registrar,
    key: IdempotencyKey = None,
) -> JSONResponse:
    new = NewComplaint(
        received_at=body.received_at,
        channel=str(body.channel),
        complainant=body.complainant.model_dump(exclude_none=True),
        dossier_ref=body.dossier_ref,
        subject=body.subject,
        description=body.description,
        team=body.team,
        external_ref=body.external_ref,
    )
    return run_command(
        service,
        caller,
        request,
        body,
        key,
        lambda: service.casework.register(new, caller.actor),
        status=201,
    )


@router.get("", response_model=CasePage, summary="List complaints, newest first")
def list_complaints(
    service: ServiceDep,
    caller: Reader,
    status: str | None = None,
    team: str | None = None,
    mediator: str | None = None,
    flagged: bool | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(pattern=r"^[0-9]{1,18}$")] = None,
) -> CasePage:
    if mediator == "me":
        mediator = caller.name
    where = CaseFilter(
        case_type="complaint", status=status, team=team, mediator=mediator, flagged=flagged
    )
    return case_page(service, where, limit, cursor)


add_case_reads(router, Complaint, ComplaintPublic)
