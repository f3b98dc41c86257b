"""A real `gehoord serve` process: drive a lifecycle, restart on the same file, read it back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from tests.e2e.server import Server, cli

pytestmark = pytest.mark.e2e


def ago(hours: float) -> str:
    return (datetime.now(UTC) - timedelta(hours=hours)).isoformat()


def test_a_lifecycle_survives_a_restart_unchanged(tmp_path: Path) -> None:
    env = {
        "GEHOORD_DATABASE_URL": f"sqlite:///{tmp_path}/gehoord.sqlite",
        "GEHOORD_SCHEDULER": "off",
    }
    assert cli(env, "migrate").returncode == 0
    created = cli(env, "tokens", "create", "--role", "mediator", "--name", "anna")
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip()
    assert token and "\n" not in token
    headers = {"Authorization": f"Bearer {token}"}

    server = Server(env)
    try:
        with httpx.Client(base_url=server.url, headers=headers) as http:
            case = http.post(
                "/v1/complaints",
                json={
                    "received_at": ago(30),
                    "channel": "phone",
                    "complainant": {"name": "Jan Jansen"},
                    "dossier_ref": "D-1",
                    "subject": "Niet teruggebeld",
                    "team": "Team Oost",
                },
            ).json()
            path = f"/v1/complaints/{case['id']}"
            for command, body in [
                ("acknowledge", {"at": ago(29)}),
                (
                    "conversations",
                    {
                        "at": ago(28),
                        "participants": ["Jan Jansen"],
                        "outcome": "resolved",
                        "agreements": [],
                    },
                ),
                ("minutes", {"at": ago(27), "sent_to": "Jan Jansen"}),
            ]:
                assert http.post(f"{path}/{command}", json=body).status_code == 200
            before = (
                http.get(path).json(),
                http.get(f"{path}/history").json(),
                http.get("/v1/complaints").json(),
            )
    finally:
        server.stop()

    server = Server(env)
    try:
        with httpx.Client(base_url=server.url, headers=headers) as http:
            after = (
                http.get(path).json(),
                http.get(f"{path}/history").json(),
                http.get("/v1/complaints").json(),
            )
    finally:
        server.stop()
    assert after == before
    assert before[0]["status"] == "resolved" and len(before[1]) == 4
