"""The FastAPI application factory: wires routers, errors and middleware; connects only on start."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from adapters.bootstrap import Service, build, check_schema
from adapters.settings import Settings
from api.middleware import GuardMiddleware
from api.openapi.document import install as install_openapi
from api.openapi.operation_ids import operation_id
from api.problems import install_problem_handlers
from api.routers import (
    admin,
    audit,
    complaint_commands,
    complaints,
    docs,
    health,
    imports,
    learning,
    privacy,
    queue,
    reports,
    signals,
    staff,
    stem,
)

ROUTERS = (
    docs,
    health,
    complaints,
    complaint_commands,
    learning,
    signals,
    stem,
    queue,
    admin,
    privacy,
    imports,
    staff,
    audit,
    reports,
)
"""One router per resource, in the order the OpenAPI document lists them."""

DESCRIPTION = """Complaints and signals of dissatisfaction for youth-care organisations.
Every change is an event; nothing is overwritten. Send `Authorization: Bearer <token>`."""


def create_app(settings: Settings | None = None, service: Service | None = None) -> FastAPI:
    """Build the app; `service` lets tests pass one already built (with a settable clock)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        running = service or build(settings or Settings())
        check_schema(running)
        # Read models catch up in the background: start-up never waits for one, nor fails on one.
        running.start_background(with_scheduler=running.settings.scheduler == "on")
        app.state.service = running
        try:
            yield
        finally:
            running.close()

    app = FastAPI(
        title="gehoord",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served by api/routers/docs from the shipped assets, not a CDN
        redoc_url=None,
        generate_unique_id_function=operation_id,
    )
    install_problem_handlers(app)
    app.add_middleware(GuardMiddleware)
    app.mount("/static/docs", StaticFiles(directory=docs.DOCS_ASSETS), name="docs-assets")
    for resource in ROUTERS:
        app.include_router(resource.router)
    install_openapi(app)
    return app
