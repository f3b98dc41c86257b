"""The administrator's staff pages: `/beheer` lists the staff, adds a member, changes a
member's role or team, disables or enables them, and makes a token that acts as a member."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from api.dependencies import ServiceDep
from api.schemas.staff import StaffChange, StaffCreate
from application.errors import TokenNameTaken
from application.roles import Action, Role
from application.staff_use_cases import AddStaffMember, ChangeStaffMember
from domain.errors import NotAllowed
from web import page_words
from web.page_parts import REFUSED, dutch_error, run_as, see_other, validated
from web.pages import PageError, Visitor, allowed_on_page, check_csrf, render

router = APIRouter(include_in_schema=False)
Admin = Annotated[Visitor, allowed_on_page(Action.MANAGE_STAFF)]
Csrf = Annotated[str | None, Form(max_length=200)]
Field = Annotated[str, Form(max_length=500)]
NOTICES = {
    "toegevoegd": "De medewerker is toegevoegd. Stel een wachtwoord in met "
    "`gehoord users set-password`, of laat de medewerker aanmelden via de organisatie.",
    "gewijzigd": "De wijziging is opgeslagen.",
    "uitgeschakeld": "De medewerker is uitgeschakeld: sessies en tokens werken niet meer.",
    "ingeschakeld": "De medewerker kan weer aanmelden.",
}
LABELS = {"email": "E-mailadres", "name": "Naam", "role": "Rol", "team": "Team"}


@router.get("/beheer")
def staff_page(
    request: Request,
    service: ServiceDep,
    visitor: Admin,
    melding: Annotated[str, Query(max_length=40)] = "",
) -> Response:
    return _page(request, service, visitor, notice=NOTICES.get(melding, ""))


def _page(
    request: Request,
    service: ServiceDep,
    visitor: Visitor,
    status: int = 200,
    *,
    notice: str = "",
    error: str = "",
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    token: str = "",
    token_for: str = "",
) -> Response:
    return render(
        request,
        "beheer.html",
        status,
        visitor=visitor,
        staff=sorted(service.staff.all(), key=lambda m: (not m.active, m.name.lower())),
        roles=list(Role),
        role_words=page_words.ROLES,
        notice=notice,
        error=error,
        values=values or {"role": "mediator"},
        errors=errors or {},
        labels=LABELS,
        token=token,
        token_for=token_for,
    )


@router.post("/beheer/medewerkers")
def add_member(
    request: Request,
    service: ServiceDep,
    visitor: Admin,
    csrf: Csrf = None,
    email: Field = "",
    name: Field = "",
    role: Field = "",
    team: Field = "",
) -> Response:
    check_csrf(visitor.csrf, csrf)
    values = {"email": email, "name": name, "role": role, "team": team}
    body = {"email": email.strip(), "name": name, "role": role, "team": team.strip() or None}
    form, errors = validated(StaffCreate, body)
    if form is None:
        return _page(request, service, visitor, 422, values=values, errors=errors)
    try:
        run_as(service, visitor, AddStaffMember(form.email, form.name, form.role, form.team))
    except REFUSED as refused:
        message = dutch_error(refused)
        if isinstance(refused, NotAllowed):  # the one rule adding can break
            message = "Er is al een medewerker met dit e-mailadres."
        return _page(request, service, visitor, 409, values=values, errors={"email": message})
    return see_other("/beheer?melding=toegevoegd")


@router.post("/beheer/medewerkers/{member_id}")
def change_member(
    request: Request,
    service: ServiceDep,
    visitor: Admin,
    member_id: str,
    csrf: Csrf = None,
    role: Field = "",
    team: Field = "",
    active: Annotated[str, Form(pattern="^(|aan|uit)$")] = "",
) -> Response:
    check_csrf(visitor.csrf, csrf)
    member = service.staff.by_id(member_id)
    if member is None:
        raise PageError(404, "Deze medewerker bestaat niet", "Kies een medewerker uit de lijst.")
    body: dict[str, object] = {}
    if active:
        body["active"] = active == "aan"
    else:
        body |= {"role": role or None, "team": team.strip() or None}
    form, errors = validated(StaffChange, body)
    if form is None:
        return _page(request, service, visitor, 422, error=" ".join(errors.values()))
    change = ChangeStaffMember(member.email, **form.model_dump(exclude_none=True))
    try:
        run_as(service, visitor, change)
    except REFUSED as refused:
        return _page(request, service, visitor, 409, error=dutch_error(refused))
    outcome = {"aan": "ingeschakeld", "uit": "uitgeschakeld"}.get(active, "gewijzigd")
    return see_other(f"/beheer?melding={outcome}")


@router.post("/beheer/tokens")
def create_token(
    request: Request,
    service: ServiceDep,
    visitor: Admin,
    csrf: Csrf = None,
    member_id: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    """The one form answered with a page instead of a redirect: the secret is shown once and
    kept nowhere, so no later page could show it."""
    check_csrf(visitor.csrf, csrf)
    member = service.staff.by_id(member_id)
    if member is None or not member.active:
        return _page(request, service, visitor, 422, error="Kies een actieve medewerker.")
    try:  # as `gehoord tokens create --user`: the member's role, a name of its own
        name = f"{member.email}:{secrets.token_hex(3)}"
        secret = service.tokens.create(Role(member.role), name, member.member_id)
    except TokenNameTaken:
        return _page(request, service, visitor, 409, error="Probeer het nog eens.")
    return _page(request, service, visitor, 201, token=secret, token_for=member.name)
