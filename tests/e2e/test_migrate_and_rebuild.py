"""The admin's commands against real stores: concurrent migrations, and rebuilds that match."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from adapters.bootstrap import build
from adapters.demo import load_demo
from adapters.persistence.schema import case_list, flags
from adapters.settings import Settings
from tests.e2e.server import GEHOORD, cli

pytestmark = pytest.mark.e2e


def test_two_migrations_at_once_on_postgresql_both_succeed(postgres_url: str) -> None:
    env = {**os.environ, "GEHOORD_DATABASE_URL": postgres_url}
    runs = [
        subprocess.Popen([GEHOORD, "migrate"], env=env, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    errors = [run.communicate(timeout=60)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    assert cli({"GEHOORD_DATABASE_URL": postgres_url}, "migrate").returncode == 0


def read_models(url: str) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    engine = create_engine(url)
    with engine.connect() as connection:
        cases = connection.execute(select(case_list).order_by(case_list.c.id)).all()
        queue = connection.execute(select(flags).order_by(flags.c.flag_id)).all()
    engine.dispose()
    return [tuple(r) for r in cases], [tuple(r) for r in queue]


def test_a_rebuild_from_the_log_gives_the_same_read_models(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/g.sqlite"
    assert cli({"GEHOORD_DATABASE_URL": url}, "migrate").returncode == 0
    service = build(Settings(database_url=url))
    load_demo(service)
    service.close()
    before = read_models(url)
    result = cli({"GEHOORD_DATABASE_URL": url}, "projections", "rebuild")
    assert result.returncode == 0, result.stderr
    assert "events in" in result.stderr and "events/s" in result.stderr
    assert read_models(url) == before
    assert len(before[0]) == 39 and before[1]  # 31 complaints and 8 signals
    unknown = cli({"GEHOORD_DATABASE_URL": url}, "projections", "rebuild", "nope")
    assert unknown.returncode == 2 and "cannot rebuild" in unknown.stderr
    chain = cli({"GEHOORD_DATABASE_URL": url}, "projections", "rebuild", "audit_chain")
    assert chain.returncode == 2


def test_audit_verify_passes_on_an_intact_log_and_exits_1_naming_a_tampered_position(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path}/g.sqlite"
    env = {"GEHOORD_DATABASE_URL": url}
    assert cli(env, "demo").returncode == 0
    intact = cli(env, "audit", "verify")
    assert intact.returncode == 0 and intact.stdout.startswith("ok: ")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE gehoord_events SET state = state || ' ' WHERE id = 42"))
    engine.dispose()
    broken = cli(env, "audit", "verify")
    assert broken.returncode == 1
    assert "position 42" in broken.stderr and broken.stderr.strip().count("\n") == 0
