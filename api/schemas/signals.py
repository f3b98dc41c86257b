"""Signal and STEM schemas: what intake sends and what the mediator reads back."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, Field

from api.schemas.common import Body, Line, Moment, Name, Text
from api.schemas.complaints import Complainant, ComplainantPublic
from api.schemas.deadlines import ClockPublic, FlagPublic
from domain.values import SignalChannel

Score = Annotated[int, Field(ge=1, le=5)]


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
    received_at: datetime
    channel: str
    dossier_ref: str
    summary: str
    complainant: ComplainantPublic | None
    team: str
    acknowledged_at: datetime | None
    conversations: list[dict[str, object]]
    resolution: dict[str, object] | None
    complaint_id: UUID | None
    escalated_at: datetime | None
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
    comment: Annotated[str, Field(max_length=2000)] | None = None


class StemResponsePublic(BaseModel):
    dossier_ref: str
    answered_at: datetime
    scores: StemScores
    signal_id: UUID | None
    response_number: int
