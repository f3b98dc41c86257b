"""Intake: `/klachten/nieuw`, a complaint registered by form; each mistake is shown next to its
field and listed, with a link to the field, at the top."""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from api.dependencies import ServiceDep
from api.schemas.complaints import ComplaintCreate
from application.roles import Action
from domain.errors import DomainError
from domain.values import Channel
from web.forms import FormErrors, local_input, moment, validated
from web.pages import Visitor, allowed_on_page, check_csrf, render
from web.refusals import field_of, in_dutch

router = APIRouter(include_in_schema=False)
Registrar = allowed_on_page(Action.REGISTER_CASE)
FIELDS: dict[tuple[str | int, ...], str] = {
    ("received_at",): "ontvangen",
    ("channel",): "kanaal",
    ("complainant", "name"): "naam",
    ("complainant",): "naam",
    ("complainant", "email"): "email",
    ("complainant", "phone"): "telefoon",
    ("dossier_ref",): "dossier",
    ("subject",): "onderwerp",
    ("description",): "omschrijving",
    ("team",): "team",
}
"""The schema's fields and the form's inputs, in the order of the form."""


def body_of(form: dict[str, str]) -> dict[str, Any]:
    text = {key: value.strip() for key, value in form.items()}
    return {
        "received_at": moment(text.get("ontvangen")),
        "channel": text.get("kanaal") or None,
        "complainant": {
            "name": text.get("naam") or None,
            "email": text.get("email") or None,
            "phone": text.get("telefoon") or None,
        },
        "dossier_ref": text.get("dossier") or None,
        "subject": text.get("onderwerp") or None,
        "description": text.get("omschrijving", ""),
        "team": text.get("team") or None,
    }


def intake_form(
    request: Request,
    visitor: Visitor,
    values: dict[str, str],
    errors: FormErrors | None = None,
    status: int = 200,
) -> Response:
    return render(
        request,
        "nieuwe_klacht.html",
        status,
        visitor=visitor,
        values=values,
        errors=errors or FormErrors(),
        channels=[channel for channel in Channel if channel != Channel.SIGNAL],
        key=secrets.token_urlsafe(16),
    )


@router.get("/klachten/nieuw")
def new_complaint(request: Request, service: ServiceDep, visitor: Visitor = Registrar) -> Response:
    values = {
        "ontvangen": local_input(service.clock.now()),
        "team": visitor.session.principal.team or "",
    }
    return intake_form(request, visitor, values)


@router.post("/klachten/nieuw")
async def register(request: Request, service: ServiceDep, visitor: Visitor = Registrar) -> Response:
    form = {key: str(value) for key, value in (await request.form()).items()}
    check_csrf(visitor.csrf, form.get("csrf"))
    body, errors = validated(ComplaintCreate, body_of(form), FIELDS)
    if body is None:
        return intake_form(request, visitor, form, errors, 422)
    try:
        view = service.commands.run(
            body.command(), actor=visitor.session.principal.actor, key=form.get("sleutel") or None
        )
    except DomainError as refused:
        field = {"at": "ontvangen"}.get(field_of(refused) or "", "ontvangen")
        errors.add(field, in_dutch(refused))
        return intake_form(request, visitor, form, errors, 422)
    return RedirectResponse(f"/klachten/{view.case.reference}?gedaan=nieuw", status_code=303)
