"""Schemas that document answers a router writes itself: health, the analysis, an export."""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from api.schemas.common import Utc


class SetAsidePublic(BaseModel):
    name: str = Field(description="the read model")
    position: int
    error: str
    at: Utc
    attempts: int


class MailHealthPublic(BaseModel):
    failing: int = Field(description="mails whose delivery failed and waits for a retry")
    in_doubt: int = Field(description="mails handed to the server when the process stopped")
    error: str | None = Field(None, description="the last delivery error")


class HealthPublic(BaseModel):
    """`ok`; `degraded` naming what is stuck; `unavailable` (with 503) when the store is down."""

    status: Literal["ok", "degraded", "unavailable"]
    store: str
    error: str | None = None
    set_aside: int | None = None
    read_models: list[SetAsidePublic] | None = None
    mail: MailHealthPublic | None = None


class Period(BaseModel):
    from_: str = Field(alias="from")
    to: str


class ComplaintsAnalysis(BaseModel):
    """The publishable analysis: counts below the minimum are the string `<5`; the sections
    are as the HTML and CSV forms show them."""

    model_config = ConfigDict(extra="allow")

    organisation: str
    language: Literal["nl", "en"]
    generated_at: str
    period: Period
    months: list[str]
    hidden: str
    minimum_count: int
    complaints: dict[str, Any]
    signals: dict[str, Any]
    working_days: dict[str, Any]
    on_time: dict[str, Any]
    upheld: dict[str, Any]
    measures: dict[str, Any]
    summaries: list[str]


class SubjectAccessExportPublic(BaseModel):
    """Everything held about one person, decrypted, with who saw it (AVG art. 15)."""

    model_config = ConfigDict(extra="allow")

    reference: str
    person_id: UUID
    received_at: str
    generated_at: str
    cases: list[dict[str, Any]]
    stem_answers: list[dict[str, Any]]
    accesses: list[dict[str, Any]]


TEXT = {"schema": {"type": "string"}}
BINARY = {"schema": {"type": "string", "format": "binary"}}


def formats(model: type[BaseModel], others: dict[str, Any]) -> dict[int | str, Any]:
    """A 200 answer in JSON (`model`) and in each other media type `format=` can ask for."""
    return {200: {"model": model, "content": others}}
