"""The command line as an admin uses it: tokens, migrate, and one-line errors with exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.server import cli

pytestmark = pytest.mark.e2e


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"GEHOORD_DATABASE_URL": f"sqlite:///{tmp_path}/g.sqlite"}


def test_migrate_twice_is_fine(env: dict[str, str]) -> None:
    assert cli(env, "migrate").returncode == 0
    assert cli(env, "migrate").returncode == 0


def test_an_unknown_role_is_refused_with_one_line_and_exit_2(env: dict[str, str]) -> None:
    result = cli(env, "tokens", "create", "--role", "boss", "--name", "x")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "unknown role" in result.stderr


def test_a_bad_database_url_is_exit_2_with_one_line() -> None:
    result = cli({"GEHOORD_DATABASE_URL": "mysql://nope"}, "migrate")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "GEHOORD_DATABASE_URL" in result.stderr


def test_a_token_name_is_unique_and_revoking_an_unknown_name_is_exit_2(env: dict[str, str]) -> None:
    assert cli(env, "tokens", "create", "--role", "admin", "--name", "beheer").returncode == 0
    again = cli(env, "tokens", "create", "--role", "admin", "--name", "beheer")
    assert again.returncode == 2 and "already exists" in again.stderr
    assert cli(env, "tokens", "revoke", "beheer").returncode == 0
    assert cli(env, "tokens", "revoke", "beheer").returncode == 2


def test_the_yearly_report_prints_one_html_page_and_refuses_a_bad_format(
    env: dict[str, str],
) -> None:
    assert cli(env, "demo").returncode == 0
    page = cli(env, "report", "--year", "2026", "--format", "html")
    assert page.returncode == 0, page.stderr
    assert page.stdout.startswith("<!doctype html>") and "<svg" in page.stdout
    wrong = cli(env, "report", "--format", "pdf")
    assert wrong.returncode == 2 and "unknown format" in wrong.stderr
