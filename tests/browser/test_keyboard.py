"""A keyboard alone takes a complaint from intake to closed: sign in, register it, acknowledge
it and close it, with Tab, typing and Enter only, the focus visible all the way."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import PASSWORD, Site

MOST_TABS = 400


def tab_to(page: Page, selector: str) -> None:
    """Press Tab until the element matching `selector` has the focus, and check it shows."""
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", f"the focus on {selector} is not visible"
            return
    raise AssertionError(f"Tab never reached {selector}")


def enter_to_next_page(page: Page) -> None:
    """Press Enter on a link or a form's button, and wait for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_keyboard_alone_takes_a_complaint_from_intake_to_closed(page: Page, site: Site) -> None:
    page.goto(f"{site.url}/aanmelden")
    tab_to(page, "#email")
    page.keyboard.type("bram@voorbeeld.nl")
    tab_to(page, "#password")
    page.keyboard.type(PASSWORD)
    enter_to_next_page(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Werkvoorraad")

    tab_to(page, 'a[href="/klachten"]')
    enter_to_next_page(page)
    tab_to(page, 'a[href="/klachten/nieuw"]')
    enter_to_next_page(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe klacht registreren")
    tab_to(page, "#kanaal")
    page.keyboard.type("brief")
    for field, text in [
        ("#naam", "Mirjam Jansen"),
        ("#dossier", "D-2026-0777"),
        ("#onderwerp", "Besluit over uithuisplaatsing niet uitgelegd"),
    ]:
        tab_to(page, field)
        page.keyboard.type(text)
    tab_to(page, "#team")
    page.keyboard.press("Control+A")
    page.keyboard.type("Team Zuid")
    tab_to(page, 'main button[type="submit"]')
    enter_to_next_page(page)
    expect(page.get_by_role("status")).to_contain_text("Klacht geregistreerd")

    for form, field, text in [
        ("bevestigen", None, ""),
        ("sluiten", "#sluiten-reason", "Opgelost in een telefoongesprek met de klager."),
    ]:
        tab_to(page, f"#{form} > summary")
        page.keyboard.press("Enter")
        if field:
            tab_to(page, field)
            page.keyboard.type(text)
        tab_to(page, f'#{form} button[type="submit"]')
        enter_to_next_page(page)
        expect(page.get_by_role("status")).to_contain_text("Vastgelegd")
    expect(page.locator(".gegevens")).to_contain_text("gesloten")
    expect(page.locator(".tijdlijn")).to_contain_text("Gesloten")
