"""Single sign-on in a real browser: two people sign on through a certified OpenID provider's own
pages (oidc-provider on 127.0.0.1) from gehoord's sign-in page and each lands on their role's
page, with their name in the header; signing out ends the session."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from adapters.bootstrap import build, migrate
from adapters.clock import SystemClock
from adapters.settings import Settings
from tests.e2e.server import Server, free_port
from tests.oidc.provider import CLIENT_ID, CLIENT_SECRET, Provider

PEOPLE = {
    "anna": {"email": "anna@voorbeeld.nl", "name": "Anna de Wit", "groups": ["jz-klachten"]},
    "mo": {"email": "mo@voorbeeld.nl", "name": "Mo Haddou", "groups": ["jz-managers"]},
}
ROLE_MAP = {
    "jz-managers": {"role": "manager", "team": "Team Zuid"},
    "jz-klachten": {"role": "mediator", "team": "Team Noord"},
}


@pytest.fixture
def signed_on_site(tmp_path: Path) -> Iterator[str]:
    """gehoord serving with single sign-on against a provider that knows Anna and Mo."""
    port = free_port()
    app_url = f"http://127.0.0.1:{port}"
    provider = Provider(tmp_path, app_url, PEOPLE)
    provider.start()
    database = f"sqlite:///{tmp_path}/gehoord.sqlite"
    service = build(Settings(database_url=database), SystemClock())
    migrate(service)
    service.close()
    env = {
        "GEHOORD_DATABASE_URL": database,
        "GEHOORD_SCHEDULER": "off",
        "GEHOORD_PUBLIC_URL": app_url,
        "GEHOORD_OIDC_ISSUER": provider.issuer,
        "GEHOORD_OIDC_CLIENT_ID": CLIENT_ID,
        "GEHOORD_OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "GEHOORD_OIDC_ROLE_MAP": json.dumps(ROLE_MAP),
    }
    server = Server(env, port=port)
    try:
        yield app_url
    finally:
        server.stop()
        provider.stop()


def sign_on(page: Page, site: str, login: str) -> None:
    """From gehoord's sign-in page through the provider's sign-in and consent pages."""
    page.goto(f"{site}/aanmelden")
    page.get_by_role("link", name="Aanmelden met uw organisatie-account").click()
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("any password")
    page.locator("button[type=submit]").click()
    page.wait_for_load_state()
    if not page.url.startswith(site):  # the provider asks for consent the first time
        page.locator("button[type=submit]").click()
    page.wait_for_url(f"{site}/**")


@pytest.mark.parametrize(
    ("login", "landing", "heading"),
    [("anna", "/werkvoorraad", "Werkvoorraad"), ("mo", "/overzicht", "Overzicht")],
)
def test_a_person_signs_on_at_the_provider_and_lands_on_their_roles_page(
    browser: Browser, signed_on_site: str, tmp_path: Path, login: str, landing: str, heading: str
) -> None:
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        sign_on(page, signed_on_site, login)
        assert page.url == f"{signed_on_site}{landing}"
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        expect(page.locator("header")).to_contain_text(PEOPLE[login]["name"])
        page.screenshot(path=str(tmp_path / "screenshot.png"), full_page=True)
        page.get_by_role("button", name="Afmelden").click()
        page.wait_for_load_state()
        page.goto(f"{signed_on_site}{landing}")
        expect(page.get_by_label("E-mailadres")).to_be_visible()  # signed out: asked again
    finally:
        context.close()
