"""Form fields into the API's request schemas, and what went wrong as Dutch messages per field.

A page validates a form with the same schema the API uses for the same command, so a form and
a JSON body accept exactly the same values; only the messages differ (Dutch, next to the field).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from domain.calendar import AMSTERDAM

M = TypeVar("M", bound=BaseModel)
LOCAL_MINUTE = "%Y-%m-%dT%H:%M"


def local_input(moment: datetime) -> str:
    """A moment as a `datetime-local` input shows it: Amsterdam time, to the minute."""
    return moment.astimezone(AMSTERDAM).strftime(LOCAL_MINUTE)


def moment(text: str | None) -> datetime | str | None:
    """A `datetime-local` value read as Amsterdam time; what cannot be read is left for the
    schema to refuse (so it gets a message like any other mistake)."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).replace(tzinfo=AMSTERDAM)
    except ValueError:
        return text


def day(text: str | None) -> date | str | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return text


@dataclass
class FormErrors:
    """Messages by field id (the input's `id`), in the order of the form."""

    messages: dict[str, str] = field(default_factory=dict)

    def add(self, field_id: str, message: str) -> None:
        self.messages.setdefault(field_id, message)

    def __bool__(self) -> bool:
        return bool(self.messages)


def dutch_message(error: dict[str, Any]) -> str:
    """What a person should do, for one of pydantic's error types."""
    kind, context = error["type"], error.get("ctx") or {}
    if error.get("input") is None or kind in ("missing", "string_too_short", "too_short"):
        return "Vul dit veld in."
    if kind == "string_too_long":
        return f"Dit is te lang: ten hoogste {context.get('max_length')} tekens."
    if kind in ("datetime_type", "datetime_parsing", "datetime_from_date_parsing"):
        return "Vul een datum en tijd in, bijvoorbeeld 14-04-2026 09:30."
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return "Vul een datum in, bijvoorbeeld 20-04-2026."
    if kind == "enum" or kind == "literal_error":
        return "Kies een van de mogelijkheden."
    if kind == "string_pattern_mismatch":
        return "Gebruik alleen cijfers, spaties en + ( ) -."
    message = str(error.get("msg", ""))
    if "email" in message.lower():
        return "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."
    if "control characters" in message:
        return "Gebruik geen stuurtekens."
    if "before 1900" in message:
        return "Deze datum ligt te ver in het verleden."
    return "Deze waarde klopt niet."


def validated(
    schema: type[M], data: dict[str, Any], field_ids: dict[tuple[str | int, ...], str]
) -> tuple[M | None, FormErrors]:
    """The schema's model of `data`, or the errors by field id (`field_ids` maps a location in
    the schema to the form's input; an unmapped location is shown on the first field)."""
    errors = FormErrors()
    try:
        return schema.model_validate(data), errors
    except ValidationError as invalid:
        fallback = next(iter(field_ids.values()))
        for error in invalid.errors():
            location = tuple(error["loc"])
            target = field_ids.get(location) or field_ids.get(location[:1], fallback)
            errors.add(target, dutch_message(dict(error)))
        return None, errors
