"""The console's look: the vendored NL Design System files with their licences, no inline
script or style anywhere (the Content-Security-Policy forbids them), and the organisation's
own theme file from GEHOORD_CONSOLE_THEME loaded after the neutral one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from adapters.bootstrap import Service
from application.roles import Role
from tests.integration.console import Console

WEB = Path(__file__).resolve().parents[2] / "web"
THEME = "body { --gehoord-accent: #005a3c; }"


@pytest.fixture
def settings_changes(tmp_path: Path) -> dict[str, Any]:
    theme = tmp_path / "organisatie.css"
    theme.write_text(THEME)
    return {"console_theme": theme}


@pytest.fixture
def console(service: Service) -> Iterator[Console]:
    with Console(service) as started:
        yield started


def test_the_organisation_theme_is_served_after_the_neutral_theme(console: Console) -> None:
    anna = console.person("anna@voorbeeld.nl", Role.MEDIATOR)
    page = anna.get("/werkvoorraad").text
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)">', page)
    assert sheets[-1] == "/thema.css" and "voorbeeld-design-tokens.css" in sheets[0]
    assert 'class="voorbeeld-theme gehoord-theme' in page
    theme = anna.get("/thema.css")
    assert theme.status_code == 200 and theme.text == THEME
    for sheet in sheets[:-1]:
        assert anna.get(sheet).status_code == 200


def test_no_template_holds_an_inline_script_or_style() -> None:
    for template in (WEB / "templates").glob("*.html"):
        text = template.read_text()
        assert not re.search(r"<script|<style|\sstyle=|\son[a-z]+=", text), template.name


def test_the_vendored_files_name_their_versions_and_licences() -> None:
    vendor = WEB / "static" / "vendor"
    readme = (vendor / "README.md").read_text()
    for name in ("utrecht-component-library.css", "voorbeeld-design-tokens.css"):
        assert (vendor / name).stat().st_size > 10_000 and name in readme
    for licence in vendor.glob("LICENSE-*"):
        assert "EUROPEAN UNION PUBLIC LICENCE v. 1.2" in licence.read_text()
    assert len(list(vendor.glob("LICENSE-*"))) == 2 and "9.0.4" in readme and "7.4.1" in readme
