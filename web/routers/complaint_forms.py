"""The forms on a complaint's page: each POST checks CSRF and the role, turns the form into the
named use case the API runs for the same command, and goes back to the page (303), or shows the
page again with the refusal in Dutch next to its field."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Request
from fastapi.responses import RedirectResponse, Response

from adapters.bootstrap import Service
from api.dependencies import ServiceDep
from api.schemas.common import AtBody
from application.complaint_use_cases import ChangeComplaint, MarkAgreementDone
from application.errors import ApplicationError
from application.roles import Action
from domain.errors import DomainError
from web.case_page import Refusal, case_id_of, show_case
from web.command_forms import BY_NAME
from web.forms import FormErrors, validated
from web.pages import PageError, SignedIn, Visitor, check_csrf
from web.refusals import field_of, in_dutch, status_of

router = APIRouter(include_in_schema=False)
REFUSED = PageError(
    403,
    "Dit mag uw rol niet",
    "Uw rol mag deze stap niet zetten. Vraag een collega met de juiste rol.",
)


def _version(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def run_on_case(
    request: Request,
    service: Service,
    visitor: Visitor,
    reference: str,
    command: ChangeComplaint,
    form: dict[str, str],
    form_name: str,
    field_ids: dict[str, str],
) -> Response:
    """Run the command as the API would (actor, idempotency key, expected version)."""
    try:
        service.commands.run(
            command,
            actor=visitor.session.principal.actor,
            key=form.get("sleutel") or None,
            expected_version=_version(form.get("versie", "")),
        )
    except (DomainError, ApplicationError) as refused:
        errors, message = FormErrors(), in_dutch(refused)
        target = field_ids.get(field_of(refused) or "")
        if target:
            errors.add(target, message)
            message = ""
        refusal = Refusal(form_name, form, errors, message)
        status = status_of(refused)
        return show_case(request, service, visitor, reference, refusal=refusal, status=status)
    done = quote(form_name)
    return RedirectResponse(f"/klachten/{reference}?gedaan={done}", status_code=303)


@router.post("/klachten/{reference}/afspraken/{number}/klaar")
async def agreement_done(
    request: Request,
    service: ServiceDep,
    visitor: SignedIn,
    reference: str,
    number: Annotated[int, Path(ge=1, le=10_000)],
) -> Response:
    form = {k: str(v) for k, v in (await request.form()).items()}
    check_csrf(visitor.csrf, form.get("csrf"))
    if not visitor.may(Action.WORK_CASE):
        raise REFUSED
    case_id = case_id_of(service, reference)
    body = AtBody(at=service.clock.now())
    command = MarkAgreementDone(case_id, number, body.at)
    return run_on_case(request, service, visitor, reference, command, form, "afspraken", {})


@router.post("/klachten/{reference}/{name}")
async def command(
    request: Request, service: ServiceDep, visitor: SignedIn, reference: str, name: str
) -> Response:
    form = {k: str(v) for k, v in (await request.form()).items()}
    check_csrf(visitor.csrf, form.get("csrf"))
    spec = BY_NAME.get(name)
    if spec is None:
        raise PageError(404, "Deze opdracht bestaat niet", "Ga terug naar de klacht.")
    if not visitor.may(spec.action):
        raise REFUSED
    case_id = case_id_of(service, reference)
    body, errors = validated(spec.schema, spec.body(form), spec.field_ids())
    if body is None:
        refusal = Refusal(name, form, errors)
        return show_case(request, service, visitor, reference, refusal=refusal, status=422)
    ids = {f.name: spec.field_id(f.name) for f in spec.fields}
    return run_on_case(
        request, service, visitor, reference, spec.command(case_id, body), form, name, ids
    )
