"""The complaints analysis over HTTP, publishable as it is, and rendered in headless Chromium."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from adapters.demo import PEOPLE, load_demo
from application.roles import Role
from tests.conftest import IN_CI
from tests.integration.conftest import Api

REPORT = "/v1/reports/complaints-analysis"
PERSONAL = [value for person in PEOPLE for value in person if value] + ["D-2026-"]


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path}/report.sqlite"


@pytest.fixture
def demo_api(api: Api) -> Api:
    load_demo(api.service)
    return api


def test_a_manager_gets_the_analysis_in_every_format_with_no_personal_data(demo_api: Api) -> None:
    api = demo_api
    year = {"from": "2026-01-01", "to": "2026-12-31"}
    as_json = api.get(Role.MANAGER, REPORT, **year)
    as_csv = api.get(Role.MANAGER, REPORT, format="csv", **year)
    as_html = api.get(Role.MANAGER, REPORT, format="html", **year)
    assert [r.status_code for r in (as_json, as_csv, as_html)] == [200, 200, 200]
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert as_html.headers["content-type"].startswith("text/html")
    report = as_json.json()
    assert report["complaints"]["total"] == 31 and report["policy_versions"] == ["2019-1"]
    assert "Vaste jeugdbeschermer per gezin" in report["measures"]
    assert as_csv.text.startswith("section,item,value")
    for text in (as_json.text, as_csv.text, as_html.text):
        for value in PERSONAL:
            assert value not in text, value


def test_only_managers_read_reports_and_a_reversed_period_is_422(demo_api: Api) -> None:
    assert demo_api.get(Role.MEDIATOR, REPORT).status_code == 403
    reversed_period = demo_api.get(
        Role.MANAGER, REPORT, **{"from": "2026-12-01", "to": "2026-01-01"}
    )
    assert reversed_period.status_code == 422


def test_the_html_report_renders_in_headless_chromium_without_console_messages(
    demo_api: Api, tmp_path: Path
) -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        message = "Debian's chromium is not installed (make test installs it)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    html = demo_api.get(Role.MANAGER, REPORT, format="html").text
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
