"""The mediator's work list: `/werkvoorraad` (the queue, built out with the console)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from web.pages import SignedIn, render

router = APIRouter(include_in_schema=False)


@router.get("/werkvoorraad")
def work_list(request: Request, visitor: SignedIn) -> HTMLResponse:
    return render(request, "werkvoorraad.html", visitor=visitor)
