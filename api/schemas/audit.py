"""Audit schemas: the global log, the chain's verification, the access log, a case's timeline."""

from __future__ import annotations

from dataclasses import asdict
from uuid import UUID

from pydantic import BaseModel, RootModel

from api.schemas.common import Data, Utc
from api.schemas.complaints import HistoryEntryPublic
from api.schemas.deadlines import ClockPublic, FlagPublic
from application.cases_projection import flag_id
from application.ports import AccessRecord
from application.reads import TimelineStep


class LoggedEvent(BaseModel):
    """An event of any case, as stored: where it stands in the log and in its case."""

    position: int
    case_id: UUID
    version: int
    type: str
    at: Utc | None
    recorded_at: Utc | None
    actor: str | None
    data: Data


class EventPage(BaseModel):
    items: list[LoggedEvent]
    next_after: int | None


class AccessEntry(BaseModel):
    """One access to personal data (NEN 7513): who, as what, on whose behalf, what they did,
    whose data (case and pseudonymous person), through which endpoint or page, from where."""

    id: int
    at: Utc
    user: str
    role: str
    on_behalf_of: str | None
    action: str
    case_id: UUID | None
    person_id: UUID | None
    access_point: str
    endpoint: str
    address: str
    actor: str
    request_id: str

    @classmethod
    def of(cls, record: AccessRecord) -> AccessEntry:
        return cls.model_validate(
            asdict(record)
            | {
                "access_point": f"{record.access_point} from {record.address}",
                "endpoint": record.access_point,
                "actor": f"{record.role}:{record.user}",
            }
        )


class AccessPage(BaseModel):
    items: list[AccessEntry]
    next_cursor: str | None


class TimelineStepPublic(HistoryEntryPublic):
    """A history entry with the case's status, clocks and open flags right after it."""

    status: str
    clocks: list[ClockPublic]
    open_flags: list[FlagPublic]

    @classmethod
    def at_step(cls, case_id: UUID, step: TimelineStep) -> TimelineStepPublic:
        flags = [{"flag_id": flag_id(case_id, f.key), **asdict(f)} for f in step.open_flags]
        return cls.model_validate(
            asdict(step.entry)
            | {
                "status": step.status,
                "clocks": [
                    ClockPublic.model_validate(d, from_attributes=True) for d in step.deadlines
                ],
                "open_flags": flags,
            }
        )


class Timeline(RootModel[list[TimelineStepPublic]]):
    """Every event of a case, each with the case's state right after it, oldest first."""

    @classmethod
    def of(cls, case_id: UUID, steps: list[TimelineStep]) -> Timeline:
        return cls([TimelineStepPublic.at_step(case_id, step) for step in steps])
