"""Deadline, flag, queue and sweep schemas: every clock and flag carries its explanation."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel

from api.schemas.common import Body, Moment


class ClockPublic(BaseModel):
    clock: str
    key: str
    started_at: datetime
    warn_at: datetime
    due_at: datetime
    state: Literal["running", "met", "breached", "stopped"]
    met_at: datetime | None
    policy_version: str
    explanation: str


class Deadlines(BaseModel):
    clocks: list[ClockPublic]


class FlagPublic(BaseModel):
    flag_id: UUID
    key: str
    policy: str
    severity: Literal["warning", "breach"]
    due_at: datetime
    raised_at: datetime
    policy_version: str
    explanation: str


class QueueItemPublic(BaseModel):
    flag_id: UUID
    policy: str
    severity: Literal["warning", "breach"]
    case_type: str
    case_id: UUID
    reference: str
    due_at: datetime
    raised_at: datetime
    mediator: str | None
    policy_version: str
    explanation: str


class QueuePage(BaseModel):
    items: list[QueueItemPublic]
    next_cursor: str | None


class SweepRequest(Body):
    as_of: Moment | None = None


class SweepResultPublic(BaseModel):
    checked: int
    raised: int
    cleared: int
