"""Which problem statuses each operation can answer, read from what its route depends on."""

from __future__ import annotations

from typing import Any

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from application.roles import PERMISSIONS, Action, Role

WHY: dict[int, str] = {
    400: "Malformed request: the body is not JSON, or `If-Match` / `X-On-Behalf-Of` is malformed",
    401: "No token, or an unknown or revoked one",
    403: "The token's role may not do this",
    404: "No such case, request, list or staff member",
    409: "Not allowed in the current state; `detail` says why",
    412: "`If-Match` names a version that is no longer the current one",
    413: "The body is over 64 KiB (a register over 16 MiB)",
    422: "A field is invalid; `errors` names each one",
    429: "Too many failed authentications from this address; see `Retry-After`",
    503: "The store cannot be reached; try again after `Retry-After`",
}
"""Why an operation answers each status: one sentence per status, the same for every route."""


def statuses(route: APIRoute) -> set[int]:
    """Every problem status `route` can answer: its token (401, 429, and 403 unless every role
    may), its dependencies' own answers, its parameters (422; 404 for an id in the path), its
    body (400, 413, 422), and 503 for anything that reaches the store."""
    found: set[int] = set()
    action = _action(route.dependant)
    if action is not None:
        found |= {401, 429, 503}
        if PERMISSIONS[action] != frozenset(Role):
            found.add(403)
    found |= _declared(route.dependant)
    if _params(route.dependant, "path"):
        found |= {404, 422}
    if any(_params(route.dependant, kind) for kind in ("query", "header", "cookie")):
        found.add(422)
    if route.body_field is not None:
        found |= {400, 413, 422}
    return found


def _action(dependant: Dependant) -> Action | None:
    for dependency in dependant.dependencies:
        found = getattr(dependency.call, "action", None) or _action(dependency)
        if found is not None:
            return found
    return None


def _params(dependant: Dependant, kind: str) -> bool:
    """Whether the route or any of its dependencies takes a `kind` parameter."""
    own = bool(getattr(dependant, f"{kind}_params"))
    return own or any(_params(d, kind) for d in dependant.dependencies)


def _declared(dependant: Dependant) -> set[int]:
    found: set[int] = set(getattr(dependant.call, "answers", ()))
    for dependency in dependant.dependencies:
        found |= _declared(dependency)
    return found


def problem_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
        },
    }
