"""Audit schemas: the global log, the chain's verification, the access log, a case's timeline."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel

from api.schemas.deadlines import ClockPublic, FlagPublic


class LoggedEvent(BaseModel):
    position: int
    case_id: UUID
    version: int
    type: str
    at: datetime | None
    recorded_at: datetime
    actor: str | None
    data: dict[str, Any]


class EventPage(BaseModel):
    items: list[LoggedEvent]
    next_after: int | None


class VerificationPublic(BaseModel):
    ok: bool
    checked: int
    head: str
    first_bad_position: int | None = None
    reason: str | None = None


class AccessEntry(BaseModel):
    id: int
    at: datetime
    actor: str
    case_id: UUID
    endpoint: str


class AccessPage(BaseModel):
    items: list[AccessEntry]
    next_cursor: str | None


class TimelineStepPublic(BaseModel):
    position: int
    type: str
    at: datetime
    recorded_at: datetime
    actor: str
    data: dict[str, Any]
    status: str
    clocks: list[ClockPublic]
    open_flags: list[FlagPublic]
