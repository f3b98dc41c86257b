"""GET /health: is the service up, can it reach its store, do its read models keep up?
No token needed."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.dependencies import ServiceDep
from api.schemas.documents import HealthPublic

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
    body: dict[str, object] = {"status": report.status, "store": report.store}
    if report.error is not None:
        body["error"] = report.error
    if report.set_aside_count:
        body["set_aside"] = report.set_aside_count
        body["read_models"] = [
            {
                "name": event.projection,
                "position": event.position,
                "error": event.error,
                "at": event.at.isoformat().replace("+00:00", "Z"),
                "attempts": event.attempts,
            }
            for event in report.set_aside
        ]
    if report.mail is not None:
        body["mail"] = {
            "failing": report.mail.failing,
            "in_doubt": report.mail.in_doubt,
            "error": report.mail.last_error,
        }
    if not report.available:
        return JSONResponse(body, status_code=503, headers={"Retry-After": "5"})
    return JSONResponse(body)
