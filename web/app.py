"""The whole service as `gehoord serve` runs it: the API and the console on one application."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from adapters.bootstrap import Service
from adapters.settings import Settings
from api.app import create_app as create_api
from web.pages import STATIC, install_page_errors
from web.routers import admin, admin_privacy, audit, overview, sign_in, signals, sso, stem, work


def create_app(settings: Settings | None = None, service: Service | None = None) -> FastAPI:
    """The API app with the console's pages added (they share the service and the role table)."""
    app = create_api(settings, service)
    install_page_errors(app)
    app.mount("/static/console", StaticFiles(directory=STATIC), name="console-assets")
    app.include_router(sign_in.router)
    app.include_router(sso.router)
    app.include_router(work.router)
    app.include_router(signals.router)
    app.include_router(audit.router)
    app.include_router(overview.router)
    app.include_router(admin.router)
    app.include_router(admin_privacy.router)
    app.include_router(stem.router)
    return app
