"""The work list: `/werkvoorraad`, the escalation queue with breaches first and, per item, the
step that clears it one click away. Filters are a GET form, so they work without JavaScript."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from api.dependencies import ServiceDep
from application.errors import BadCursor
from application.queue import POLICIES, QueueFilter, QueueItem
from application.roles import Action, Role
from web.menu import start_page
from web.pages import PageError, SignedIn, render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
Whose = Literal["mijn", "team", "alle"]

CLEARED_BY: dict[str, tuple[str, str]] = {
    "complaint_acknowledgement_overdue": ("bevestigen", "Bevestig de ontvangst"),
    "minutes_overdue": ("verslag", "Verstuur het verslag"),
    "decision_overdue": ("uitspraak", "Leg de beslissing vast"),
    "upheld_unanswered": ("maatregelen", "Deel de maatregelen mee"),
    "upheld_without_apology": ("excuses", "Leg de excuses vast"),
    "agreement_overdue": ("afspraken", "Vink de afspraak af"),
    "measure_overdue": ("maatregelen", "Bekijk de maatregelen"),
}
"""The form on the case page that clears a policy's flag, and the link's words."""


def clearing_link(item: QueueItem) -> tuple[str, str]:
    """Where the step that clears this item is, and what the link says."""
    if item.case_type == "signal":
        return f"/signalen/{item.reference}", "Open het signaal"
    form, words = CLEARED_BY.get(item.policy, ("acties", "Open de klacht"))
    return f"/klachten/{item.reference}?actie={form}#{form}", words


def default_whose(role: Role, team: str | None) -> Whose:
    if role == Role.MEDIATOR:
        return "mijn"
    return "team" if team else "alle"


@router.get("/werkvoorraad")
def work_list(
    request: Request,
    service: ServiceDep,
    visitor: SignedIn,
    wie: Annotated[Whose | None, Query()] = None,
    beleid: Annotated[str | None, Query(max_length=100)] = None,
    ernst: Annotated[Literal["breach", "warning"] | None, Query()] = None,
    na: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    principal = visitor.session.principal
    if not visitor.may(Action.READ_QUEUE):  # sign-in lands here: each role on its own start
        return RedirectResponse(start_page(principal.role), status_code=303)
    whose = wie or default_whose(principal.role, principal.team)
    policy = beleid if beleid in POLICIES else None
    where = QueueFilter(
        mediator=principal.name if whose == "mijn" else None,
        policy=policy,
        severity=ernst,
        team=principal.team if whose == "team" else None,
    )
    try:
        page = service.queue.page(where, PAGE_SIZE, na, visitor.who(request))
    except BadCursor:
        raise PageError(
            400, "Deze pagina bestaat niet", "Begin opnieuw bij de eerste pagina."
        ) from None
    filters = {"wie": whose, "beleid": policy or "", "ernst": ernst or ""}
    return render(
        request,
        "werkvoorraad.html",
        visitor=visitor,
        items=[(item, *clearing_link(item)) for item in page.items],
        next_cursor=page.next_cursor,
        filters=filters,
        policies=sorted(POLICIES),
        no_team=whose == "team" and not principal.team,
    )
