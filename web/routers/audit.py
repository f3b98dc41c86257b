"""The auditor's pages: `/audit` (a case's timeline step by step and as known at a moment),
`/audit/keten` (the hash chain recomputed) and `/audit/toegang` (the access log, filtered)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.dependencies import ServiceDep
from application.errors import CaseNotFound
from application.ports import AccessQuery
from application.roles import Action
from domain.calendar import AMSTERDAM
from domain.complaint import Complaint
from domain.signal import Signal
from web import page_words
from web.page_parts import case_id_of, local_moment, looker
from web.pages import PageError, Visitor, allowed_on_page, render

router = APIRouter(include_in_schema=False)
Auditor = Annotated[Visitor, allowed_on_page(Action.READ_AUDIT)]
Reference = Annotated[str, Query(max_length=40)]
MomentText = Annotated[str, Query(max_length=40)]
PAGE_SIZE = 100
__all__ = ["page_words", "router"]


def _kind(reference: str) -> tuple[str, Any]:
    """A case type and its aggregate class, told by the reference's letter (S- or K-)."""
    return ("signal", Signal) if reference.upper().startswith("S-") else ("complaint", Complaint)


def _moment(text: str, label: str) -> datetime | None:
    moment = local_moment(text)
    if moment is not None and not isinstance(moment, datetime):
        raise PageError(
            422,
            f"{label}: geen geldig tijdstip",
            "Vul een datum en tijd in, bijvoorbeeld 16-03-2026 10:30, en probeer het opnieuw.",
        )
    return moment


@router.get("/audit")
def audit_page(
    request: Request,
    service: ServiceDep,
    visitor: Auditor,
    kenmerk: Reference = "",
    stap: Annotated[int | None, Query(ge=1, le=1_000_000)] = None,
    per: MomentText = "",
) -> Response:
    reference = kenmerk.strip().upper()
    context: dict[str, Any] = {"reference": reference, "per": per, "steps": None}
    if reference:
        who = looker(request, visitor, service)
        case_type, kind = _kind(reference)
        case_id = case_id_of(service, who, case_type, reference)
        steps = service.reads.timeline(kind, case_id, who)
        chosen = min(stap or len(steps), len(steps))
        step = steps[chosen - 1]
        recorded = step.entry.recorded_at.astimezone(AMSTERDAM).strftime("%Y-%m-%dT%H:%M")
        context |= {"steps": steps, "chosen": chosen, "step": step, "step_moment": recorded}
        as_of = _moment(per, "Stand op")
        if as_of is not None:
            try:
                known = service.reads.case(kind, case_id, who, as_of)
            except CaseNotFound:
                known = None
            context |= {"as_of": as_of, "known": known}
    return render(request, "audit.html", visitor=visitor, **context)


@router.get("/audit/keten")
def chain_page(request: Request, service: ServiceDep, visitor: Auditor) -> Response:
    result = service.audit.verify()
    checked_at = service.clock.now()
    return render(
        request, "audit_keten.html", visitor=visitor, result=result, checked_at=checked_at
    )


@router.get("/audit/toegang")
def access_page(
    request: Request,
    service: ServiceDep,
    visitor: Auditor,
    kenmerk: Reference = "",
    persoon: Annotated[str, Query(max_length=40)] = "",
    gebruiker: Annotated[str, Query(max_length=200)] = "",
    van: MomentText = "",
    tot: MomentText = "",
    zaak: UUID | None = None,
    na: Annotated[str | None, Query(pattern=r"^[0-9]{1,18}$")] = None,
) -> Response:
    who = looker(request, visitor, service)
    reference = kenmerk.strip().upper()
    case_id = zaak
    if reference:
        case_type, _ = _kind(reference)
        case_id = case_id_of(service, who, case_type, reference)
    person_id = None
    if persoon.strip():
        try:
            person_id = UUID(persoon.strip())
        except ValueError:
            raise PageError(
                422,
                "Persoon: geen geldig nummer",
                "Een persoonsnummer ziet eruit als 3f2b…-…; kopieer het uit het toegangslog.",
            ) from None
    where = AccessQuery(
        case_id=case_id,
        person_id=person_id,
        user=gebruiker.strip() or None,
        since=_moment(van, "Van"),
        until=_moment(tot, "Tot"),
    )
    page = service.access.page(who, where, na, PAGE_SIZE)
    filters = {"kenmerk": reference, "persoon": persoon, "gebruiker": gebruiker, "van": van}
    return render(
        request,
        "audit_toegang.html",
        visitor=visitor,
        records=page.items,
        next_cursor=page.next_cursor,
        filters=filters | {"tot": tot, "zaak": str(zaak) if zaak else ""},
    )
