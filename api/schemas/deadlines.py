"""Deadline, flag, queue and sweep schemas: every clock and flag carries its explanation."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Literal
from uuid import UUID

from pydantic import BaseModel

from api.schemas.common import Body, Moment, Utc
from application.queue import QueueItem


class ClockPublic(BaseModel):
    clock: str
    key: str
    started_at: Utc
    warn_at: Utc
    due_at: Utc
    state: Literal["running", "met", "breached", "stopped"]
    met_at: Utc | None
    policy_version: str
    explanation: str


class Deadlines(BaseModel):
    clocks: list[ClockPublic]


class FlagPublic(BaseModel):
    flag_id: UUID
    key: str
    policy: str
    severity: Literal["warning", "breach"]
    due_at: Utc
    raised_at: Utc
    policy_version: str
    explanation: str


class QueueItemPublic(BaseModel):
    flag_id: UUID
    policy: str
    severity: Literal["warning", "breach"]
    case_type: str
    case_id: UUID
    reference: str
    case_reference: str
    subject: str
    team: str
    status: str
    due_at: Utc
    due_date_local: date
    raised_at: Utc
    mediator: str | None
    policy_version: str
    explanation: str

    @classmethod
    def of(cls, item: QueueItem) -> QueueItemPublic:
        fields = {k: v for k, v in asdict(item).items() if k != "cursor"}
        return cls.model_validate(
            fields | {"case_reference": item.reference, "due_date_local": item.due_date_local}
        )


class QueuePage(BaseModel):
    items: list[QueueItemPublic]
    next_cursor: str | None


class SweepRequest(Body):
    as_of: Moment | None = None


class SweepResultPublic(BaseModel):
    checked: int
    raised: int
    cleared: int
