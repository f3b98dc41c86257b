"""GET /v1/reports/complaints-analysis: the publishable yearly analysis as JSON, CSV or HTML."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.exceptions import HTTPException

from api.dependencies import ServiceDep, allowed
from application.report import complaints_analysis
from application.report_format import to_csv, to_html
from application.roles import Action
from application.tokens import Principal

router = APIRouter(prefix="/v1/reports", tags=["reports"])
Manager = Annotated[Principal, allowed(Action.READ_REPORTS)]


@router.get(
    "/complaints-analysis",
    summary="Counts, working days, shares on time, upheld answers and measures; small counts <5",
    responses={200: {"content": {"text/csv": {}, "text/html": {}}}},
)
def complaints_analysis_report(
    service: ServiceDep,
    caller: Manager,
    first: Annotated[
        date | None, Query(alias="from", description="first day (default 1 Jan)")
    ] = None,
    last: Annotated[date | None, Query(alias="to", description="last day (default 31 Dec)")] = None,
    format: Literal["json", "csv", "html"] = "json",
) -> Response:
    year = service.clock.now().year
    first = first or date(year, 1, 1)
    last = last or date(first.year, 12, 31)
    if last < first:
        raise HTTPException(422, "`to` lies before `from`")
    if (last - first).days > 3 * 366:
        raise HTTPException(422, "a report covers at most three years")
    report = complaints_analysis(
        service.report_rows, first, last, service.settings.report_minimum_count
    )
    if format == "csv":
        return PlainTextResponse(to_csv(report), media_type="text/csv")
    if format == "html":
        page = HTMLResponse(to_html(report))
        page.headers["content-security-policy"] = "default-src 'none'; style-src 'unsafe-inline'"
        return page
    return JSONResponse(report)
