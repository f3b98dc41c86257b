"""Signals in the console: `/signalen` (list), `/signalen/nieuw` (intake form) and
`/signalen/{reference}` (the signal, its clocks and history, and its commands as forms)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar
from uuid import UUID

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from api.dependencies import ServiceDep
from api.schemas.common import AtBody
from api.schemas.signals import ResolveBody, SignalConversationBody, SignalCreate
from application import signal_use_cases as use_cases
from application.ports import AccessAction, CaseFilter
from application.roles import Action
from application.use_case import CaseView, Command
from domain.errors import NotAllowed
from domain.signal import Signal
from domain.values import SignalChannel, SignalStatus
from web import page_words
from web.page_parts import (
    REFUSED,
    case_id_of,
    dutch_error,
    local_moment,
    looker,
    now_local,
    run_as,
    see_other,
    validated,
)
from web.pages import PageError, Visitor, allowed_on_page, check_csrf, render

router = APIRouter(include_in_schema=False)
M = TypeVar("M", bound=BaseModel)
Reader = Annotated[Visitor, allowed_on_page(Action.READ_CASE)]
Registrar = Annotated[Visitor, allowed_on_page(Action.REGISTER_CASE)]
Acknowledger = Annotated[Visitor, allowed_on_page(Action.ACKNOWLEDGE_CASE)]
Mediator = Annotated[Visitor, allowed_on_page(Action.WORK_CASE)]
Csrf = Annotated[str | None, Form(max_length=200)]
Field = Annotated[str, Form(max_length=20_000)]
Reference = Annotated[str, Path(max_length=40)]
PAGE_SIZE = 50


@router.get("/signalen")
def signal_list(
    request: Request,
    service: ServiceDep,
    visitor: Reader,
    status: Annotated[str, Query(max_length=40)] = "",
    team: Annotated[str, Query(max_length=200)] = "",
    kenmerk: Annotated[str, Query(max_length=40)] = "",
    na: Annotated[str | None, Query(pattern=r"^[0-9]{1,18}$")] = None,
) -> Response:
    if status and status not in set(SignalStatus):
        raise PageError(422, "Onbekende status", "Kies een status uit de lijst.")
    where = CaseFilter(
        case_type="signal",
        status=status or None,
        team=team.strip() or None,
        reference=kenmerk.strip() or None,
    )
    page = service.reads.page(where, PAGE_SIZE, na, looker(request, visitor, service))
    filters = {"status": status, "team": team, "kenmerk": kenmerk}
    return render(
        request,
        "signalen.html",
        visitor=visitor,
        rows=page.rows,
        next_cursor=page.next_cursor,
        filters=filters,
        statuses=list(SignalStatus),
    )


@router.get("/signalen/nieuw")
def new_signal_form(request: Request, service: ServiceDep, visitor: Registrar) -> Response:
    values = {"received_at": now_local(service), "channel": "phone", "team": ""}
    return _new_form(request, visitor, values, {})


@router.post("/signalen")
def register_signal(
    request: Request,
    service: ServiceDep,
    visitor: Registrar,
    csrf: Csrf = None,
    received_at: Field = "",
    channel: Field = "",
    dossier_ref: Field = "",
    summary: Field = "",
    team: Field = "",
    name: Field = "",
    email: Field = "",
    phone: Field = "",
) -> Response:
    check_csrf(visitor.csrf, csrf)
    shown = {
        "received_at": received_at,
        "channel": channel,
        "dossier_ref": dossier_ref,
        "summary": summary,
        "team": team,
        "name": name,
        "email": email,
        "phone": phone,
    }
    body: dict[str, Any] = {
        "received_at": local_moment(received_at),
        "channel": channel or None,
        "dossier_ref": dossier_ref,
        "summary": summary,
        "team": team.strip() or "unassigned",
    }
    if name.strip() or email.strip() or phone.strip():
        body["complainant"] = {
            "name": name,
            "email": email.strip() or None,
            "phone": phone.strip() or None,
        }
    form, errors = validated(SignalCreate, body)
    if "name" in errors:  # optional, unless the person is to be reached
        errors["name"] = "Vul ook een naam in als u een e-mailadres of telefoonnummer invult."
    if form is None:
        return _new_form(request, visitor, shown, errors, 422)
    try:
        view = run_as(service, visitor, form.command())
    except REFUSED as refused:
        return _new_form(request, visitor, shown, {"received_at": dutch_error(refused)}, 422)
    service.access.cases(looker(request, visitor, service), AccessAction.COMMAND, [view.case.id])
    return see_other(f"/signalen/{view.case.reference}")


def _new_form(
    request: Request,
    visitor: Visitor,
    values: dict[str, str],
    errors: dict[str, str],
    status: int = 200,
) -> Response:
    return render(
        request,
        "signaal_nieuw.html",
        status,
        visitor=visitor,
        values=values,
        errors=errors,
        channels=list(SignalChannel),
        channel_words=page_words.CHANNELS,
    )


@router.get("/signalen/{reference}")
def signal_page(
    request: Request, service: ServiceDep, visitor: Reader, reference: Reference
) -> Response:
    return _signal_page(request, service, visitor, reference)


def _signal_page(
    request: Request,
    service: ServiceDep,
    visitor: Visitor,
    reference: Reference,
    error: str = "",
    status: int = 200,
) -> Response:
    who = looker(request, visitor, service)
    case_id = case_id_of(service, who, "signal", reference)
    view = service.reads.case(Signal, case_id, who, None)
    history = (
        service.reads.history(Signal, case_id, who) if visitor.may(Action.READ_HISTORY) else None
    )
    return render(
        request,
        "signaal.html",
        status,
        visitor=visitor,
        signal=view.case,
        deadlines=view.deadlines,
        history=history,
        error=error,
        now=now_local(service),
        may_acknowledge=visitor.may(Action.ACKNOWLEDGE_CASE),
        may_work=visitor.may(Action.WORK_CASE),
    )


def _command(
    request: Request,
    service: ServiceDep,
    visitor: Visitor,
    reference: Reference,
    values: dict[str, Any],
    model: type[M],
    make: Callable[[UUID, M], Command[CaseView]],
) -> Response:
    """Check the form with the API's own schema, run the command, and go back to the signal
    (or to the complaint it became); refused, the signal again with the reason in Dutch."""
    who = looker(request, visitor, service)
    case_id = case_id_of(service, who, "signal", reference)
    checked, errors = validated(model, values | {"at": local_moment(values.get("at"))})
    if checked is None:
        message = "Controleer het formulier: " + " ".join(errors.values())
        return _signal_page(request, service, visitor, reference, message, 422)
    try:
        view = run_as(service, visitor, make(case_id, checked))
    except REFUSED as refused:
        status = 409 if isinstance(refused, NotAllowed) else 422
        return _signal_page(request, service, visitor, reference, dutch_error(refused), status)
    service.access.cases(who, AccessAction.COMMAND, [view.case.id])
    if isinstance(view.case, Signal):
        return see_other(f"/signalen/{view.case.reference}")
    return see_other(f"/klachten/{view.case.reference}")


@router.post("/signalen/{reference}/bevestigen")
def acknowledge(
    request: Request,
    service: ServiceDep,
    visitor: Acknowledger,
    reference: Reference,
    csrf: Csrf = None,
    at: Field = "",
) -> Response:
    check_csrf(visitor.csrf, csrf)

    def make(case_id: UUID, form: AtBody) -> Command[CaseView]:
        return use_cases.AcknowledgeSignal(case_id, form.at)

    return _command(request, service, visitor, reference, {"at": at}, AtBody, make)


@router.post("/signalen/{reference}/gesprek")
def hold_conversation(
    request: Request,
    service: ServiceDep,
    visitor: Mediator,
    reference: Reference,
    csrf: Csrf = None,
    at: Field = "",
    participants: Field = "",
    outcome: Field = "",
) -> Response:
    check_csrf(visitor.csrf, csrf)
    names = [line.strip() for line in participants.splitlines() if line.strip()]

    def make(case_id: UUID, form: SignalConversationBody) -> Command[CaseView]:
        return use_cases.HoldSignalConversation(
            case_id, form.at, tuple(form.participants), form.outcome
        )

    values = {"at": at, "participants": names, "outcome": outcome}
    return _command(request, service, visitor, reference, values, SignalConversationBody, make)


@router.post("/signalen/{reference}/oplossen")
def resolve(
    request: Request,
    service: ServiceDep,
    visitor: Mediator,
    reference: Reference,
    csrf: Csrf = None,
    at: Field = "",
    outcome: Field = "",
) -> Response:
    check_csrf(visitor.csrf, csrf)

    def make(case_id: UUID, form: ResolveBody) -> Command[CaseView]:
        return use_cases.ResolveSignal(case_id, form.at, form.outcome)

    values = {"at": at, "outcome": outcome}
    return _command(request, service, visitor, reference, values, ResolveBody, make)


@router.post("/signalen/{reference}/escaleren")
def escalate(
    request: Request,
    service: ServiceDep,
    visitor: Mediator,
    reference: Reference,
    csrf: Csrf = None,
    at: Field = "",
) -> Response:
    check_csrf(visitor.csrf, csrf)

    def make(case_id: UUID, form: AtBody) -> Command[CaseView]:
        return use_cases.EscalateSignal(case_id, form.at)

    return _command(request, service, visitor, reference, {"at": at}, AtBody, make)
