"""Reliability fixtures: real `gehoord serve` processes on SQLite and PostgreSQL, bounded loads.

`make test` runs the short form; `make reliability` sets GEHOORD_RELIABILITY=long for the long
form (more clients, longer bursts, the soak). Each scenario reports one summary line.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.server import cli

LONG = os.environ.get("GEHOORD_RELIABILITY") == "long"
SUMMARIES: list[str] = []


def scale(short: int, long: int) -> int:
    return long if LONG else short


def summarise(scenario: str, codes: Counter[int], **figures: Any) -> None:
    errors = {code: n for code, n in sorted(codes.items()) if code >= 400}
    extra = ", ".join(f"{k.replace('_', ' ')}={v}" for k, v in figures.items())
    SUMMARIES.append(
        f"{scenario}: requests={sum(codes.values())}, errors by code={errors or '{}'}, {extra}"
    )


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if SUMMARIES:
        terminalreporter.section("reliability")
        for line in SUMMARIES:
            terminalreporter.write_line(line)


class Store:
    """A migrated store with a token per role, as an admin would set it up."""

    def __init__(self, url: str) -> None:
        self.env = {"GEHOORD_DATABASE_URL": url, "GEHOORD_SCHEDULER": "off"}
        assert cli(self.env, "migrate").returncode == 0
        self.tokens = {}
        for role in ("intake", "mediator", "manager", "auditor", "admin"):
            made = cli(self.env, "tokens", "create", "--role", role, "--name", f"{role}-r")
            assert made.returncode == 0, made.stderr
            self.tokens[role] = made.stdout.strip()
        for n in range(2):  # mediators to assign cases to
            add = ("users", "add", f"m{n}@example.nl", "--name", f"M {n}", "--role", "mediator")
            assert cli(self.env, *add).returncode == 0

    def headers(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        yield Store(f"sqlite:///{tmp_path}/reliability.sqlite")
    else:
        yield Store(request.getfixturevalue("postgres_url"))
