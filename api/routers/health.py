"""GET /health: is the service up and can it reach its store? No token needed."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from api.dependencies import ServiceDep

router = APIRouter(tags=["health"])


@router.get("/health", summary="Liveness and store reachability")
def health(service: ServiceDep) -> JSONResponse:
    try:
        with service.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:
        body = {"status": "unavailable", "store": "unreachable", "error": type(error).__name__}
        return JSONResponse(body, status_code=503, headers={"Retry-After": "5"})
    return JSONResponse({"status": "ok", "store": "reachable"})
