"""/docs and /redoc work offline: the pages name no outside URL, run no inline script, and every
asset they load is shipped with the service and answers 200."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.integration.conftest import Api

ATTRIBUTE = re.compile(r'(?:src|href|spec-url)="([^"]+)"')
OUTSIDE = re.compile(r"(?:https?:)?//", re.IGNORECASE)


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """The documentation does not depend on the store: SQLite only."""
    return f"sqlite:///{tmp_path}/docs.sqlite"


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_the_documentation_page_loads_only_what_the_service_ships(api: Api, page: str) -> None:
    response = api.client.get(page)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    html = response.text
    linked = ATTRIBUTE.findall(html)
    assert linked and not OUTSIDE.search(html)
    assert all(not OUTSIDE.match(url) and url.startswith("/") for url in linked)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)  # no inline script
    policy = response.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "default-src 'none'" in policy
    for url in linked:
        asset = api.client.get(url)
        assert asset.status_code == 200, url
        assert len(asset.content) > 100, url
    scripts = [u for u in linked if u.endswith(".js")]
    assert scripts and all(
        "javascript" in api.client.get(u).headers["content-type"] for u in scripts
    )


def test_swagger_ui_is_started_by_a_shipped_file_that_asks_nothing_outside(api: Api) -> None:
    init = api.client.get("/static/docs/swagger-init.js").text
    assert '"/openapi.json"' in init and "validatorUrl: null" in init
    code = "\n".join(line.split("//")[0] for line in init.splitlines())  # comments dropped
    assert "SwaggerUIBundle(" in code and not re.search(r"https?:", code)


def test_the_vendored_assets_carry_their_licences() -> None:
    shipped = Path(__file__).resolve().parents[2] / "api" / "static" / "docs"
    names = {p.name for p in shipped.iterdir()}
    assert {"swagger-ui.LICENSE", "swagger-ui.NOTICE", "redoc.LICENSE", "README.md"} <= names
    readme = (shipped / "README.md").read_text()
    assert "5.35.0" in readme and "2.5.4" in readme
