"""The complaints analysis over HTTP, publishable as it is: a generated year of complaints in
JSON, CSV, HTML and PDF, and the HTML rendered in headless Chromium."""

from __future__ import annotations

import csv
import io
import random
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from adapters.bootstrap import Service
from adapters.clock import SettableClock
from adapters.demo import load_demo
from application.complaint_use_cases import (
    AcknowledgeComplaint,
    CommunicateMeasures,
    GiveApology,
    HoldConversation,
    RecordRuling,
    ReferToCommittee,
    RegisterComplaint,
    SendMinutes,
)
from application.learning_use_cases import (
    ApproveMeasureSummary,
    MarkMeasureDone,
    SetThemes,
    WriteMeasureSummary,
)
from application.roles import Role
from domain.records import Contact, MeasurePlan
from domain.values import Channel, Outcome, Verdict
from tests.conftest import IN_CI
from tests.integration.conftest import Api

REPORT = "/v1/reports/complaints-analysis"
YEAR = {"from": "2025-01-01", "to": "2025-12-31"}
SECRET_MEASURE = "Bel Karel Janssen op 06-11122233 over dossier D-2025-0042"
PUBLIC = "Gezinnen krijgen één vaste jeugdbeschermer."
UNAPPROVED = "Deze samenvatting is nog niet goedgekeurd."
TEAMS = ["Team Noord", "Team Zuid", "Team Oost"]
SMALL_TEAM = {7: "Team Klein", 150: "Team Klein"}  # two complaints: a count that must hide
CHANNELS = [Channel.EMAIL, Channel.PHONE, Channel.LETTER, Channel.WEB]


def needs(program: str) -> str:
    found = shutil.which(program)
    if found is None:
        message = f"{program} is not installed (make test installs it)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path}/report.sqlite"


def run(service: Service, clock: SettableClock, at: datetime, command: Any, actor: str) -> Any:
    clock.set(at + timedelta(minutes=5))
    return service.commands.run(command, actor=actor)


def generated_year(service: Service, clock: SettableClock) -> None:
    """About 200 complaints over 2025, most acknowledged and talked about in time, some late,
    about a fifth upheld; one team with a single complaint (a count that must stay hidden)."""
    rng = random.Random(2025)
    for n in range(199):
        received = datetime(2025, 1, 2, 9, tzinfo=UTC) + timedelta(days=n * 362 // 199)
        registration = RegisterComplaint(
            received,
            CHANNELS[n % 4],
            Contact(f"Ouder {n}", f"ouder{n}@example.nl"),
            f"D-2025-{n:04d}",
            "Onderwerp",
            "Omschrijving",
            SMALL_TEAM.get(n, TEAMS[n % 3]),
        )
        case_id = run(service, clock, received, registration, "intake:t").case.id
        themes = SetThemes(case_id, (("communicatie", "bejegening", "privacy")[n % 3],), received)
        run(service, clock, received, themes, "mediator:t")
        acknowledged = received + timedelta(days=rng.choice([1, 1, 2, 3, 9]))
        run(service, clock, acknowledged, AcknowledgeComplaint(case_id, acknowledged), "mediator:t")
        talked = acknowledged + timedelta(days=2)
        outcome = Outcome.UNRESOLVED if n % 5 == 0 else Outcome.RESOLVED
        talk = HoldConversation(case_id, talked, ("Ouder",), outcome)
        run(service, clock, talked, talk, "mediator:t")
        sent = talked + timedelta(days=rng.choice([1, 2, 3, 12]))
        run(service, clock, sent, SendMinutes(case_id, sent, "Ouder"), "mediator:t")
        if n % 5 == 0:
            upheld(service, clock, case_id, sent, n)


def upheld(service: Service, clock: SettableClock, case_id: Any, after: datetime, n: int) -> None:
    referred, ruled = after + timedelta(days=3), after + timedelta(days=20)
    run(service, clock, referred, ReferToCommittee(case_id, referred), "mediator:t")
    run(service, clock, ruled, RecordRuling(case_id, ruled, Verdict.UPHELD), "mediator:t")
    answered = ruled + timedelta(days=10)
    if n % 2 == 0:
        run(service, clock, answered, GiveApology(case_id, answered, "Excuses"), "mediator:t")
    plan = MeasurePlan(SECRET_MEASURE, "Team Noord", (answered + timedelta(days=30)).date())
    told = CommunicateMeasures(case_id, answered, (plan,))
    run(service, clock, answered, told, "mediator:t")
    if n % 3 == 0:
        done = answered + timedelta(days=20)
        run(service, clock, done, MarkMeasureDone(case_id, 1, done, "Rooster"), "mediator:t")
    if n in (0, 5):
        text = PUBLIC if n == 0 else UNAPPROVED
        run(service, clock, answered, WriteMeasureSummary(case_id, 1, text), "manager:a")
    if n == 0:
        run(service, clock, answered, ApproveMeasureSummary(case_id, 1), "manager:b")


@pytest.fixture
def year_api(api: Api, clock: SettableClock) -> Iterator[Api]:
    generated_year(api.service, clock)
    clock.set(datetime(2026, 3, 16, 9, tzinfo=UTC))
    api.service.projections.catch_up()
    yield api


def test_a_generated_year_is_publishable_in_json_csv_and_html(year_api: Api) -> None:
    api = year_api
    report = api.get(Role.MANAGER, REPORT, **YEAR).json()
    assert report["organisation"] and report["language"] == "nl"
    assert report["generated_at"] == "2026-03-16T09:00:00Z"
    c = report["complaints"]
    assert c["total"] == 199 and list(c["by_month"]) == [f"2025-{m:02d}" for m in range(1, 13)]
    assert all(isinstance(n, int) and n > 0 for n in c["by_month"].values())
    assert c["by_team"]["Team Klein"] == "<5"
    # and one more team is hidden, so the total minus the shown teams does not give it away
    assert list(c["by_team"].values()).count("<5") == 2
    assert c["by_theme"] == {"bejegening": 66, "communicatie": 67, "privacy": 66}
    on_time = report["on_time"]
    assert all(isinstance(on_time[k]["share"], int) for k in ("acknowledgement", "minutes"))
    assert 50 < on_time["acknowledgement"]["share"] < 100
    assert report["upheld"]["rulings"] == 40 and report["upheld"]["share_with_apology"] == 50
    assert report["measures"]["taken"] == 40 and report["measures"]["done_on_time"] == 14
    assert report["summaries"] == [PUBLIC]
    as_csv = api.get(Role.MANAGER, REPORT, format="csv", **YEAR).text
    as_html = api.get(Role.MANAGER, REPORT, format="html", **YEAR).text
    header = next(csv.reader(io.StringIO(as_csv)))
    assert header == ["onderdeel", "onderwerp", "waarde"]
    assert '<html lang="nl">' in as_html and "Klachtenanalyse 2025" in as_html
    assert all(f"{m} 2025" in as_html for m in ("jan", "jun", "dec"))
    for text in (str(report), as_csv, as_html):
        assert PUBLIC in text
        for secret in (SECRET_MEASURE, "Karel", "D-2025-", "Ouder 1", "ouder1@", UNAPPROVED):
            assert secret not in text, secret


ORGANISATION = "Stichting Jeugdzorg Testland"
SIGNALS = {2: 3, 5: 2, 8: 2}
"""Month of 2025 → signals received then: seven in all, each month's count small enough to hide,
and too few acknowledgements judged for a share."""
DUTCH_MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


@pytest.fixture
def year_with_signals_api(year_api: Api) -> Api:
    api = year_api
    for month, count in SIGNALS.items():
        for n in range(count):
            received = datetime(2025, month, 3 + n, 9, tzinfo=UTC)
            body = {
                "received_at": received.isoformat(),
                "channel": "phone",
                "dossier_ref": f"D-2025-9{month:02d}{n}",
                "summary": "Ouder belde over de bezoekregeling",
            }
            signal = api.post(Role.INTAKE, "/v1/signals", body)
            assert signal.status_code == 201, signal.text
            acknowledged = {"at": (received + timedelta(hours=1)).isoformat()}
            path = f"/v1/signals/{signal.json()['id']}/acknowledge"
            assert api.post(Role.MEDIATOR, path, acknowledged).status_code == 200
    api.service.projections.catch_up()
    return api


@pytest.mark.parametrize(
    "settings_changes", [pytest.param({"organisation_name": ORGANISATION}, id="named")]
)
def test_the_csv_and_html_hide_small_counts_show_shares_and_every_month(
    year_with_signals_api: Api,
) -> None:
    api = year_with_signals_api
    report = api.get(Role.MANAGER, REPORT, **YEAR).json()
    acknowledgement = report["on_time"]["acknowledgement"]
    assert acknowledgement["judged"] == 199 and isinstance(acknowledgement["share"], int)
    assert report["on_time"]["signal_acknowledgement"] == {"judged": 7, "share": None}
    share = acknowledgement["share"]
    months = [f"2025-{m:02d}" for m in range(1, 13)]

    as_csv = api.get(Role.MANAGER, REPORT, format="csv", **YEAR).text
    rows = {(part, item): value for part, item, value in list(csv.reader(io.StringIO(as_csv)))[1:]}
    assert rows[("policy_versions", "0.version")] == "2019-1"  # a record, field by field
    assert not any(value.startswith("{") for value in rows.values())
    assert rows["organisation", ""] == ORGANISATION
    assert rows["complaints", "by team.Team Klein"] == "<5"
    assert rows["signals", "received"] == "7"
    assert [rows["signals", f"by month.{m}"] for m in months] == [
        "<5" if int(m[-2:]) in SIGNALS else "0" for m in months
    ]  # every month of the year, also those nothing came in
    assert [rows["months", str(i)] for i in range(12)] == months
    assert all(rows["complaints", f"by month.{m}"].isdigit() for m in months)
    # a share is a whole percentage where at least 10 were judged, and empty where fewer were
    judged_and_share = [rows["on_time", f"acknowledgement.{k}"] for k in ("judged", "share")]
    assert judged_and_share == ["199", str(share)]
    assert 0 < share < 100
    assert rows["on_time", "signal acknowledgement.judged"] == "7"
    assert rows["on_time", "signal acknowledgement.share"] == ""

    as_html = api.get(Role.MANAGER, REPORT, format="html", **YEAR).text
    assert as_html.count("<svg") >= 3 and "<img" not in as_html  # charts inline
    assert ORGANISATION in as_html and "Jeugdbescherming Voorbeeldregio" not in as_html
    assert f"{ORGANISATION} · Gemaakt op 16 maart 2026" in as_html
    assert "<th scope='row'>Team Klein</th><td>&lt;5</td>" in as_html
    assert f"ontvangstbevestiging</th><td>{share}% van 199 beoordeeld</td>" in as_html
    assert "reactie op een signaal</th><td>minder dan 10 beoordeeld</td>" in as_html
    trend = re.search(r'<svg[^>]*aria-label="Klachten en signalen per maand".*?</svg>', as_html)
    assert trend is not None
    labels = re.findall(r'text-anchor="middle">([a-z]{3}) 2025</text>', trend.group())
    assert labels == list(DUTCH_MONTHS)
    assert trend.group().count("<title>&lt;5</title>") == len(SIGNALS)  # hatched, not to scale


def test_the_analysis_speaks_english_when_asked(year_api: Api) -> None:
    as_html = year_api.get(Role.MANAGER, REPORT, format="html", lang="en", **YEAR).text
    as_csv = year_api.get(Role.MANAGER, REPORT, format="csv", lang="en", **YEAR).text
    assert '<html lang="en">' in as_html and "Complaints analysis 2025" in as_html
    assert as_csv.startswith("section,item,value")


def test_the_pdf_is_a4_with_the_organisations_name_and_renders(
    year_api: Api, tmp_path: Path
) -> None:
    pdftoppm, pdftotext = needs("pdftoppm"), needs("pdftotext")
    response = year_api.get(Role.MANAGER, REPORT, format="pdf", **YEAR)
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    subprocess.run(
        [pdftoppm, "-png", "-r", "50", "-f", "1", "-l", "1", pdf, tmp_path / "page"],
        check=True,
        timeout=60,
    )
    page = next(tmp_path.glob("page-*.png"))
    assert page.stat().st_size > 10_000
    text = subprocess.run(
        [pdftotext, "-layout", pdf, "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    organisation = year_api.service.settings.organisation_name
    assert organisation in text and "Pagina 1 van" in text
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, timeout=60).stdout
    assert "(A4)" in info


def test_only_managers_read_reports_and_a_reversed_period_is_422(api: Api) -> None:
    assert api.get(Role.MEDIATOR, REPORT).status_code == 403
    reversed_period = api.get(Role.MANAGER, REPORT, **{"from": "2026-12-01", "to": "2026-01-01"})
    assert reversed_period.status_code == 422


def test_the_html_report_renders_in_headless_chromium_without_console_messages(
    api: Api, tmp_path: Path
) -> None:
    chromium = needs("chromium")
    load_demo(api.service)
    html = api.get(Role.MANAGER, REPORT, format="html").text
    assert "<script" not in html and " src=" not in html and " href=" not in html
    page, picture = tmp_path / "report.html", tmp_path / "report.png"
    page.write_text(html)
    run = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1000,2400",
            f"--screenshot={picture}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert [line for line in run.stderr.splitlines() if ":CONSOLE" in line] == []
    assert picture.stat().st_size > 50_000  # a page with charts, not a blank sheet


def test_the_year_of_the_report_is_the_clocks_year(api: Api) -> None:
    report = api.get(Role.MANAGER, REPORT).json()
    assert report["period"] == {"from": "2026-01-01", "to": "2026-12-31"}
    assert date.fromisoformat(report["period"]["from"]).year == 2026
