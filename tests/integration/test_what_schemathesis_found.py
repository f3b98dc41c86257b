"""What schemathesis found, kept fixed: a time or date written as a number is 422 in a query
too, and a 405 names every method the path takes."""

from __future__ import annotations

from pathlib import Path

import pytest

from application.roles import Role
from tests.integration.conftest import Api


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """Input checks and routing do not depend on the store: SQLite only."""
    return f"sqlite:///{tmp_path}/found.sqlite"


@pytest.mark.parametrize("number", ["0", "1700000000", "1.5"])
def test_a_report_period_written_as_a_number_is_422_not_1970(api: Api, number: str) -> None:
    answer = api.get(Role.MANAGER, "/v1/reports/complaints-analysis", **{"from": number})
    assert answer.status_code == 422, answer.text
    assert answer.json()["errors"][0]["field"] == "query.from"


def test_as_of_written_as_a_number_is_422(api: Api) -> None:
    case = api.register()
    answer = api.get(Role.MEDIATOR, f"/v1/complaints/{case['id']}", as_of="0")
    assert answer.status_code == 422, answer.text


def test_a_body_time_written_as_digits_is_422(api: Api) -> None:
    case = api.register()
    answer = api.post(Role.MEDIATOR, f"/v1/complaints/{case['id']}/acknowledge", {"at": "0"})
    assert answer.status_code == 422, answer.text


def test_a_405_names_every_method_the_path_takes(api: Api) -> None:
    answer = api.client.delete("/v1/admin/users", headers=api.headers(Role.ADMIN))
    assert answer.status_code == 405
    assert answer.headers["allow"] == "GET, POST"
    assert answer.headers["content-type"] == "application/problem+json"
