"""The administrator's privacy pages: `/beheer/privacy` (erasure and subject-access requests,
with the export), and `/beheer/bewaren` (destruction lists: propose, approve as a second
person; legal holds by case reference)."""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from api.dependencies import ServiceDep
from api.schemas.admin import ErasureRequest
from api.schemas.privacy import HoldBody, SubjectAccessCreate
from application.erasure import ErasePerson
from application.errors import CaseNotFound
from application.roles import Action
from application.subject_access import RequestSubjectAccess
from domain.errors import NotAllowed
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
Eraser = Annotated[Visitor, allowed_on_page(Action.ERASE_PERSON)]
Answerer = Annotated[Visitor, allowed_on_page(Action.ANSWER_SUBJECT_ACCESS)]
Approver = Annotated[Visitor, allowed_on_page(Action.APPROVE_DESTRUCTION)]
Proposer = Annotated[Visitor, allowed_on_page(Action.PROPOSE_DESTRUCTION)]
Holder = Annotated[Visitor, allowed_on_page(Action.HOLD_CASE)]
Csrf = Annotated[str | None, Form(max_length=200)]
Field = Annotated[str, Form(max_length=500)]
Notice = Annotated[str, Query(max_length=40)]
NOTICES = {
    "gewist": "De persoonsgegevens zijn gewist. Overal staat nu [erased]; de rest blijft.",
    "niets-gewist": "Er was niets (meer) te wissen.",
    "voorgesteld": "De vernietigingslijst is voorgesteld. Een tweede persoon moet hem goedkeuren.",
    "niets-te-vernietigen": "Er is nu niets dat volgens de bewaartermijnen weg moet.",
    "goedgekeurd": "De lijst is goedgekeurd: de persoonsgegevens van die zaken zijn vernietigd.",
    "vastgezet": "De zaak staat nu onder bewaarplicht en komt op geen vernietigingslijst.",
    "vrijgegeven": "De bewaarplicht is opgeheven.",
}


def _case_type(reference: str) -> str:
    return "signal" if reference.upper().startswith("S-") else "complaint"


@router.get("/beheer/privacy")
def privacy_page(
    request: Request, service: ServiceDep, visitor: Eraser, melding: Notice = ""
) -> Response:
    return _privacy(request, service, visitor, notice=NOTICES.get(melding, ""))


def _privacy(
    request: Request,
    service: ServiceDep,
    visitor: Visitor,
    status: int = 200,
    *,
    notice: str = "",
    error: str = "",
) -> Response:
    return render(
        request,
        "beheer_privacy.html",
        status,
        visitor=visitor,
        notice=notice,
        error=error,
        now=now_local(service),
    )


@router.post("/beheer/privacy/wissen")
def erase(
    request: Request,
    service: ServiceDep,
    visitor: Eraser,
    csrf: Csrf = None,
    email: Field = "",
    kenmerk: Field = "",
) -> Response:
    check_csrf(visitor.csrf, csrf)
    reference = kenmerk.strip().upper()
    case_id = None
    if reference:
        case_id = case_id_of(
            service, looker(request, visitor, service), _case_type(reference), reference
        )
    body = {"complainant_email": email.strip() or None, "case_id": case_id}
    form, _ = validated(ErasureRequest, body)
    if form is None:
        error = "Vul óf een e-mailadres óf een kenmerk in (niet allebei), en controleer het."
        return _privacy(request, service, visitor, 422, error=error)
    result = run_as(service, visitor, ErasePerson(form.complainant_email, form.case_id))
    return see_other(f"/beheer/privacy?melding={'gewist' if result.erased else 'niets-gewist'}")


@router.post("/beheer/privacy/inzage")
def request_access(
    request: Request,
    service: ServiceDep,
    visitor: Answerer,
    csrf: Csrf = None,
    email: Field = "",
    received_at: Field = "",
) -> Response:
    check_csrf(visitor.csrf, csrf)
    body = {"complainant_email": email.strip(), "received_at": local_moment(received_at)}
    form, errors = validated(SubjectAccessCreate, body)
    if form is None:
        error = "Controleer het inzageverzoek: " + " ".join(errors.values())
        return _privacy(request, service, visitor, 422, error=error)
    received = form.received_at or service.clock.now()
    try:
        view = run_as(service, visitor, RequestSubjectAccess(form.complainant_email, received))
    except REFUSED as refused:
        return _privacy(request, service, visitor, 422, error=dutch_error(refused))
    return see_other(f"/beheer/inzage/{view.request.id}")


@router.get("/beheer/inzage/{request_id}")
def access_request(
    request: Request, service: ServiceDep, visitor: Answerer, request_id: UUID
) -> Response:
    try:
        view = service.subject_access.view(request_id)
    except CaseNotFound:
        raise PageError(404, "Dit inzageverzoek bestaat niet", "Registreer het opnieuw.") from None
    return render(request, "beheer_inzage.html", visitor=visitor, view=view)


@router.get("/beheer/inzage/{request_id}/export")
def export(
    request: Request,
    service: ServiceDep,
    visitor: Answerer,
    request_id: UUID,
    formaat: Literal["html", "json"] = "html",
) -> Response:
    """Exactly the API's export: logged, and the first download stops the clock."""
    who = looker(request, visitor, service)
    content, media_type = service.render_subject_access(
        service.subject_access.export(request_id, who), formaat
    )
    response = Response(content, media_type=media_type)
    response.headers["content-disposition"] = (
        f'attachment; filename="inzage-{request_id}.{formaat}"'
    )
    if formaat == "html":
        response.headers["content-security-policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'"
        )
    return response


@router.get("/beheer/bewaren")
def retention_page(
    request: Request, service: ServiceDep, visitor: Approver, melding: Notice = ""
) -> Response:
    return _retention(request, service, visitor, notice=NOTICES.get(melding, ""))


def _retention(
    request: Request,
    service: ServiceDep,
    visitor: Visitor,
    status: int = 200,
    *,
    notice: str = "",
    error: str = "",
) -> Response:
    lists = sorted(service.retention.lists(), key=lambda r: r.proposed_at, reverse=True)
    return render(
        request,
        "beheer_bewaren.html",
        status,
        visitor=visitor,
        lists=lists,
        policy=service.retention.policy,
        notice=notice,
        error=error,
    )


@router.post("/beheer/bewaren/voorstellen")
def propose(
    request: Request, service: ServiceDep, visitor: Proposer, csrf: Csrf = None
) -> Response:
    check_csrf(visitor.csrf, csrf)
    proposed = service.retention.propose(visitor.session.principal.actor)
    return see_other(
        f"/beheer/bewaren?melding={'voorgesteld' if proposed else 'niets-te-vernietigen'}"
    )


@router.post("/beheer/bewaren/{list_id}/goedkeuren")
def approve(
    request: Request, service: ServiceDep, visitor: Approver, list_id: UUID, csrf: Csrf = None
) -> Response:
    check_csrf(visitor.csrf, csrf)
    try:
        service.retention.approve(list_id, visitor.session.principal.actor)
    except NotAllowed:
        error = "Goedkeuren doet een tweede persoon: niet degene die de lijst voorstelde."
        return _retention(request, service, visitor, 409, error=error)
    except CaseNotFound:
        raise PageError(404, "Deze lijst bestaat niet", "Kies een lijst op deze pagina.") from None
    return see_other("/beheer/bewaren?melding=goedgekeurd")


@router.post("/beheer/bewaren/bewaarplicht")
def hold(
    request: Request,
    service: ServiceDep,
    visitor: Holder,
    csrf: Csrf = None,
    kenmerk: Field = "",
    reason: Field = "",
    lift: Annotated[str, Form(pattern="^(|ja)$")] = "",
) -> Response:
    check_csrf(visitor.csrf, csrf)
    reference = kenmerk.strip().upper()
    if not reference:
        return _retention(request, service, visitor, 422, error="Vul het kenmerk van de zaak in.")
    case_id = case_id_of(
        service, looker(request, visitor, service), _case_type(reference), reference
    )
    actor = visitor.session.principal.actor
    try:
        if lift:
            service.retention.lift_hold(case_id, actor)
        else:
            form, _ = validated(HoldBody, {"reason": reason})
            if form is None:
                error = "Vul de reden van de bewaarplicht in."
                return _retention(request, service, visitor, 422, error=error)
            service.retention.place_hold(case_id, form.reason, actor)
    except REFUSED as refused:
        return _retention(request, service, visitor, 409, error=dutch_error(refused))
    return see_other(f"/beheer/bewaren?melding={'vrijgegeven' if lift else 'vastgezet'}")
