"""The manager's overview on both stores: open cases by team and status, open flags per
policy, shares on time, the month chart as accessible SVG with a table, and the analysis."""

from __future__ import annotations

from adapters.bootstrap import Service
from application.roles import Role
from tests.integration.conftest import Api
from tests.integration.console_b import Console, access_records, client, console

__all__ = ["client", "console"]


def test_only_a_manager_sees_the_overview(console: Console) -> None:
    assert console.as_(Role.MANAGER).get("/overzicht").status_code == 200
    for role in (Role.INTAKE, Role.MEDIATOR, Role.AUDITOR, Role.ADMIN):
        browser = console.as_(role)
        for url in ("/overzicht", "/overzicht/analyse"):
            refused = browser.get(url)
            assert refused.status_code == 403 and "Dit mag uw rol niet" in refused.text


def test_the_overview_counts_open_cases_and_flags(console: Console, api: Api) -> None:
    api.register()
    api.register(team="Team Zuid")
    closed = api.register(team="Team Zuid")
    ended = api.post(
        Role.MEDIATOR,
        f"/v1/complaints/{closed['id']}/withdraw",
        {"at": "2026-03-16T09:00:00+01:00", "reason": "ingetrokken"},
    )
    assert ended.status_code == 200, ended.text
    page = console.as_(Role.MANAGER).get("/overzicht")
    assert page.status_code == 200 and '<html lang="nl">' in page.text
    assert "2 open zaken" in page.text and "Klacht: ontvangen" in page.text
    assert "Team Zuid" in page.text and "Team Noord" in page.text
    assert "Klacht: ingetrokken" not in page.text
    # received ten days ago and not acknowledged: each open case has a breach
    assert "ontvangst klacht niet op tijd bevestigd" in page.text
    assert "Fatima" not in page.text  # counts only


def test_the_month_chart_is_accessible_svg_with_the_same_numbers_as_a_table(
    console: Console, api: Api
) -> None:
    api.register()
    page = console.as_(Role.MANAGER).get("/overzicht").text
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="grafiek" role="img"' in page
    assert '<title id="grafiek-titel">Ontvangen per maand in 2026</title>' in page
    assert "Dezelfde aantallen als tabel" in page and "mrt 2026" in page
    assert "Klachten, mrt: &lt;5" in page  # one complaint: hidden as in the publication
    assert "<script" not in page


def test_the_analysis_report_is_the_published_one_and_logged(
    console: Console, api: Api, service: Service
) -> None:
    api.register()
    manager = console.as_(Role.MANAGER)
    html = manager.get("/overzicht/analyse", params={"formaat": "html"})
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in html.headers["content-security-policy"]
    csv = manager.get("/overzicht/analyse", params={"formaat": "csv"})
    assert csv.status_code == 200 and "attachment" in csv.headers["content-disposition"]
    wrong = manager.get("/overzicht/analyse", params={"van": "2026-05-01", "tot": "2026-01-01"})
    assert wrong.status_code == 422 and "Deze periode kan niet" in wrong.text
    records = access_records(service, "manager@voorbeeld.nl")
    points = [(r.action, r.access_point) for r in records]
    assert ("report", "GET /overzicht/analyse") in points
    manager.get("/overzicht")
    records = access_records(service, "manager@voorbeeld.nl")
    assert ("report", "GET /overzicht") in [(r.action, r.access_point) for r in records]
