"""What part B's pages share: who is looking (for the access log), a case found by its
reference, form times read in Amsterdam time, commands run as the visitor, and the API's own
validation and errors turned into Dutch messages next to the fields."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID

from fastapi import Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, ValidationError

from adapters.bootstrap import Service
from api.accessor import accessor
from application.access import Accessor
from application.errors import (
    ApplicationError,
    CaseNotFound,
    ConcurrentChange,
    VersionMismatch,
)
from application.ports import CaseFilter
from application.use_case import Command
from domain.calendar import AMSTERDAM
from domain.errors import DomainError, InvalidMoment, InvalidValue, NotAllowed
from web.pages import PageError, Visitor

R = TypeVar("R")
M = TypeVar("M", bound=BaseModel)


def looker(request: Request, visitor: Visitor, service: Service) -> Accessor:
    """The visitor as the access log names them: user, role, this page and their address."""
    return accessor(request, visitor.session.principal, service.settings.trusted_proxies)


def case_id_of(service: Service, who: Accessor, case_type: str, reference: str) -> UUID:
    """The case behind a reference (logged as a search), or a Dutch 404 page."""
    page = service.reads.page(CaseFilter(case_type=case_type, reference=reference), 1, None, who)
    if not page.rows:
        raise not_found(reference)
    return page.rows[0].id


def not_found(reference: str) -> PageError:
    return PageError(
        404,
        f"Zaak {reference} bestaat niet",
        "Controleer het kenmerk (bijvoorbeeld S-2026-00012) of zoek de zaak op in de lijst.",
    )


def local_moment(text: str | None) -> datetime | str | None:
    """A form's `datetime-local` value ("2026-03-16T10:30") is Amsterdam time; anything the
    browser did not send as a time is passed on as it is, for the API's schema to refuse."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=AMSTERDAM)
    return moment


def now_local(service: Service) -> str:
    """The value a `datetime-local` field starts with: now, in Amsterdam, to the minute."""
    return service.clock.now().astimezone(AMSTERDAM).strftime("%Y-%m-%dT%H:%M")


def validated(model: type[M], values: dict[str, Any]) -> tuple[M | None, dict[str, str]]:
    """The API's own request schema checks the form: the model, or Dutch messages by field
    (a nested field is named by its last part, e.g. `email` of the complainant)."""
    try:
        return model.model_validate(values), {}
    except ValidationError as error:
        messages: dict[str, str] = {}
        for problem in error.errors():
            names = [str(part) for part in problem["loc"] if not str(part).isdigit()]
            field = names[-1] if names else "formulier"
            message = dutch_problem(problem["type"])
            if field.endswith("email") and problem["type"] == "value_error":
                message = "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."
            messages.setdefault(field, message)
        return None, messages


PROBLEMS = {
    "missing": "Vul dit veld in.",
    "string_too_short": "Vul dit veld in.",
    "string_too_long": "Deze tekst is te lang.",
    "enum": "Kies een van de mogelijkheden.",
    "literal_error": "Kies een van de mogelijkheden.",
    "datetime_type": "Vul een datum en tijd in.",
    "datetime_parsing": "Vul een datum en tijd in, bijvoorbeeld 16-03-2026 10:30.",
    "datetime_from_date_parsing": "Vul een datum en tijd in, bijvoorbeeld 16-03-2026 10:30.",
    "timezone_aware": "Vul een datum en tijd in.",
    "int_type": "Vul een heel getal in.",
    "int_parsing": "Vul een heel getal in.",
    "greater_than_equal": "Kies een cijfer van 1 tot en met 5.",
    "less_than_equal": "Kies een cijfer van 1 tot en met 5.",
}


def dutch_problem(kind: str) -> str:
    if kind == "value_error":
        return "Deze waarde klopt niet (controleer bijvoorbeeld het e-mailadres)."
    return PROBLEMS.get(kind, "Deze waarde klopt niet.")


def dutch_error(error: Exception) -> str:
    """What a person reads when the service refused a command."""
    if isinstance(error, InvalidMoment):
        return (
            "Het tijdstip ligt vóór de ontvangst van de zaak of in de toekomst. "
            "Kies een ander tijdstip."
        )
    if isinstance(error, InvalidValue):
        return "Een ingevulde waarde klopt niet. Controleer het formulier."
    if isinstance(error, NotAllowed):
        return (
            "Deze stap past niet bij de huidige stand van de zaak. Bekijk de geschiedenis "
            "om te zien wat er al is gebeurd."
        )
    if isinstance(error, VersionMismatch | ConcurrentChange):
        return (
            "Iemand anders wijzigde de zaak tegelijk. Laad de pagina opnieuw en probeer het "
            "nog eens."
        )
    if isinstance(error, CaseNotFound):
        return "Deze zaak bestaat niet (meer)."
    return "Dit kon niet worden uitgevoerd. Probeer het nog eens of vraag een beheerder."


REFUSED = (DomainError, ApplicationError)
"""The errors a command may answer with that a person can do something about."""


def run_as(service: Service, visitor: Visitor, command: Command[R]) -> R:
    """The command through the same runner as the API, as the signed-in staff member."""
    return service.commands.run(command, actor=visitor.session.principal.actor)


def see_other(path: str) -> RedirectResponse:
    """After a form is taken: 303 to the page that shows what changed."""
    return RedirectResponse(path, status_code=303)


@dataclass(frozen=True)
class FormState:
    """A form shown again: what was typed and the Dutch message per field."""

    values: dict[str, Any]
    errors: dict[str, str]
