"""Field types shared by the schemas: strict, printable text, sane effective times, UTC out."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import Query
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    StrictBool,
    StrictInt,
    StringConstraints,
    WrapSerializer,
)
from pydantic_core import PydanticCustomError, core_schema

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters, tab and newline excepted: NUL breaks PostgreSQL, the others are noise."""


def printable(text: object) -> object:
    """Checked before any stripping (Python strips some control characters as whitespace)."""
    if isinstance(text, str) and CONTROL.search(text):
        raise ValueError("control characters (other than tab and newline) are not allowed")
    return text


class _Printable:
    """Refuses control characters, and says so in the JSON schema as a pattern, so a client (or
    a generator of test data) knows before it sends; stripped text must hold a visible
    character, since whitespace alone strips to nothing."""

    ALLOWED = r"[^\x00-\x08\x0b-\x1f\x7f-\x9f]"

    def __init__(self, stripped: bool) -> None:
        visible = rf"\S{self.ALLOWED}*" if stripped else ""
        self.pattern = rf"^{self.ALLOWED}*{visible}$"

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return core_schema.no_info_before_validator_function(printable, handler(source))

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> Any:
        found = handler(schema)
        found["pattern"] = self.pattern
        return found


Printable = _Printable(stripped=False)
PrintableStripped = _Printable(stripped=True)


WRITTEN = {
    "datetime": re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}"),
    "date": re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
}
"""How an ISO-8601 time or date starts; a query parameter is always text, so `0` or `1.5` must
be refused here rather than read as seconds since 1970."""


def _written(kind: str, example: str) -> Any:
    """JSON carries times and dates as strings: a number is refused, not read as a timestamp."""

    def only_text(value: object) -> object:
        if isinstance(value, date):  # also a datetime built in Python
            return value
        if isinstance(value, str) and WRITTEN[kind].match(value.strip()):
            return value
        raise PydanticCustomError(
            f"{kind}_type", f"Input should be a {kind} string, e.g. {example}"
        )

    return BeforeValidator(only_text)


def _plausible_in_utc(moment: datetime) -> datetime:
    """Times arrive with any offset and are kept in UTC; before 1900 is not a case's moment."""
    if moment.year < 1900:
        raise ValueError("a time before 1900 is not a plausible moment for a case")
    return moment.astimezone(UTC)


def _utc_everywhere(value: Any, handler: Any) -> Any:
    """Every time in a response is written in UTC with `Z`, nested ones (history data) too."""
    return handler(_in_utc(value))


def _in_utc(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo is not None else value
    if isinstance(value, dict):
        return {k: _in_utc(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_in_utc(v) for v in value]
    return value


Moment = Annotated[
    AwareDatetime,
    _written("datetime", "2026-03-02T09:30:00+01:00"),
    AfterValidator(_plausible_in_utc),
]
Day = Annotated[date, _written("date", "2026-03-20")]
Count = StrictInt
Switch = StrictBool
"""On or off: JSON true or false, never the string \"true\" or 1."""
Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    PrintableStripped,
]
Line = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=500),
    PrintableStripped,
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000), Printable]
OptionalText = Annotated[str, StringConstraints(max_length=20_000), Printable]
Filter = Annotated[str, StringConstraints(min_length=1, max_length=200), Printable]
"""A free-text filter value (a team, a mediator): printable, so the store never sees a NUL."""

Utc = Annotated[datetime, WrapSerializer(_utc_everywhere, when_used="json")]
"""A time in a response: written in UTC, ending in `Z`."""
Data = Annotated[dict[str, Any], WrapSerializer(_utc_everywhere, when_used="json")]
"""Free-form event data in a response; any time inside it is written in UTC too."""

AsOf = Annotated[
    Moment | None,
    Query(description="as the service knew it at this moment (with offset)"),
]
Limit = Annotated[int, Query(ge=1, le=500)]
Cursor = Annotated[str | None, Query(pattern=r"^[0-9]{1,18}$")]


class Body(BaseModel):
    """Request bodies refuse unknown fields, so a typo is an error and not silently ignored."""

    model_config = ConfigDict(extra="forbid")


class AtBody(Body):
    at: Moment


class ReasonBody(Body):
    at: Moment
    reason: Line
