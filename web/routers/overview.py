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


@router.get("/overzicht")
def overview(request: Request, service: ServiceDep, visitor: Manager) -> Response:
    facts = service.overview.now(looker(request, visitor, service))
    teams: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    statuses: list[tuple[str, str]] = []
    for count in facts.open_cases:
        teams[count.team][f"{count.case_type}:{count.status}"] += count.count
        if (count.case_type, count.status) not in statuses:
            statuses.append((count.case_type, count.status))
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
        teams={team: dict(cells) for team, cells in sorted(teams.items())},
        statuses=sorted(statuses),
        total=sum(c.count for c in facts.open_cases),
        flags=facts.flags,
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
