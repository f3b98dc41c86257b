"""STEM answers in the console: `/stem` registers one questionnaire answer as the API does; a
low or falling score opens a signal, and the page says which."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from api.dependencies import ServiceDep
from api.schemas.signals import StemResponseCreate
from application.ports import AccessAction
from application.roles import Action
from domain.signal import Signal
from web.page_parts import (
    REFUSED,
    dutch_error,
    local_moment,
    looker,
    now_local,
    run_as,
    see_other,
    validated,
)
from web.pages import Visitor, allowed_on_page, check_csrf, render

router = APIRouter(include_in_schema=False)
Recorder = Annotated[Visitor, allowed_on_page(Action.RECORD_STEM)]
Field = Annotated[str, Form(max_length=2000)]
LABELS = {
    "dossier_ref": "Dossiernummer",
    "answered_at": "Ingevuld op",
    "collaboration": "Samenwerking",
    "heard": "Gehoord voelen",
    "agreements_clear": "Duidelijke afspraken",
    "comment": "Toelichting",
}


@router.get("/stem")
def stem_form(
    request: Request,
    service: ServiceDep,
    visitor: Recorder,
    signaal: Annotated[str, Query(pattern=r"^(|S-[0-9]{4}-[0-9]{1,9})$")] = "",
    vastgelegd: Annotated[str, Query(pattern="^(|ja)$")] = "",
) -> Response:
    values = {"answered_at": now_local(service)}
    return _form(request, visitor, values, {}, signal=signaal, recorded=bool(vastgelegd))


def _form(
    request: Request,
    visitor: Visitor,
    values: dict[str, str],
    errors: dict[str, str],
    status: int = 200,
    *,
    signal: str = "",
    recorded: bool = False,
) -> Response:
    return render(
        request,
        "stem.html",
        status,
        visitor=visitor,
        values=values,
        errors=errors,
        labels=LABELS,
        signal=signal,
        recorded=recorded,
    )


@router.post("/stem")
def record(
    request: Request,
    service: ServiceDep,
    visitor: Recorder,
    csrf: Annotated[str | None, Form(max_length=200)] = None,
    dossier_ref: Field = "",
    answered_at: Field = "",
    collaboration: Field = "",
    heard: Field = "",
    agreements_clear: Field = "",
    comment: Field = "",
) -> Response:
    check_csrf(visitor.csrf, csrf)
    scores = {"collaboration": collaboration, "heard": heard, "agreements_clear": agreements_clear}
    shown = {"dossier_ref": dossier_ref, "answered_at": answered_at, "comment": comment} | scores
    body = {
        "dossier_ref": dossier_ref,
        "answered_at": local_moment(answered_at),
        "scores": {k: int(v) if v.isdigit() else None for k, v in scores.items()},
        "comment": comment.strip() or None,
    }
    form, errors = validated(StemResponseCreate, body)
    if form is None:
        for name in scores.keys() & errors.keys():
            errors[name] = "Kies een cijfer van 1 tot en met 5."
        return _form(request, visitor, shown, errors, 422)
    try:
        answer = run_as(service, visitor, form.command())
    except REFUSED as refused:
        return _form(request, visitor, shown, {"answered_at": dutch_error(refused)}, 422)
    who = looker(request, visitor, service)
    if answer.signal_id is None:
        service.access.cases(who, AccessAction.COMMAND, [])
        return see_other("/stem?vastgelegd=ja")
    service.access.cases(who, AccessAction.COMMAND, [answer.signal_id])
    reference = service.reads.case(Signal, answer.signal_id, who, None).case.reference
    return see_other(f"/stem?vastgelegd=ja&signaal={reference}")
