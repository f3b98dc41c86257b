"""The manager's overview: `/overzicht` (open cases by status and team, breaches per policy,
shares on time this year, a chart per month) and `/overzicht/analyse` (the analysis report)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.dependencies import ServiceDep
from application.ports import AccessAction
from application.roles import Action
from domain.values import SignalStatus, Status
from web import page_words
from web.month_chart import Series, month_chart, month_label
from web.page_parts import looker
from web.pages import PageError, Visitor, allowed_on_page, render

router = APIRouter(include_in_schema=False)
Manager = Annotated[Visitor, allowed_on_page(Action.READ_REPORTS)]
__all__ = ["page_words", "router"]
NORMS_NL = {
    "acknowledgement": "ontvangstbevestiging klacht",
    "minutes": "verslag van het gesprek",
    "decision": "uitspraak",
    "upheld_response": "reactie na gegronde klacht",
    "signal_acknowledgement": "reactie op een signaal",
}


LIFECYCLE = [("complaint", str(s)) for s in Status] + [("signal", str(s)) for s in SignalStatus]
"""Rows in the order a case goes through its life, complaints first."""


def _team_order(team: str) -> tuple[bool, str]:
    return (team == "unassigned", team)


@router.get("/overzicht")
def overview(request: Request, service: ServiceDep, visitor: Manager) -> Response:
    facts = service.overview.now(looker(request, visitor, service))
    teams = sorted({count.team for count in facts.open_cases}, key=_team_order)
    cells = {(c.case_type, c.status, c.team): c.count for c in facts.open_cases}
    rows = [
        (case_type, status, [cells.get((case_type, status, team), 0) for team in teams])
        for case_type, status in LIFECYCLE
        if any((case_type, status, team) in cells for team in teams)
    ]
    flags: dict[str, dict[str, int]] = defaultdict(dict)
    for flag in facts.flags:
        flags[flag.policy][flag.severity] = flag.count
    analysis = facts.analysis
    months = list(analysis["months"])
    chart = month_chart(
        f"Ontvangen per maand in {analysis['period']['from'][:4]}",
        months,
        [
            Series("Klachten", "#1f5f8b", analysis["complaints"]["by_month"]),
            Series("Signalen", "#a34f00", analysis["signals"]["by_month"]),
        ],
    )
    return render(
        request,
        "overzicht.html",
        visitor=visitor,
        teams=teams,
        rows=rows,
        totals=[sum(row[2][i] for row in rows) for i in range(len(teams))],
        total=sum(c.count for c in facts.open_cases),
        flags=sorted(flags.items(), key=lambda item: -item[1].get("breach", 0)),
        analysis=analysis,
        norms=NORMS_NL,
        months=[(m, month_label(m)) for m in months],
        chart=chart,
    )


@router.get("/overzicht/analyse")
def analysis_report(
    request: Request,
    service: ServiceDep,
    visitor: Manager,
    van: Annotated[date | None, Query()] = None,
    tot: Annotated[date | None, Query()] = None,
    formaat: Literal["html", "csv", "pdf"] = "html",
) -> Response:
    """The published analysis, exactly as `GET /v1/reports/complaints-analysis` makes it."""
    year = service.clock.now().year
    first = van or date(year, 1, 1)
    last = tot or date(first.year, 12, 31)
    if last < first or (last - first).days > 3 * 366:
        raise PageError(
            422,
            "Deze periode kan niet",
            "Kies een einddatum na de begindatum, en een periode van hoogstens drie jaar.",
        )
    report = service.reports.complaints_analysis(first, last, "nl")
    service.access.looked(looker(request, visitor, service), AccessAction.REPORT)
    content, media_type = service.render_report(report, formaat)
    response = Response(content, media_type=media_type)
    if formaat == "html":
        response.headers["content-security-policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'"
        )
    else:
        name = f"klachtenanalyse-{first.isoformat()}-{last.isoformat()}.{formaat}"
        response.headers["content-disposition"] = f'attachment; filename="{name}"'
    return response
