"""The role table, read from the routes themselves: which roles may call which endpoint.

`python -m api.roles_doc > docs/roles.md` writes the documentation; a test checks it is current.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, routing
from fastapi.routing import APIRoute

from application.roles import PERMISSIONS, Action, Role


def _action(dependant: Any) -> Action | None:
    for dependency in dependant.dependencies:
        found = getattr(dependency.call, "action", None) or _action(dependency)
        if found is not None:
            return found
    return None


def route_table(app: FastAPI) -> list[tuple[str, str, Action | None]]:
    """(method, path, action) for every route; action None means no token is needed."""
    rows = []
    for context in routing.iter_route_contexts(app.routes):
        route = context.original_route
        if not isinstance(route, APIRoute) or not route.include_in_schema:
            continue  # the documentation pages and their assets are not the API
        if context.path and context.methods:
            for method in sorted(context.methods):
                rows.append((method, context.path, _action(route.dependant)))
    return sorted(rows, key=lambda r: (r[1], r[0]))


def markdown(app: FastAPI) -> str:
    roles = list(Role)
    lines = [
        "# Roles",
        "",
        "Generated from the routes and `application/roles.py` by `python -m api.roles_doc`;",
        "a test fails when this file is out of date. A missing token, an unknown or revoked",
        "token or a malformed `Authorization` header is 401; a role without a tick is 403.",
        "",
        "| endpoint | " + " | ".join(r.value for r in roles) + " |",
        "|---|" + "---|" * len(roles),
    ]
    for method, path, action in route_table(app):
        if action is None:
            ticks = ["no token needed"] + [""] * (len(roles) - 1)
        else:
            ticks = ["✓" if role in PERMISSIONS[action] else "" for role in roles]
        lines.append(f"| `{method} {path}` | " + " | ".join(ticks) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    from api.app import create_app

    print(markdown(create_app()), end="")
