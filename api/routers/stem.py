"""POST /v1/stem-responses: a STEM questionnaire answer; a low or falling score opens a signal."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.commands import IdempotencyKey, fingerprint
from api.dependencies import ServiceDep, allowed
from api.schemas.signals import StemResponseCreate, StemResponsePublic
from application.roles import Action
from application.signals import StemResponse
from application.tokens import Principal

router = APIRouter(prefix="/v1/stem-responses", tags=["signals"])
Intake = Annotated[Principal, allowed(Action.RECORD_STEM)]


@router.post("", status_code=201, response_model=StemResponsePublic, summary="Record a response")
def record(
    body: StemResponseCreate,
    request: Request,
    service: ServiceDep,
    caller: Intake,
    key: IdempotencyKey = None,
) -> JSONResponse:
    response = StemResponse(
        dossier_ref=body.dossier_ref,
        answered_at=body.answered_at,
        scores=body.scores.model_dump(),
        comment=body.comment,
    )

    def remembered() -> dict[str, Any]:
        dossier, signal = service.signals.record_stem(response, caller.actor, service.stem_rule)
        return {
            "dossier_ref": dossier.dossier_ref,
            "answered_at": body.answered_at.isoformat(),
            "scores": response.scores,
            "signal_id": str(signal.id) if signal else None,
            "response_number": len(dossier.responses),
        }

    outcome, _ = service.commands.run(
        remembered, actor=caller.actor, key=key, fingerprint=fingerprint(request, body)
    )
    return JSONResponse(outcome, status_code=201)
