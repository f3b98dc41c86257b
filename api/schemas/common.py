"""Field types shared by the request schemas: bounded text and sane effective times."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, StringConstraints


def _plausible_in_utc(moment: datetime) -> datetime:
    """Times arrive with any offset and are kept in UTC; before 1900 is not a case's moment."""
    if moment.year < 1900:
        raise ValueError("a time before 1900 is not a plausible moment for a case")
    return moment.astimezone(UTC)


Moment = Annotated[AwareDatetime, AfterValidator(_plausible_in_utc)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
OptionalText = Annotated[str, StringConstraints(max_length=20_000)]


class Body(BaseModel):
    """Request bodies refuse unknown fields, so a typo is an error and not silently ignored."""

    model_config = ConfigDict(extra="forbid")
