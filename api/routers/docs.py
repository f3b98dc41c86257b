"""/docs and /redoc: the API's documentation pages, from assets the service ships (offline)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

DOCS_ASSETS = Path(__file__).resolve().parent.parent / "static" / "docs"
router = APIRouter(include_in_schema=False)


@router.get("/docs")
def swagger_ui() -> HTMLResponse:
    return HTMLResponse((DOCS_ASSETS / "swagger.html").read_text())


@router.get("/redoc")
def redoc() -> HTMLResponse:
    return HTMLResponse((DOCS_ASSETS / "redoc.html").read_text())
