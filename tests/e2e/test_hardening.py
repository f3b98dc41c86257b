"""Go-live hardening seen from outside: a real server ignores a rotating X-Forwarded-For, the
store's files are its owner's alone, a shared key file is refused, a bad setting is a line."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import httpx
import pytest

from tests.e2e.server import Server, cli

pytestmark = pytest.mark.e2e


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"GEHOORD_DATABASE_URL": f"sqlite:///{tmp_path}/g.sqlite", "GEHOORD_SCHEDULER": "off"}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_uvicorn_does_not_take_the_client_address_from_x_forwarded_for(
    env: dict[str, str], tmp_path: Path
) -> None:
    server = Server({**env, "GEHOORD_AUTH_FAILURES_PER_MINUTE": "3"})
    try:
        bad = {"Authorization": "Bearer nope"}
        statuses = [
            httpx.get(
                f"{server.url}/v1/queue", headers={**bad, "X-Forwarded-For": f"198.51.100.{n}"}
            ).status_code
            for n in range(4)
        ]
        modes = {f.name: mode(f) for f in tmp_path.glob("g.sqlite*")}  # -wal, -shm: while serving
    finally:
        server.stop()
    assert statuses == [401, 401, 401, 429]
    assert set(modes) >= {"g.sqlite", "g.sqlite-wal", "g.sqlite-shm"}
    assert modes == {name: 0o600 for name in modes}


def test_a_master_key_file_others_may_read_is_refused_in_one_line(
    env: dict[str, str], tmp_path: Path
) -> None:
    key = tmp_path / "master.key"
    key.write_text(os.environ["GEHOORD_MASTER_KEY"])
    key.chmod(0o640)
    without = {**env, "GEHOORD_MASTER_KEY": "", "GEHOORD_MASTER_KEY_FILE": str(key)}
    refused = cli(without, "migrate")
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1
    assert "chmod 600" in refused.stderr and not (tmp_path / "g.sqlite").exists()
    key.chmod(0o600)
    assert cli(without, "migrate").returncode == 0


def test_a_closing_day_that_is_not_a_json_list_is_one_line_and_exit_2(env: dict[str, str]) -> None:
    result = cli({**env, "GEHOORD_CLOSING_DAYS": "2026-12-24"}, "policies", "run")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "GEHOORD_CLOSING_DAYS" in result.stderr and "Traceback" not in result.stderr
