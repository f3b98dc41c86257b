"""Schemathesis against a real server, as a client that believes the OpenAPI document: every
check and every phase (examples, coverage, fuzzing, stateful), with each role's token; any
failure of any kind fails the test."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from adapters.bootstrap import build, migrate
from adapters.settings import Settings
from application.roles import Role
from application.staff_use_cases import AddStaffMember
from tests.e2e.server import Server
from tests.reliability.conftest import LONG, SUMMARIES, scale

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
ST = str(Path(sys.executable).parent / "st")
ROLES = ("mediator", "intake", "manager", "auditor", "admin")
PHASES = "examples,coverage,fuzzing,stateful"


class Tokens:
    """A migrated SQLite store with a token per role and a mediator to assign, made in this
    process (a CLI process per token would cost the short form most of its minute)."""

    def __init__(self, url: str) -> None:
        service = build(Settings(database_url=url, scheduler="off"))
        migrate(service)
        self.tokens = {role.value: service.tokens.create(role, f"{role}-st") for role in Role}
        add = AddStaffMember("m0@example.nl", "M 0", Role.MEDIATOR, "Team Noord")
        service.commands.run(add, actor="admin:schemathesis")
        service.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Tokens]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('schemathesis')}/schemathesis.sqlite"
    store = Tokens(url)
    # `ignored_auth` sends requests without a token on purpose: none of them may be refused for
    # the address's failures (429) instead of being judged.
    env = {"GEHOORD_DATABASE_URL": url, "GEHOORD_SCHEDULER": "off"}
    server = Server({**env, "GEHOORD_AUTH_FAILURES_PER_MINUTE": "1000000"})
    yield server, store
    server.stop()


SHORT_FORM: dict[str, tuple[str, ...]] = {
    "mediator": ("registerComplaint", "acknowledgeComplaint", "readQueue"),
    "intake": ("registerSignal", "readSignal", "recordStemResponse"),
    "manager": ("registerSignal", "readSignalTimeline", "readComplaintsAnalysis"),
    "auditor": ("registerSignal", "readSignalHistory", "verifyChain"),
    "admin": ("requestSubjectAccess", "readSubjectAccess", "runSweep"),
}
"""The short form (`make test`): per role, a creation the stateful phase starts from (the
role's own, or one refused to it: 403 is an answer to check too), an operation it links to,
and one more of the role's own; the long form (`make reliability`) runs every operation for
every role."""


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
        # a PDF analysis renders in seconds, but on a busy shared machine past the default 10 s
        "--request-timeout",
        "60",
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
    served: tuple[Server, Tokens], role: str
) -> None:
    server, store = served
    only = [] if LONG else list(SHORT_FORM[role])
    run = schemathesis(server, store.tokens[role], only)
    summary = run.stdout[run.stdout.find("SUMMARY") :] or run.stdout[-4000:]
    assert run.returncode == 0, run.stdout[-12000:] + run.stderr[-2000:]
    assert "Stateful" in summary and "Coverage" in summary, summary
    cases = re.search(r"Test cases:\s*(.*)", summary)
    SUMMARIES.append(f"schemathesis ({role}): {cases.group(1) if cases else '?'}, failures=0")
