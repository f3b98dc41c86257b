"""Admin endpoints: run one policy sweep now; erase a person's personal data."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel, EmailStr, model_validator
from starlette.exceptions import HTTPException

from api.dependencies import ServiceDep, allowed
from api.schemas.common import Body
from api.schemas.deadlines import SweepRequest, SweepResultPublic
from application.roles import Action
from application.tokens import Principal

router = APIRouter(prefix="/v1/admin", tags=["admin"])
Admin = Annotated[Principal, allowed(Action.RUN_SWEEP)]
Eraser = Annotated[Principal, allowed(Action.ERASE_PERSON)]


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


@router.post("/sweeps", response_model=SweepResultPublic, summary="Sweep every policy once")
def sweep(
    service: ServiceDep, caller: Admin, body: SweepRequest | None = None
) -> SweepResultPublic:
    now = service.clock.now()
    as_of = body.as_of if body and body.as_of else now
    if as_of > now + timedelta(minutes=5):
        raise HTTPException(422, "as_of lies in the future; a sweep judges what is known now")
    result = service.sweep.run(as_of)
    return SweepResultPublic(checked=result.checked, raised=result.raised, cleared=result.cleared)


@router.post(
    "/erasures",
    status_code=202,
    response_model=ErasureAccepted,
    summary="Erase a person's personal data by deleting their key (idempotent)",
)
def erase(body: ErasureRequest, service: ServiceDep, caller: Eraser) -> JSONResponse:
    with service.unit_of_work():
        result = service.erasures.erase(
            email=body.complainant_email, case_id=body.case_id, actor=caller.actor
        )
    service.projections.catch_up()
    detail = "erased" if result.erased else "nothing left to erase"
    accepted = ErasureAccepted(erased=result.erased, erasure_id=result.erasure_id, detail=detail)
    return JSONResponse(accepted.model_dump(mode="json"), status_code=202)
