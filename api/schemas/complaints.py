"""Complaint schemas: what the API accepts (ComplaintCreate, commands) and returns."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, EmailStr, Field, RootModel, StringConstraints

from api.schemas.common import (
    Body,
    Count,
    Data,
    Day,
    Line,
    Moment,
    Name,
    OptionalText,
    Text,
    Utc,
)
from api.schemas.deadlines import ClockPublic, FlagPublic
from application.complaint_use_cases import (
    AgreementMade,
    CommunicateMeasures,
    HoldConversation,
    RegisterComplaint,
)
from application.reads import HistoryEntry
from domain.records import Contact, MeasurePlan
from domain.values import Channel, ClockName, Outcome, Verdict

Phone = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=40, pattern=r"^[0-9+() -]*$")
]


class Complainant(Body):
    """Who complains: name, and how to reach them. All of it is sealed as their personal data,
    so an erasure leaves none of it readable."""

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

    def command(self) -> RegisterComplaint:
        return RegisterComplaint(
            received_at=self.received_at,
            channel=self.channel,
            complainant=Contact(**self.complainant.model_dump()),
            dossier_ref=self.dossier_ref,
            subject=self.subject,
            description=self.description,
            team=self.team,
            external_ref=self.external_ref,
        )


class AssignBody(Body):
    mediator: EmailStr = Field(description="the staff member's e-mail address")


class AgreementIn(Body):
    description: Line
    due: Day


class ConversationBody(Body):
    at: Moment
    participants: list[Name] = Field(min_length=1, max_length=50)
    outcome: Outcome
    agreements: list[AgreementIn] = Field(default_factory=list, max_length=50)

    def command(self, case_id: UUID) -> HoldConversation:
        made = tuple(AgreementMade(a.description, a.due) for a in self.agreements)
        return HoldConversation(case_id, self.at, tuple(self.participants), self.outcome, made)


class MinutesBody(Body):
    at: Moment
    sent_to: Name


class RulingBody(Body):
    at: Moment
    verdict: Verdict


class ApologyBody(Body):
    at: Moment
    summary: Text


class MeasureIn(Body):
    """What will change, which team owns it and by when; a plain string says only what."""

    description: Line
    owner_team: Name | None = None
    due: Day | None = None


class MeasuresBody(Body):
    at: Moment
    measures: list[MeasureIn | Line] = Field(
        min_length=1, max_length=50, description="a plain string is a measure without owner or due"
    )

    def command(self, case_id: UUID) -> CommunicateMeasures:
        plans = tuple(
            MeasurePlan(m)
            if isinstance(m, str)
            else MeasurePlan(m.description, m.owner_team, m.due)
            for m in self.measures
        )
        return CommunicateMeasures(case_id, self.at, plans)


class MeasureDoneBody(Body):
    at: Moment
    evidence: Text


class SummaryBody(Body):
    text: Line


class ThemesBody(Body):
    themes: list[Name] = Field(max_length=20)
    at: Moment | None = None


class ExtendBody(Body):
    clock: ClockName
    weeks: Count = Field(ge=1, le=52)
    reason: Line
    at: Moment | None = Field(
        None,
        description="when the extension was decided and told to the complainant; now if left out",
    )


class Agreement(BaseModel):
    number: int
    description: str
    due: date
    done_at: Utc | None


class Conversation(BaseModel):
    at: Utc
    participants: list[str]
    outcome: Outcome
    agreements: list[Agreement]


class Ruling(BaseModel):
    at: Utc
    verdict: Verdict


class Dated(BaseModel):
    at: Utc
    details: Data


class MeasurePublic(BaseModel):
    number: int
    description: str
    owner_team: str | None
    due: date | None
    communicated_at: Utc
    done_at: Utc | None
    evidence: str | None
    summary: str | None
    summary_approved: bool


class ComplaintPublic(BaseModel):
    id: UUID
    reference: str
    status: str
    suspended: bool
    version: int
    received_at: Utc
    channel: Channel
    complainant: Contact
    dossier_ref: str
    subject: str
    description: str
    team: str
    external_ref: str | None
    signal_id: UUID | None
    mediator: str | None
    acknowledged_at: Utc | None
    conversations: list[Conversation]
    minutes: list[Dated]
    referred_at: Utc | None
    ruling: Ruling | None
    apologies: list[Dated]
    measures: list[MeasurePublic]
    themes: list[str]
    extensions: list[Dated]
    deadlines: list[ClockPublic]
    open_flags: list[FlagPublic]


class HistoryEntryPublic(BaseModel):
    position: int
    type: str
    at: Utc
    recorded_at: Utc
    actor: str
    data: Data

    @classmethod
    def of(cls, entry: HistoryEntry) -> HistoryEntryPublic:
        return cls.model_validate(asdict(entry))


class History(RootModel[list[HistoryEntryPublic]]):
    """Every event of a case, oldest first, nothing left out."""

    @classmethod
    def of(cls, entries: list[HistoryEntry]) -> History:
        return cls([HistoryEntryPublic.of(entry) for entry in entries])
