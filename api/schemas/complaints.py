"""Complaint schemas: what the API accepts (ComplaintCreate, commands) and returns."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

from pydantic import BaseModel, EmailStr, Field, StringConstraints

from api.schemas.common import Body, Line, Moment, Name, OptionalText, Text
from api.schemas.deadlines import ClockPublic, FlagPublic
from domain.values import Channel, ClockName, Outcome, Verdict

Phone = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=40, pattern=r"^[0-9+() -]*$")
]


class Complainant(BaseModel):
    name: Name
    email: EmailStr | None = None
    phone: Phone | None = None


class ComplaintCreate(Body):
    received_at: Moment
    channel: Channel
    complainant: Complainant
    dossier_ref: Name
    subject: Line
    description: OptionalText = ""
    team: Name
    external_ref: Name | None = None

    model_config = {
        "extra": "forbid",
        "json_schema_extra": {
            "examples": [
                {
                    "received_at": "2026-03-02T09:30:00+01:00",
                    "channel": "email",
                    "complainant": {"name": "Fatima de Vries", "email": "f.devries@example.nl"},
                    "dossier_ref": "D-2026-0142",
                    "subject": "Afspraken niet nagekomen",
                    "description": "De gezinsvoogd kwam twee keer niet op de afgesproken tijd.",
                    "team": "Team Noord",
                }
            ]
        },
    }


class AtBody(Body):
    at: Moment


class ReasonBody(Body):
    at: Moment
    reason: Line


class AssignBody(Body):
    mediator: Name


class AgreementIn(Body):
    description: Line
    due: date


class ConversationBody(Body):
    at: Moment
    participants: list[Name] = Field(min_length=1, max_length=50)
    outcome: Outcome
    agreements: list[AgreementIn] = Field(default_factory=list, max_length=50)


class MinutesBody(Body):
    at: Moment
    sent_to: Name


class RulingBody(Body):
    at: Moment
    verdict: Verdict


class ApologyBody(Body):
    at: Moment
    summary: Text


class MeasuresBody(Body):
    at: Moment
    measures: list[Line] = Field(min_length=1, max_length=50)


class ExtendBody(Body):
    clock: ClockName
    weeks: int = Field(ge=1, le=52)
    reason: Line


class Agreement(BaseModel):
    number: int
    description: str
    due: date
    done_at: datetime | None


class Conversation(BaseModel):
    at: datetime
    participants: list[str]
    outcome: Outcome
    agreements: list[Agreement]


class Ruling(BaseModel):
    at: datetime
    verdict: Verdict


class Dated(BaseModel):
    at: datetime
    details: dict[str, Any]


class CaseSummary(BaseModel):
    """A row of the case list (complaints or signals); no personal data."""

    id: UUID
    case_type: str
    reference: str
    status: str
    suspended: bool
    version: int
    received_at: datetime
    channel: str
    dossier_ref: str
    subject: str
    team: str
    mediator: str | None
    open_flags: int


class CasePage(BaseModel):
    items: list[CaseSummary]
    next_cursor: str | None


class ComplainantPublic(BaseModel):
    name: str
    email: str | None = None
    phone: str | None = None


class ComplaintPublic(BaseModel):
    id: UUID
    reference: str
    status: str
    suspended: bool
    version: int
    received_at: datetime
    channel: Channel
    complainant: ComplainantPublic
    dossier_ref: str
    subject: str
    description: str
    team: str
    external_ref: str | None
    signal_id: UUID | None
    mediator: str | None
    acknowledged_at: datetime | None
    conversations: list[Conversation]
    minutes: list[Dated]
    referred_at: datetime | None
    ruling: Ruling | None
    apologies: list[Dated]
    measures: list[Dated]
    extensions: list[Dated]
    deadlines: list[ClockPublic]
    open_flags: list[FlagPublic]


class HistoryEntryPublic(BaseModel):
    position: int
    type: str
    at: datetime
    recorded_at: datetime
    actor: str
    data: dict[str, Any]
