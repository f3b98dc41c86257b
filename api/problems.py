"""The one error mapper: every failure leaves the API as application/problem+json (RFC 9457)."""

from __future__ import annotations

from typing import Any

import structlog
from fastapi import FastAPI, Request, routing
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.routing import compile_path

from adapters.bootstrap import STORE_OUTAGES
from api.schemas.problem import Problem, ProblemDetail
from application.errors import (
    BadCursor,
    CaseNotFound,
    ConcurrentChange,
    IdempotencyKeyReused,
    RegisterUnreadable,
    VersionMismatch,
)
from application.register_rows import RegisterRefused
from domain.errors import InvalidValue, NotAllowed

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
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    title = _TITLES.get(status, "Error")
    body = Problem(
        type=f"urn:gehoord:problem:{title.lower().replace(' ', '-')}",
        title=title,
        status=status,
        detail=detail,
        errors=None if errors is None else [ProblemDetail.model_validate(e) for e in errors],
    )
    content = body.model_dump(mode="json", exclude_none=True)
    return JSONResponse(content, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _field(location: tuple[Any, ...]) -> str:
    """The field as the request names it: pydantic's own steps (`function-after[...]`,
    `nullable[...]`, a union member's tag) are left out, list indexes kept."""
    return ".".join(str(part) for part in location if not _is_schema_step(part))


def _is_schema_step(part: Any) -> bool:
    """A field name is snake_case; a union member's tag is a model's CamelCase name or a type."""
    if not isinstance(part, str):
        return False
    return "[" in part or part in _SCHEMA_STEPS or part[:1].isupper()


_SCHEMA_STEPS = {
    "nullable",
    "union",
    "tagged-union",
    "lax-or-strict",
    "json-or-python",
    "str",
    "constrained-str",
}


def invalid(location: tuple[str, ...], message: str) -> RequestValidationError:
    """A field the schema let through but a rule refuses: 422 naming it, like any other."""
    return RequestValidationError([{"loc": location, "msg": message, "type": "value_error"}])


def _validation(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    found = error.errors()
    if any(e.get("type") == "json_invalid" for e in found):
        return problem(400, "the body is not valid JSON")
    # Never echo the submitted value back: it may be personal data.
    errors = [{"field": _field(e.get("loc", ())), "message": str(e.get("msg", ""))} for e in found]
    return problem(422, "one or more fields are invalid", errors=errors)


def _http(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    detail = error.detail if isinstance(error.detail, str) else _TITLES.get(error.status_code, "")
    headers = dict(error.headers) if error.headers else None
    if error.status_code == 405:
        headers = {"Allow": ", ".join(allowed_methods(request))}
    return problem(error.status_code, detail, headers=headers)


def allowed_methods(request: Request) -> list[str]:
    """Every method some route takes at this path: Starlette's own 405 names only the first
    route's, though GET and POST on one path are two routes."""
    found: set[str] = set()
    for context in routing.iter_route_contexts(request.app.routes):
        methods, path = context.methods, context.path_format
        if methods and path and compile_path(path)[0].match(request.url.path):
            found |= methods
    return sorted(found)


def install_problem_handlers(app: FastAPI) -> None:
    simple: dict[type[Exception], int] = {
        CaseNotFound: 404,
        NotAllowed: 409,
        ConcurrentChange: 409,
        VersionMismatch: 412,
        IdempotencyKeyReused: 422,
        BadCursor: 422,
    }
    for error_class, status in simple.items():
        app.add_exception_handler(error_class, _simple_handler(status))
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(InvalidValue, _invalid_value)
    app.add_exception_handler(RegisterRefused, _register_refused)
    app.add_exception_handler(RegisterUnreadable, _register_unreadable)
    for outage in STORE_OUTAGES:
        app.add_exception_handler(outage, _store_unavailable)
    app.add_exception_handler(Exception, _internal)


def _simple_handler(status: int) -> Any:
    def handle(_: Request, error: Exception) -> JSONResponse:
        return problem(status, str(error))

    return handle


def _invalid_value(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, InvalidValue)
    errors = [{"field": f"body.{error.field}", "message": str(error)}]
    return problem(422, str(error), errors=errors)


def _register_refused(_: Request, error: Exception) -> JSONResponse:
    """Every bad row of the register, by row and column; the values are never echoed."""
    assert isinstance(error, RegisterRefused)
    errors = [{"row": p.row, "column": p.column, "message": p.message} for p in error.problems]
    return problem(422, str(error), errors=errors)


def _register_unreadable(_: Request, error: Exception) -> JSONResponse:
    return problem(422, str(error), errors=[{"field": "file", "message": str(error)}])


def _store_unavailable(_: Request, error: Exception) -> JSONResponse:
    log.warning("store_unavailable", error=type(error).__name__)
    detail = "the database cannot be reached; try again shortly"
    return problem(503, detail, headers={"Retry-After": RETRY_AFTER_SECONDS})


def _internal(_: Request, error: Exception) -> JSONResponse:
    log.error("unhandled_error", error=type(error).__name__)
    return problem(500, "an unexpected error occurred; it has been logged")
