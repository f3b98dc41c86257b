"""`/mijn-gegevens`: who the signed-in person is, and their morning digest switched on or off
(the use case behind `PATCH /v1/me`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from api.dependencies import ServiceDep
from application.staff_use_cases import ChangeStaffMember
from web.pages import PageError, SignedIn, check_csrf, render

router = APIRouter(include_in_schema=False)


@router.get("/mijn-gegevens")
def my_details(
    request: Request,
    service: ServiceDep,
    visitor: SignedIn,
    gedaan: Annotated[bool, Query()] = False,
) -> Response:
    principal = visitor.session.principal
    record = service.staff.by_id(principal.member_id) if principal.member_id else None
    return render(request, "mijn_gegevens.html", visitor=visitor, record=record, done=gedaan)


@router.post("/mijn-gegevens")
def change_digest(
    service: ServiceDep,
    visitor: SignedIn,
    csrf: Annotated[str | None, Form(max_length=200)] = None,
    digest: Annotated[str, Form(pattern="^(aan|uit)$")] = "uit",
) -> Response:
    check_csrf(visitor.csrf, csrf)
    principal = visitor.session.principal
    if not principal.is_staff:
        raise PageError(409, "Geen medewerker", "Alleen medewerkers krijgen een ochtendoverzicht.")
    command = ChangeStaffMember(principal.name, digest=digest == "aan")
    service.commands.run(command, actor=principal.actor)
    return RedirectResponse("/mijn-gegevens?gedaan=true", status_code=303)
