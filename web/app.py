"""The whole service as `gehoord serve` runs it: the API and the console on one application."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

from adapters.bootstrap import Service
from adapters.settings import Settings
from api.app import create_app as create_api
from api.dependencies import get_service
from web.pages import STATIC, install_page_errors
from web.routers import (
    admin,
    admin_privacy,
    audit,
    complaint_forms,
    complaints,
    intake,
    me,
    overview,
    sign_in,
    signals,
    sso,
    stem,
    work,
)


def organisation_theme(request: Request) -> Response:
    """GEHOORD_CONSOLE_THEME: the organisation's one CSS file, loaded after the neutral theme."""
    theme = get_service(request).settings.console_theme
    if theme is None:
        return Response(status_code=404)
    return FileResponse(theme, media_type="text/css")


def create_app(settings: Settings | None = None, service: Service | None = None) -> FastAPI:
    """The API app with the console's pages added (they share the service and the role table)."""
    app = create_api(settings, service)
    install_page_errors(app)
    app.mount("/static/console", StaticFiles(directory=STATIC), name="console-assets")
    app.add_api_route("/thema.css", organisation_theme, include_in_schema=False)
    app.include_router(sign_in.router)
    app.include_router(sso.router)
    app.include_router(work.router)
    app.include_router(intake.router)  # before complaints: /klachten/nieuw is not a reference
    app.include_router(complaints.router)
    app.include_router(complaint_forms.router)
    app.include_router(me.router)
    app.include_router(signals.router)
    app.include_router(audit.router)
    app.include_router(overview.router)
    app.include_router(admin.router)
    app.include_router(admin_privacy.router)
    app.include_router(stem.router)
    return app
