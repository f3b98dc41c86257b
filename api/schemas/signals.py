"""Signal and STEM schemas: what intake sends and what the mediator reads back."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, Field

from api.schemas.common import (
    Body,
    Count,
    Data,
    Line,
    Moment,
    Name,
    Printable,
    Text,
    Utc,
)
from api.schemas.complaints import Complainant
from api.schemas.deadlines import ClockPublic, FlagPublic
from application.signal_use_cases import RecordStemResponse, RegisterSignal, StemAnswerView
from domain.records import Contact
from domain.values import SignalChannel

Score = Annotated[Count, Field(ge=1, le=5)]


class SignalCreate(Body):
    received_at: Moment
    channel: SignalChannel
    dossier_ref: Name
    summary: Text
    complainant: Complainant | None = None
    team: Name = "unassigned"

    model_config = {
        "extra": "forbid",
        "json_schema_extra": {
            "examples": [
                {
                    "received_at": "2026-03-02T11:00:00+01:00",
                    "channel": "phone",
                    "dossier_ref": "D-2026-0142",
                    "summary": "Moeder belt: voelt zich niet gehoord over de omgang.",
                    "team": "Team Noord",
                }
            ]
        },
    }

    def command(self) -> RegisterSignal:
        complainant = Contact(**self.complainant.model_dump()) if self.complainant else None
        return RegisterSignal(
            self.received_at, self.channel, self.dossier_ref, self.summary, complainant, self.team
        )


class SignalConversationBody(Body):
    at: Moment
    participants: list[Name] = Field(default_factory=list, max_length=50)
    outcome: Line


class ResolveBody(Body):
    at: Moment
    outcome: Line


class SignalPublic(BaseModel):
    id: UUID
    reference: str
    status: str
    version: int
    received_at: Utc
    channel: str
    dossier_ref: str
    summary: str
    complainant: Contact | None
    team: str
    acknowledged_at: Utc | None
    conversations: list[Data]
    resolution: Data | None
    complaint_id: UUID | None
    escalated_at: Utc | None
    deadlines: list[ClockPublic]
    open_flags: list[FlagPublic]


class StemScores(Body):
    collaboration: Score
    heard: Score
    agreements_clear: Score


class StemResponseCreate(Body):
    dossier_ref: Name
    answered_at: Moment
    scores: StemScores
    comment: Annotated[str, Field(max_length=2000), Printable] | None = None

    def command(self) -> RecordStemResponse:
        scores = self.scores
        return RecordStemResponse(
            self.dossier_ref,
            self.answered_at,
            scores.collaboration,
            scores.heard,
            scores.agreements_clear,
            self.comment,
        )


class StemResponsePublic(BaseModel):
    dossier_ref: str
    answered_at: Utc
    scores: StemScores
    signal_id: UUID | None
    response_number: int

    @classmethod
    def of(cls, answer: StemAnswerView) -> StemResponsePublic:
        return cls.model_validate(asdict(answer))
