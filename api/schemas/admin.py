"""Admin schemas: an erasure request and its answer."""

from __future__ import annotations

from uuid import UUID

from pydantic import BaseModel, EmailStr, model_validator

from api.schemas.common import Body


class ErasureRequest(Body):
    complainant_email: EmailStr | None = None
    case_id: UUID | None = None

    @model_validator(mode="after")
    def _one_basis(self) -> ErasureRequest:
        if (self.complainant_email is None) == (self.case_id is None):
            raise ValueError("give exactly one of complainant_email and case_id")
        return self


class ErasureAccepted(BaseModel):
    erased: bool
    erasure_id: UUID | None
    detail: str
