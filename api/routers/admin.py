"""Admin endpoints: run one policy sweep now."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter
from starlette.exceptions import HTTPException

from api.dependencies import ServiceDep, allowed
from api.schemas.deadlines import SweepRequest, SweepResultPublic
from application.roles import Action
from application.tokens import Principal

router = APIRouter(prefix="/v1/admin", tags=["admin"])
Admin = Annotated[Principal, allowed(Action.RUN_SWEEP)]


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
