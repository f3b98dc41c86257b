"""The command line as an admin uses it: tokens, migrate, and one-line errors with exit 2."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.e2e.server import GEHOORD, cli

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


def test_the_demo_refuses_to_load_twice_and_the_yearly_report_prints_html_and_pdf(
    env: dict[str, str],
) -> None:
    assert cli(env, "demo").returncode == 0
    again = cli(env, "demo")  # the store holds cases now: no doubling without a word
    assert again.returncode == 2 and again.stderr.count("\n") == 1 and "--force" in again.stderr
    forced = cli(env, "demo", "--force")
    assert forced.returncode == 0, forced.stderr
    page = cli(env, "report", "--year", "2026", "--format", "html")
    assert page.returncode == 0, page.stderr
    assert page.stdout.startswith("<!doctype html>") and "<svg" in page.stdout
    pdf = subprocess.run(
        [GEHOORD, "report", "--year", "2026", "--format", "pdf"],
        env={**os.environ, **env},
        capture_output=True,
        timeout=120,
    )
    assert pdf.returncode == 0 and pdf.stdout.startswith(b"%PDF-")
    wrong = cli(env, "report", "--format", "docx")
    assert wrong.returncode == 2 and "unknown format" in wrong.stderr
    assert wrong.stderr.count("\n") == 1
