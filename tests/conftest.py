"""Shared fixtures: a settable clock, and stores on SQLite and PostgreSQL (own schema per test)."""

from __future__ import annotations

import base64
import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, text

from adapters.clock import SettableClock
from application.access import Accessor

# Every test, and every process a test starts, seals personal data with this throwaway key.
os.environ.setdefault("GEHOORD_MASTER_KEY", base64.b64encode(os.urandom(32)).decode())

POSTGRES_URL = os.environ.get(
    "GEHOORD_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def postgres_reachable() -> bool:
    try:
        engine = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
        return True
    except Exception:
        return False


_reachable: bool | None = None


def require_postgres() -> None:
    """In CI a missing PostgreSQL fails the test; on a laptop it skips it, saying why."""
    global _reachable
    if _reachable is None:
        _reachable = postgres_reachable()
    if not _reachable:
        message = f"PostgreSQL is not reachable at {POSTGRES_URL}"
        if IN_CI:
            pytest.fail(message + " (CI=true: PostgreSQL tests must run)")
        pytest.skip(message)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL whose search_path is a fresh schema, dropped after the test."""
    require_postgres()
    schema = f"gehoord_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: object) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/gehoord.sqlite"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def clock() -> SettableClock:
    return SettableClock(datetime(2026, 3, 16, 9, 0, tzinfo=UTC))


TESTER = Accessor(user="t", role="auditor", access_point="test", address="-")
"""A reader for tests that read through the use cases directly (their reads are logged too)."""
