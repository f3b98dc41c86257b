"""Every route in the OpenAPI document for every role, and every way to fail authentication."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.roles_doc import markdown, route_table
from application.roles import PERMISSIONS, Role
from tests.integration.conftest import Api

ROOT = Path(__file__).resolve().parents[2]
SOME_CASE = "7b1f7c1e-0000-4000-8000-000000000000"


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """The role table does not depend on the store: SQLite only."""
    return f"sqlite:///{tmp_path}/roles.sqlite"


@pytest.fixture
def settings_changes() -> dict[str, Any]:
    """Every route is tried with five bad tokens: a limit that lets all of them through."""
    return {"auth_failures_per_minute": 100_000}


def call(client: TestClient, method: str, path: str, headers: dict[str, str]) -> Any:
    url = path.replace("{case_id}", SOME_CASE).replace("{number}", "1")
    body = {} if method in ("POST", "PUT", "PATCH") else None
    return client.request(method, url, json=body, headers=headers)


def test_every_documented_route_answers_each_role_as_the_role_table_says(api: Api) -> None:
    table = route_table(api.client.app)  # type: ignore[arg-type]
    documented = {
        (method.upper(), path)
        for path, item in api.client.get("/openapi.json").json()["paths"].items()
        for method in item
    }
    assert {(m, p) for m, p, _ in table} == documented
    api.service.tokens.create(Role.AUDITOR, "revoked-one")
    revoked = api.service.tokens.create(Role.MANAGER, "to-revoke")
    api.service.tokens.revoke("to-revoke")
    failures = []
    for method, path, action in table:
        for role in Role:
            response = call(api.client, method, path, api.headers(role))
            allowed = action is None or role in PERMISSIONS[action]
            if allowed == (response.status_code in (401, 403)):
                failures.append((method, path, role.value, response.status_code))
        if action is None:
            continue
        for headers in (
            {},
            {"Authorization": f"Bearer {revoked}"},
            {"Authorization": "Bearer"},
            {"Authorization": "Token abc"},
            {"Authorization": "Bearer not-a-token"},
        ):
            response = call(api.client, method, path, headers)
            if response.status_code != 401:
                failures.append((method, path, str(headers), response.status_code))
    assert failures == []


def test_the_roles_document_is_generated_from_the_same_table(api: Api) -> None:
    written = (ROOT / "docs" / "roles.md").read_text()
    assert written == markdown(api.client.app)  # type: ignore[arg-type]
