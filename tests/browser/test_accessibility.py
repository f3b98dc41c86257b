"""Every console page passes axe-core's WCAG 2.1 AA rules with zero violations. The pages are a
list, so each new page (signals, overview, audit, admin) is one line more."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import Site, axe_violations, sign_in
from tests.integration.console_pages import CONSOLE_PAGES_B

ANNA, ILSE = "anna@voorbeeld.nl", "ilse@voorbeeld.nl"
SIGNS_IN_AS = {
    "mediator": ANNA,
    "intake": ILSE,
    "manager": "mo@voorbeeld.nl",
    "auditor": "ada@voorbeeld.nl",
    "admin": "pim@voorbeeld.nl",
}
PAGES: list[tuple[str, str | None]] = [
    ("/aanmelden", None),
    ("/werkvoorraad", ANNA),
    ("/werkvoorraad?wie=alle&ernst=breach", ANNA),
    ("/klachten", ANNA),
    ("/klachten?zoek=Fatima", ANNA),
    ("/klachten/{breach}", ANNA),
    ("/klachten/{breach}?actie=verslag", ANNA),
    ("/klachten/{soon}", ILSE),
    ("/klachten/nieuw", ILSE),
    ("/klachten/K-2026-99999", ANNA),
    ("/mijn-gegevens", ANNA),
    *[(path, SIGNS_IN_AS[role]) for role, path in CONSOLE_PAGES_B],
]
"""(path, who signs in first); `{name}` is a seeded case's reference."""


@pytest.mark.parametrize(("path", "person"), PAGES)
def test_the_page_has_no_accessibility_violations(
    page: Page, site: Site, path: str, person: str | None, tmp_path: Path
) -> None:
    if person:
        sign_in(page, site, person)
    page.goto(site.url + path.format(**site.cases))
    for details in page.locator("details").all():  # what is folded away is checked too
        details.evaluate("element => element.open = true")
    assert axe_violations(page) == []


def test_a_form_sent_back_with_errors_has_no_accessibility_violations(
    page: Page, site: Site
) -> None:
    sign_in(page, site, ILSE)
    page.goto(f"{site.url}/klachten/nieuw")
    page.get_by_role("button", name="Klacht registreren").click()
    summary = page.get_by_role("alert")
    assert "Controleer" in summary.inner_text()
    assert axe_violations(page) == []


def test_axe_does_find_a_violation_when_there_is_one(page: Page, site: Site) -> None:
    """The check above can fail: an image without a text alternative is found."""
    page.goto(f"{site.url}/aanmelden")
    page.evaluate("document.querySelector('main').appendChild(document.createElement('img'))")
    assert [violation["id"] for violation in axe_violations(page)] == ["image-alt"]
