"""An auditor in a real browser: choose a case by reference, step through its timeline with the
state after each step (its flags explained in Dutch), and look at it as known at a moment."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.conftest import Site, sign_in


def test_an_auditor_steps_through_a_timeline_and_looks_back(
    page: Page, site: Site, tmp_path: Path
) -> None:
    late = site.cases["late"]  # received twelve days ago, never acknowledged: a breach at once
    sign_in(page, site, "ada@voorbeeld.nl")
    page.get_by_role("link", name="Audit").first.click()
    page.get_by_label("Kenmerk").fill(late)
    page.get_by_role("button", name="Tijdlijn tonen").click()
    expect(page.get_by_role("heading", level=2).first).to_have_text(
        re.compile(f"{late}: 3 stappen")
    )
    step = page.locator("#stap")
    expect(step).to_have_text(re.compile("Stap 3 van 3: .*toegewezen"))  # the newest first
    page.get_by_role("link", name="1", exact=True).click()
    expect(step).to_have_text(re.compile("Stap 1 van 3: ontvangen"))
    page.get_by_role("link", name="Volgende stap").click()
    expect(step).to_have_text(re.compile("Stap 2 van 3: signalering"))
    shown = page.locator("section").filter(has=step)
    expect(shown).to_contain_text("ontvangst klacht niet op tijd bevestigd")
    shown.get_by_text("Waarom deze datum").first.click()
    expect(shown).to_contain_text("Een ontvangstbevestiging binnen 5 werkdagen na ontvangst")
    page.screenshot(path=str(tmp_path / "audit-stap.png"), full_page=True)
    page.get_by_label("Stand op (Nederlandse tijd)").fill("2020-01-01T09:00")
    page.get_by_role("button", name="Stand tonen").click()
    expect(page.locator("main")).to_contain_text("was deze zaak nog niet bekend")
    page.screenshot(path=str(tmp_path / "audit-per.png"), full_page=True)
