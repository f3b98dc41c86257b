"""Admin endpoints: run one policy sweep now; erase a person's personal data."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from api.dependencies import CommandCall, ServiceDep, allowed, commanding
from api.problems import invalid
from api.schemas.admin import ErasureAccepted, ErasureRequest
from api.schemas.deadlines import SweepRequest, SweepResultPublic
from application.erasure import ErasePerson
from application.identity import Principal
from application.roles import Action
from domain.moments import lies_in_the_future

router = APIRouter(prefix="/v1/admin", tags=["admin"])
Admin = Annotated[Principal, allowed(Action.RUN_SWEEP)]
Erasing = Annotated[CommandCall, commanding(Action.ERASE_PERSON)]


@router.post("/sweeps", response_model=SweepResultPublic, summary="Sweep every policy once")
def run_sweep(
    service: ServiceDep, caller: Admin, body: SweepRequest | None = None
) -> SweepResultPublic:
    now = service.clock.now()
    as_of = body.as_of if body and body.as_of else now
    if lies_in_the_future(as_of, now):
        raise invalid(
            ("body", "as_of"), "as_of lies in the future; a sweep judges what is known now"
        )
    result = service.sweep.run(as_of)
    return SweepResultPublic(checked=result.checked, raised=result.raised, cleared=result.cleared)


@router.post(
    "/erasures",
    status_code=202,
    response_model=ErasureAccepted,
    summary="Erase a person's personal data by deleting their key (idempotent)",
)
def erase_person(body: ErasureRequest, call: Erasing) -> ErasureAccepted:
    result = call.run(ErasePerson(body.complainant_email, body.case_id))
    detail = "erased" if result.erased else "nothing left to erase"
    return ErasureAccepted(erased=result.erased, erasure_id=result.erasure_id, detail=detail)
