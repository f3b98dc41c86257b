"""The one error mapper: every failure leaves the API as application/problem+json (RFC 9457)."""

from __future__ import annotations

from typing import Any

import sqlalchemy.exc
import structlog
from eventsourcing.persistence import InterfaceError, OperationalError
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from application.errors import (
    CaseNotFound,
    ConcurrentChange,
    IdempotencyKeyReused,
    VersionMismatch,
)
from domain.errors import InvalidMoment, NotAllowed

log = structlog.get_logger(__name__)
PROBLEM_JSON = "application/problem+json"
RETRY_AFTER_SECONDS = "5"

_TITLES = {
    400: "Malformed request",
    401: "Not authenticated",
    403: "Not allowed for this role",
    404: "Not found",
    405: "Method not allowed",
    409: "Not allowed in the current state",
    412: "Version mismatch",
    413: "Request body too large",
    422: "Invalid request",
    429: "Too many requests",
    500: "Internal error",
    503: "Store unavailable",
}


def problem(
    status: int,
    detail: str,
    *,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    title = _TITLES.get(status, "Error")
    body: dict[str, Any] = {
        "type": f"urn:gehoord:problem:{title.lower().replace(' ', '-')}",
        "title": title,
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _field(location: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in location)


def _validation(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    found = error.errors()
    if any(e.get("type") == "json_invalid" for e in found):
        return problem(400, "the body is not valid JSON")
    # Never echo the submitted value back: it may be personal data.
    errors = [{"field": _field(e.get("loc", ())), "message": str(e.get("msg", ""))} for e in found]
    return problem(422, "one or more fields are invalid", errors=errors)


def _http(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    detail = error.detail if isinstance(error.detail, str) else _TITLES.get(error.status_code, "")
    headers = dict(error.headers) if error.headers else None
    return problem(error.status_code, detail, headers=headers)


def install_problem_handlers(app: FastAPI) -> None:
    simple: dict[type[Exception], int] = {
        CaseNotFound: 404,
        NotAllowed: 409,
        ConcurrentChange: 409,
        VersionMismatch: 412,
        IdempotencyKeyReused: 422,
    }
    for error_class, status in simple.items():
        app.add_exception_handler(error_class, _simple_handler(status))
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(InvalidMoment, _invalid_moment)
    for outage in (OperationalError, InterfaceError, sqlalchemy.exc.OperationalError):
        app.add_exception_handler(outage, _store_unavailable)
    app.add_exception_handler(Exception, _internal)


def _simple_handler(status: int) -> Any:
    def handle(_: Request, error: Exception) -> JSONResponse:
        return problem(status, str(error))

    return handle


def _invalid_moment(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, InvalidMoment)
    errors = [{"field": f"body.{error.field}", "message": str(error)}]
    return problem(422, str(error), errors=errors)


def _store_unavailable(_: Request, error: Exception) -> JSONResponse:
    log.warning("store_unavailable", error=type(error).__name__)
    detail = "the database cannot be reached; try again shortly"
    return problem(503, detail, headers={"Retry-After": RETRY_AFTER_SECONDS})


def _internal(_: Request, error: Exception) -> JSONResponse:
    log.error("unhandled_error", error=type(error).__name__)
    return problem(500, "an unexpected error occurred; it has been logged")
