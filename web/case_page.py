"""One complaint's page: summary, deadlines explained, open flags, agreements, the history as a
timeline and each command the visitor's role may give as a form. Shown after a GET, and again
(with the refusal next to its field) when a form's command was refused."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from adapters.bootstrap import Service
from application.errors import CaseNotFound
from application.roles import Action, Role
from domain.complaint import Complaint
from web.command_forms import AGREEMENT_ROWS, BY_NAME, FORMS
from web.forms import FormErrors, local_input
from web.pages import PageError, Visitor, render

REFERENCE = re.compile(r"^K-[0-9]{4}-[0-9]{5,9}$")
NOT_FOUND = PageError(
    404,
    "Deze klacht bestaat niet",
    "Controleer het kenmerk (bijvoorbeeld K-2026-00022) of zoek de klacht op in de lijst met "
    "klachten.",
)

DONE = {"nieuw": "Klacht geregistreerd", "afspraken": "Afspraak nagekomen"}


@dataclass
class Refusal:
    """A form that was sent back: which, the values as typed, and what was wrong."""

    form: str
    values: dict[str, str] = field(default_factory=dict)
    errors: FormErrors = field(default_factory=FormErrors)
    message: str = ""


def case_id_of(service: Service, reference: str) -> Any:
    case_id = service.reads.find("complaint", reference) if REFERENCE.match(reference) else None
    if case_id is None:
        raise NOT_FOUND
    return case_id


def show_case(
    request: Request,
    service: Service,
    visitor: Visitor,
    reference: str,
    *,
    opened: str | None = None,
    done: str | None = None,
    refusal: Refusal | None = None,
    status: int = 200,
) -> HTMLResponse:
    case_id = case_id_of(service, reference)
    who = visitor.who(request)
    try:
        if visitor.may(Action.READ_HISTORY):
            view, history = service.reads.case_with_history(Complaint, case_id, who)
        else:
            view, history = service.reads.case(Complaint, case_id, who, None), []
    except CaseNotFound:
        raise NOT_FOUND from None
    forms = [form for form in FORMS if visitor.may(form.action)]
    mediators = [
        member for member in service.staff.all() if member.active and member.role == Role.MEDIATOR
    ]
    return render(
        request,
        "klacht.html",
        status,
        visitor=visitor,
        case=view.case,
        deadlines=view.deadlines,
        flags=[flag for _, flag in sorted(view.case.open_flags.items())],
        history=history,
        forms=forms,
        may_work=visitor.may(Action.WORK_CASE),
        mediators=mediators,
        opened=refusal.form if refusal else opened,
        done=BY_NAME[done].title if done in BY_NAME else DONE.get(done or ""),
        refusal=refusal or Refusal(""),
        now=local_input(service.clock.now()),
        key=secrets.token_urlsafe(16),
        agreement_rows=range(1, AGREEMENT_ROWS + 1),
    )
