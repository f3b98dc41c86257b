"""GET /v1/reports/complaints-analysis: the publishable yearly analysis as JSON, CSV or HTML."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.dependencies import Look, ServiceDep, looking
from api.problems import invalid
from api.schemas.common import Day
from api.schemas.documents import BINARY, TEXT, ComplaintsAnalysis, formats
from application.ports import AccessAction
from application.roles import Action

router = APIRouter(prefix="/v1/reports", tags=["reports"])
Manager = Annotated[Look, looking(Action.READ_REPORTS)]


@router.get(
    "/complaints-analysis",
    summary="Counts, working days, shares on time, upheld answers and measures; small counts <5",
    response_model=None,
    responses=formats(
        ComplaintsAnalysis, {"text/csv": TEXT, "text/html": TEXT, "application/pdf": BINARY}
    ),
)
def read_complaints_analysis(
    service: ServiceDep,
    look: Manager,
    first: Annotated[
        Day | None, Query(alias="from", description="first day (default 1 Jan)")
    ] = None,
    last: Annotated[Day | None, Query(alias="to", description="last day (default 31 Dec)")] = None,
    format: Annotated[
        Literal["json", "csv", "html", "pdf"],
        Query(description="json (application/json), csv (text/csv), html (text/html), pdf"),
    ] = "json",
    lang: Literal["nl", "en"] = "nl",
) -> Response:
    year = service.clock.now().year
    first = first or date(year, 1, 1)
    last = last or date(first.year, 12, 31)
    if last < first:
        raise invalid(("query", "to"), "`to` lies before `from`")
    if (last - first).days > 3 * 366:
        raise invalid(("query", "to"), "a report covers at most three years")
    report = service.reports.complaints_analysis(first, last, lang)
    service.access.looked(look.who, AccessAction.REPORT)
    content, media_type = service.render_report(report, format)
    response = Response(content, media_type=media_type)
    if format == "html":
        response.headers["content-security-policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'"
        )
    return response
