"""Browser tests: a real `gehoord serve` over a seeded SQLite store, driven by Playwright with
Debian's Chromium (`make chromium` installs it; browsers are never downloaded). Each test saves
a screenshot of where it ended in its own output folder."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from adapters.bootstrap import Service, build, migrate
from adapters.clock import SystemClock
from adapters.settings import Settings
from api.schemas.complaints import ComplaintCreate
from api.schemas.signals import SignalCreate
from application.complaint_use_cases import (
    AcknowledgeComplaint,
    AssignMediator,
    HoldConversation,
)
from application.roles import Role
from application.staff_use_cases import AddStaffMember, SetPassword
from application.subject_access import RequestSubjectAccess
from domain.values import Outcome
from tests.conftest import IN_CI
from tests.e2e.server import Server

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "groene-tulpen-in-de-regen"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
PEOPLE = {
    "anna@voorbeeld.nl": ("Anna de Wit", Role.MEDIATOR, "Team Noord"),
    "ilse@voorbeeld.nl": ("Ilse Bakker", Role.INTAKE, "Team Noord"),
    "bram@voorbeeld.nl": ("Bram Visser", Role.MEDIATOR, "Team Zuid"),
    "mo@voorbeeld.nl": ("Mo Haddou", Role.MANAGER, "Team Noord"),
    "ada@voorbeeld.nl": ("Ada Jansen", Role.AUDITOR, None),
    "pim@voorbeeld.nl": ("Pim de Boer", Role.ADMIN, None),
}


@dataclass
class Site:
    """The running server, and the references of the cases seeded for the tests."""

    url: str
    cases: dict[str, str] = field(default_factory=dict)


def complaint(service: Service, days_ago: int, subject: str, team: str = "Team Noord") -> Any:
    body = {
        "received_at": (datetime.now(UTC) - timedelta(days=days_ago)).isoformat(),
        "channel": "email",
        "complainant": {"name": "Fatima de Vries", "email": "f.devries@example.nl"},
        "dossier_ref": "D-2026-0142",
        "subject": subject,
        "description": "De gezinsvoogd kwam twee keer niet op de afgesproken tijd.",
        "team": team,
    }
    command = ComplaintCreate.model_validate(body).command()
    return service.commands.run(command, actor="intake:ilse@voorbeeld.nl").case


def seed(service: Service) -> dict[str, str]:
    """Staff with passwords, one of each role; for Anna a case whose minutes are overdue (a
    breach) and one whose acknowledgement is due soon; a case of another team; a signal and a
    subject-access request."""
    for email, (name, role, team) in PEOPLE.items():
        service.commands.run(AddStaffMember(email, name, role, team), actor="admin:test")
        service.commands.run(SetPassword(email, PASSWORD), actor="admin:test")
    minutes = complaint(service, 30, "Gezinsvoogd kwam afspraken niet na")
    service.commands.run(AssignMediator(minutes.id, "anna@voorbeeld.nl"), actor="admin:test")
    acknowledged = AcknowledgeComplaint(minutes.id, datetime.now(UTC) - timedelta(days=29))
    service.commands.run(acknowledged, actor="mediator:anna@voorbeeld.nl")
    talked = datetime.now(UTC) - timedelta(days=20)
    conversation = HoldConversation(
        minutes.id, talked, ("Fatima de Vries", "Anna de Wit"), Outcome.RESOLVED
    )
    service.commands.run(conversation, actor="mediator:anna@voorbeeld.nl")
    late = complaint(service, 12, "Rapportage zonder overleg gedeeld")
    service.commands.run(AssignMediator(late.id, "anna@voorbeeld.nl"), actor="admin:test")
    soon = complaint(service, 6, "Brief over omgangsregeling niet beantwoord")
    service.commands.run(AssignMediator(soon.id, "anna@voorbeeld.nl"), actor="admin:test")
    other = complaint(service, 1, "Wachttijd voor intake", team="Team Zuid")
    signal_body = {
        "received_at": (datetime.now(UTC) - timedelta(days=2)).isoformat(),
        "channel": "phone",
        "dossier_ref": "D-2026-0142",
        "summary": "Moeder belt: voelt zich niet gehoord over de omgang.",
        "team": "Team Noord",
    }
    signal = service.commands.run(
        SignalCreate.model_validate(signal_body).command(), actor="intake:ilse@voorbeeld.nl"
    ).case
    asked = RequestSubjectAccess("f.devries@example.nl", datetime.now(UTC) - timedelta(days=3))
    request = service.commands.run(asked, actor="admin:pim@voorbeeld.nl").request
    return {
        "breach": minutes.reference,
        "late": late.reference,
        "soon": soon.reference,
        "other": other.reference,
        "signal": signal.reference,
        "complaint": minutes.reference,
        "request": str(request.id),
    }


@pytest.fixture(scope="session")
def chromium() -> str:
    if shutil.which(CHROMIUM) is None:
        message = f"{CHROMIUM} is not installed (make chromium installs it)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("site")
    database = f"sqlite:///{folder}/gehoord.sqlite"
    service = build(Settings(database_url=database), SystemClock())
    migrate(service)
    try:
        cases = seed(service)
    finally:
        service.close()
    env = {"GEHOORD_DATABASE_URL": database, "GEHOORD_SCHEDULER": "off"}
    server = Server(env)
    try:
        yield Site(server.url, cases)
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        yield launch(playwright, chromium)


def launch(playwright: Playwright, chromium: str) -> Browser:
    return playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])


@pytest.fixture
def page(browser: Browser, tmp_path: Path) -> Iterator[Page]:
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    try:
        yield opened
    finally:
        opened.screenshot(path=str(tmp_path / "screenshot.png"), full_page=True)
        context.close()


def sign_in(page: Page, site: Site, email: str) -> None:
    page.goto(f"{site.url}/aanmelden")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_load_state()


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A and AA rules on the page as it is now."""
    page.evaluate(AXE.read_text())
    found: list[dict[str, Any]] = page.evaluate(
        "async () => (await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations"
        ".map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target)}))"
    )
    return found
