"""Completes FastAPI's generated document: every problem status each operation can answer, as
the Problem schema in application/problem+json, with the headers that come with it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI, routing
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from api.openapi.answers import WHY, problem_response, statuses
from api.openapi.examples import add_examples
from api.openapi.links import add_links
from api.schemas.problem import Problem

HEADERS: dict[int, dict[str, Any]] = {
    401: {"WWW-Authenticate": {"description": "`Bearer`", "schema": {"type": "string"}}},
    429: {"Retry-After": {"description": "seconds to wait", "schema": {"type": "string"}}},
    503: {"Retry-After": {"description": "seconds to wait", "schema": {"type": "string"}}},
}
CASES = ("#/components/schemas/ComplaintPublic", "#/components/schemas/SignalPublic")
ETAG = {
    "description": 'The case\'s version, e.g. "3": send it back as If-Match',
    "schema": {"type": "string"},
}
LOCATION = {"description": "Where the new case is read", "schema": {"type": "string"}}
FASTAPI_VALIDATION = ("HTTPValidationError", "ValidationError")
"""FastAPI's own 422 schemas: replaced by Problem, since the service never sends them."""


def install(app: FastAPI) -> None:
    """`app.openapi()` (and /openapi.json) answers the completed document, built once."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(
                title=app.title,
                version=app.version,
                openapi_version=app.openapi_version,
                description=app.description,
                routes=app.routes,
            )
            app.openapi_schema = complete(document, app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def operations(app: FastAPI) -> Iterator[tuple[APIRoute, str, str]]:
    """(route, path, method) for every documented operation."""
    for context in routing.iter_route_contexts(app.routes):
        route = context.original_route
        if isinstance(route, APIRoute) and route.include_in_schema and context.path_format:
            for method in sorted(context.methods or ()):
                yield route, context.path_format, method.lower()


def complete(document: dict[str, Any], app: FastAPI) -> dict[str, Any]:
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for name in FASTAPI_VALIDATION:
        schemas.pop(name, None)
    problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(problem.pop("$defs", {}))
    schemas["Problem"] = problem
    for route, path, method in operations(app):
        operation = document["paths"][path][method]
        _answer_problems(operation, statuses(route))
        _name_case_headers(operation)
        for parameter in operation.get("parameters", []):
            parameter["schema"] = without_null(parameter["schema"])
    add_examples(document)
    add_links(document)
    return document


def _answer_problems(operation: dict[str, Any], found: set[int]) -> None:
    responses = operation["responses"]
    for status in found:
        responses.setdefault(str(status), {})
    for code, response in list(responses.items()):
        status = int(code)
        if status < 400 or _has_own_schema(response):
            continue
        description = response.get("description")
        if not description or description == "Validation Error":
            description = WHY.get(status, "A problem")
        answer = problem_response(description)
        if status in HEADERS:
            answer["headers"] = HEADERS[status]
        responses[code] = answer
    operation["responses"] = dict(sorted(responses.items()))


def _has_own_schema(response: dict[str, Any]) -> bool:
    """A route that documents its own error body (/health's 503) keeps it."""
    content = response.get("content", {}).get("application/json", {})
    return "schema" in content and "HTTPValidationError" not in str(content["schema"])


def without_null(schema: dict[str, Any]) -> dict[str, Any]:
    """A path, query or header parameter is left out, never null: `str | None = None` says
    `anyOf: [string, null]`, which a client would send as the text "null"."""
    kinds = schema.get("anyOf")
    if not kinds or {"type": "null"} not in kinds or len(kinds) != 2:
        return schema
    (kept,) = [kind for kind in kinds if kind != {"type": "null"}]
    outer = {key: value for key, value in schema.items() if key != "anyOf"}
    return {**kept, **outer}


def _name_case_headers(operation: dict[str, Any]) -> None:
    """An answer showing a case carries its version as ETag; a new case's also its Location."""
    for code, response in operation["responses"].items():
        schema = response.get("content", {}).get("application/json", {}).get("schema", {})
        if schema.get("$ref") in CASES:
            headers = response.setdefault("headers", {})
            headers["ETag"] = ETAG
            if code == "201":
                headers["Location"] = LOCATION
