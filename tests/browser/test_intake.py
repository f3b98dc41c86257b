"""Intake registers a complaint by form in a real browser: a mistake is shown next to its field
and in a summary that links to it; once corrected, the new complaint's page opens."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import Site, sign_in


def test_intake_registers_a_complaint_by_form(page: Page, site: Site) -> None:
    sign_in(page, site, "ilse@voorbeeld.nl")
    expect(page).to_have_url(f"{site.url}/klachten")
    page.get_by_role("link", name="Nieuwe klacht registreren").click()
    page.get_by_label("Hoe kwam de klacht binnen").select_option("phone")
    page.get_by_label("Naam", exact=True).fill("Joost Smit")
    page.get_by_label("E-mailadres (niet verplicht)").fill("joost@")
    page.get_by_label("Dossiernummer").fill("D-2026-0311")
    page.get_by_label("Onderwerp").fill("Geen reactie op verzoek om nieuwe voogd")
    page.get_by_role("button", name="Klacht registreren").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Vul een geldig e-mailadres in")
    summary.get_by_role("link").first.click()
    expect(page.locator("#email")).to_be_focused()
    expect(page.locator("#email")).to_have_attribute("aria-invalid", "true")
    page.locator("#email").fill("joost.smit@example.nl")
    page.get_by_role("button", name="Klacht registreren").click()
    expect(page.get_by_role("status")).to_contain_text("Klacht geregistreerd")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Klacht K-")
    reference = heading.inner_text().removeprefix("Klacht ")
    assert "Joost" not in page.url and page.url.endswith(f"/klachten/{reference}?gedaan=nieuw")
    expect(page.locator(".gegevens")).to_contain_text("Geen reactie op verzoek om nieuwe voogd")
    expect(page.locator(".gegevens")).to_contain_text("telefoon")
    page.get_by_role("link", name="Klachten", exact=True).click()
    expect(page.get_by_role("row").filter(has_text=reference)).to_contain_text("ontvangen")
