"""Privacy schemas: subject-access requests, destruction lists and legal holds."""

from __future__ import annotations

from dataclasses import asdict
from uuid import UUID

from pydantic import BaseModel, EmailStr

from api.schemas.common import Body, Line, Moment, Utc
from api.schemas.deadlines import ClockPublic
from application.ports import DestructionListRecord
from application.subject_access import SubjectAccessView


class SubjectAccessCreate(Body):
    complainant_email: EmailStr
    received_at: Moment | None = None


class SubjectAccessPublic(BaseModel):
    """A request as held: never the e-mail address, only the pseudonymous person."""

    id: UUID
    reference: str
    status: str
    person_id: UUID
    received_at: Utc
    due_at: Utc
    answered_at: Utc | None
    version: int
    deadlines: list[ClockPublic]

    @classmethod
    def of(cls, view: SubjectAccessView) -> SubjectAccessPublic:
        request = view.request
        return cls(
            id=request.id,
            reference=request.reference,
            status=request.status,
            person_id=UUID(request.person_id),
            received_at=request.received_at,
            due_at=view.deadlines[0].due_at,
            answered_at=request.answered_at,
            version=request.version,
            deadlines=[ClockPublic.model_validate(d, from_attributes=True) for d in view.deadlines],
        )


class ListedCase(BaseModel):
    """A case on a destruction list: nothing personal, only what identifies and dates it."""

    case_id: UUID
    reference: str
    case_type: str
    status: str
    received_at: Utc
    ended_at: Utc


class DestructionListPublic(BaseModel):
    id: UUID | None
    status: str
    proposed_by: str | None
    proposed_at: Utc | None
    approved_by: str | None
    approved_at: Utc | None
    cases: list[ListedCase]
    destroyed: int | None = None
    kept: int | None = None

    @classmethod
    def of(cls, record: DestructionListRecord) -> DestructionListPublic:
        return cls.model_validate(asdict(record))

    @classmethod
    def nothing_due(cls) -> DestructionListPublic:
        return cls(
            id=None,
            status="nothing_due",
            proposed_by=None,
            proposed_at=None,
            approved_by=None,
            approved_at=None,
            cases=[],
        )


class DestructionLists(BaseModel):
    items: list[DestructionListPublic]


class HoldBody(Body):
    reason: Line


class LegalHoldPublic(BaseModel):
    case_id: UUID
    on_hold: bool
    version: int
