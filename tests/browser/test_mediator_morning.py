"""A mediator's morning in a real browser: sign in, the work list shows the breach, open it,
send the minutes, and the item is gone from the list."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.conftest import Site, sign_in


def test_a_mediator_clears_a_breach_from_the_work_list(
    page: Page, site: Site, tmp_path: Path
) -> None:
    breach = site.cases["breach"]
    sign_in(page, site, "anna@voorbeeld.nl")
    expect(page).to_have_url(f"{site.url}/werkvoorraad")
    row = page.get_by_role("row").filter(has_text=breach)
    expect(row).to_contain_text("overschreden")
    expect(row).to_contain_text("verslag te laat")
    row.get_by_text("Waarom?").click()  # the rule, the start, the days skipped, the due moment
    expect(row).to_contain_text("Het verslag binnen 5 werkdagen na het gesprek")
    expect(row).to_contain_text("Overschreden: niet gehaald op tijd.")
    page.screenshot(path=str(tmp_path / "werkvoorraad.png"), full_page=True)
    row.get_by_role("link", name="Verstuur het verslag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Klacht {breach}")
    form = page.locator("details#verslag")
    expect(form).to_have_attribute("open", "")
    form.get_by_label("Verstuurd aan").fill("Fatima de Vries")
    form.get_by_role("button", name="Verslag vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("Vastgelegd: Verslag versturen.")
    expect(page.locator(".tijdlijn")).to_contain_text("Verslag verstuurd")
    page.get_by_role("link", name="Werkvoorraad").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Werkvoorraad")
    expect(page.locator("main")).not_to_contain_text(breach)
