"""Schemathesis against a real server, as a client that believes the OpenAPI document: every
check and every phase (examples, coverage, fuzzing, stateful), with each role's token; any
failure of any kind fails the test."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.app import create_app
from api.openapi.answers import _action
from api.openapi.document import operations
from api.openapi.operation_ids import operation_id
from application.roles import PERMISSIONS, Role
from tests.e2e.server import Server
from tests.reliability.conftest import LONG, Store, scale

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
ST = str(Path(sys.executable).parent / "st")
ROLES = ("mediator", "intake", "manager", "auditor", "admin")
PHASES = "examples,coverage,fuzzing,stateful"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Store]]:
    folder = tmp_path_factory.mktemp("schemathesis")
    store = Store(f"sqlite:///{folder}/schemathesis.sqlite")
    # `ignored_auth` sends requests without a token on purpose: none of them may be refused for
    # the address's failures (429) instead of being judged.
    server = Server({**store.env, "GEHOORD_AUTH_FAILURES_PER_MINUTE": "1000000"})
    yield server, store
    server.stop()


def share(role: str) -> list[str]:
    """The short form's share of `role`: each operation once, under the first role (in ROLES
    order) that may call it; the long form runs every operation under every role."""
    picked = []
    for route, _, _ in operations(create_app()):
        action = _action(route.dependant)
        allowed = [r for r in ROLES if action is None or Role(r) in PERMISSIONS[action]]
        if allowed and allowed[0] == role:
            picked.append(operation_id(route))
    return picked


def schemathesis(server: Server, token: str, only: list[str]) -> subprocess.CompletedProcess[str]:
    selection = [arg for name in only for arg in ("--include-operation-id", name)]
    randomness = [] if LONG else ["--seed", "22", "--no-shrink"]
    command = [
        ST,
        "--config-file",
        str(HERE / "schemathesis.toml"),
        "run",
        f"{server.url}/openapi.json",
        "--header",
        f"Authorization: Bearer {token}",
        "--checks",
        "all",
        "--phases",
        PHASES,
        "--max-examples",
        str(scale(1, 25)),
        "--workers",
        "1",
        *randomness,
        *selection,
    ]
    env = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": "tests.reliability.schemathesis_hooks",
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(
        command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=scale(300, 3600)
    )


@pytest.mark.parametrize("role", ROLES)
def test_schemathesis_finds_no_failure_of_any_kind_for_the_role(
    served: tuple[Server, Store], role: str
) -> None:
    server, store = served
    only = [] if LONG else share(role)
    assert LONG or only, f"the short form gives {role} no operation"
    run = schemathesis(server, store.tokens[role], only)
    summary = run.stdout[run.stdout.find("SUMMARY") :] or run.stdout[-4000:]
    assert run.returncode == 0, run.stdout[-12000:] + run.stderr[-2000:]
    assert "Stateful" in summary and "Coverage" in summary, summary
