"""The complaint list (`/klachten`: filters, search by reference, pages) and one complaint's page
(`/klachten/{reference}`); the forms on it post to complaint_forms."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from api.dependencies import ServiceDep
from application.ports import CaseFilter
from application.roles import Action
from domain.values import Status
from web.case_page import show_case
from web.pages import Visitor, allowed_on_page, render

router = APIRouter(include_in_schema=False)
CaseReader = Annotated[Visitor, allowed_on_page(Action.READ_CASE)]
REFERENCE = re.compile(r"^[A-Z]-[0-9]{4}-[0-9]{5,9}$")
PAGE_SIZE = 25


@router.get("/klachten")
def complaint_list(
    request: Request,
    service: ServiceDep,
    visitor: CaseReader,
    zoek: Annotated[str | None, Query(max_length=40)] = None,
    status: Annotated[Status | None, Query()] = None,
    team: Annotated[str | None, Query(max_length=200)] = None,
    mijn: Annotated[bool, Query()] = False,
    signalering: Annotated[bool, Query()] = False,
    na: Annotated[str | None, Query(pattern=r"^[0-9]{1,18}$")] = None,
) -> HTMLResponse:
    reference = (zoek or "").strip().upper() or None
    search_error = ""
    if reference is not None and not REFERENCE.match(reference):
        search_error = "Zoek op een volledig kenmerk, bijvoorbeeld K-2026-00022."
        reference = None
    where = CaseFilter(
        case_type="complaint",
        status=str(status) if status else None,
        team=team.strip() or None if team else None,
        mediator=visitor.session.principal.name if mijn else None,
        flagged=True if signalering else None,
        reference=reference,
    )
    page = service.reads.page(where, PAGE_SIZE, na, visitor.who(request))
    filters = {
        "zoek": zoek or "",
        "status": str(status) if status else "",
        "team": team or "",
        "mijn": mijn,
        "signalering": signalering,
    }
    return render(
        request,
        "klachten.html",
        400 if search_error else 200,
        visitor=visitor,
        rows=page.rows,
        next_cursor=page.next_cursor,
        filters=filters,
        statuses=list(Status),
        search_error=search_error,
        may_register=visitor.may(Action.REGISTER_CASE),
    )


@router.get("/klachten/{reference}")
def complaint_page(
    request: Request,
    service: ServiceDep,
    visitor: CaseReader,
    reference: str,
    actie: Annotated[str | None, Query(max_length=40)] = None,
    gedaan: Annotated[str | None, Query(max_length=40)] = None,
) -> HTMLResponse:
    return show_case(request, service, visitor, reference, opened=actie, done=gedaan)
