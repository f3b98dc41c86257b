"""GET /health: is the service up, can it reach its store, do its read models keep up?
No token needed."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.dependencies import ServiceDep
from api.schemas.documents import HealthPublic, MailHealthPublic, SetAsidePublic

router = APIRouter(tags=["health"])


@router.get(
    "/health",
    summary="Liveness, store reachability and read models' set-aside events",
    response_model=None,
    responses={
        200: {"model": HealthPublic},
        503: {"model": HealthPublic, "description": "The store cannot be reached"},
    },
)
def read_health(service: ServiceDep) -> JSONResponse:
    report = service.health.check()
    mail = report.mail
    health = HealthPublic(
        status=report.status,
        store=report.store,
        error=report.error,
        set_aside=report.set_aside_count or None,
        read_models=[
            SetAsidePublic(
                name=event.projection,
                position=event.position,
                error=event.error,
                at=event.at,
                attempts=event.attempts,
            )
            for event in report.set_aside
        ]
        or None,
        mail=MailHealthPublic(failing=mail.failing, in_doubt=mail.in_doubt, error=mail.last_error)
        if mail is not None
        else None,
    )
    body = health.model_dump(mode="json", exclude_none=True)
    if not report.available:
        return JSONResponse(body, status_code=503, headers={"Retry-After": "5"})
    return JSONResponse(body)
