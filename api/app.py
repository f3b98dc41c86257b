"""The FastAPI application factory: wires routers, errors and middleware; connects only on start."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from adapters.bootstrap import Service, build, check_schema
from adapters.scheduler import scheduler
from adapters.settings import Settings
from api.middleware import GuardMiddleware
from api.problems import install_problem_handlers
from api.rate_limit import FailedAuthLimiter
from api.routers import (
    admin,
    audit,
    complaint_commands,
    complaints,
    health,
    queue,
    reports,
    signals,
    stem,
)

DESCRIPTION = """Complaints and signals of dissatisfaction for youth-care organisations.
Every change is an event; nothing is overwritten. Send `Authorization: Bearer <token>`."""


def create_app(settings: Settings | None = None, service: Service | None = None) -> FastAPI:
    """Build the app; `service` lets tests pass one already built (with a settable clock)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        running = service or build(settings or Settings())
        check_schema(running)
        running.projections.catch_up()
        running.start_background()
        sweeper = scheduler(running) if running.settings.scheduler == "on" else None
        if sweeper is not None:
            sweeper.start()
        app.state.service = running
        app.state.auth_limiter = FailedAuthLimiter(running.settings.auth_failures_per_minute)
        try:
            yield
        finally:
            if sweeper is not None:
                sweeper.shutdown(wait=True)
            running.close()

    app = FastAPI(title="gehoord", version="0.1.0", description=DESCRIPTION, lifespan=lifespan)
    install_problem_handlers(app)
    app.add_middleware(GuardMiddleware)
    app.include_router(health.router)
    app.include_router(complaints.router)
    app.include_router(complaint_commands.router)
    app.include_router(signals.router)
    app.include_router(stem.router)
    app.include_router(queue.router)
    app.include_router(admin.router)
    app.include_router(audit.router)
    app.include_router(reports.router)
    return app
