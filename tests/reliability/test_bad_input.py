"""Hostile input: every answer is the documented 4xx, never a 500, and nothing is recorded."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.e2e.server import Server
from tests.reliability.conftest import Store
from tests.reliability.load import complaint_body


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Store]]:
    folder: Path = tmp_path_factory.mktemp("hostile")
    store = Store(f"sqlite:///{folder}/hostile.sqlite")
    server = Server({**store.env, "GEHOORD_AUTH_FAILURES_PER_MINUTE": "100000"})
    yield server, store
    server.stop()


def deep(levels: int) -> bytes:
    """A complaint whose complainant nests `levels` objects deep (too deep to encode normally)."""
    start = json.dumps(complaint_body(1))[:-1]
    return (start + ', "extra": ' + '{"a": ' * levels + '"x"' + "}" * levels + "}").encode()


def body(**changes: Any) -> dict[str, Any]:
    return complaint_body(1) | changes


HOSTILE: list[tuple[str, bytes | dict[str, Any], int]] = [
    ("invalid JSON", b'{"received_at": ', 400),
    ("invalid UTF-8", b'{"subject": "\xff\xfe"}', 400),
    ("huge string", body(subject="x" * 60_000), 422),
    ("over 64 KiB", body(description="x" * 70_000), 413),
    ("deeply nested JSON", deep(6_000), 400),
    ("unknown enum value", body(channel="pigeon"), 422),
    ("far future time", body(received_at="2999-01-01T00:00:00+00:00"), 422),
    ("time before 1900", body(received_at="1850-01-01T00:00:00+00:00"), 422),
    ("time without offset", body(received_at="2026-03-01T10:00:00"), 422),
    ("SQL in a text field", body(subject="'; DROP TABLE gehoord_events; --"), 201),
    ("HTML in a text field", body(subject="<script>alert(1)</script>"), 201),
    ("10,000-item list", {"at": "2026-03-01T10:00:00+00:00", "measures": ["m"] * 10_000}, 422),
    ("not an object", b"[1, 2, 3]", 422),
    ("unknown field", body(extra_field="x"), 422),
]


@pytest.mark.parametrize(("name", "payload", "expected"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_hostile_request_gets_its_documented_answer_and_records_nothing_else(
    served: tuple[Server, Store], name: str, payload: Any, expected: int
) -> None:
    server, store = served
    headers = {**store.headers("mediator"), "Content-Type": "application/json"}
    raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    path = "/v1/complaints"
    if "measures" in (payload if isinstance(payload, dict) else {}):
        case = httpx.post(f"{server.url}/v1/complaints", json=complaint_body(2), headers=headers)
        path = f"/v1/complaints/{case.json()['id']}/measures"
    before = events(server, store)
    answer = httpx.post(f"{server.url}{path}", content=raw, headers=headers, timeout=30)
    assert answer.status_code == expected, (name, answer.text[:300])
    if expected >= 400:
        assert answer.headers["content-type"] == "application/problem+json"
        assert events(server, store) == before
    else:
        assert answer.json()["subject"] == payload["subject"]  # stored as text, harmless


def events(server: Server, store: Store) -> int:
    page = httpx.get(
        f"{server.url}/v1/audit/events", params={"limit": 500}, headers=store.headers("auditor")
    ).json()
    return len(page["items"])


def test_a_log_position_beyond_any_integer_the_store_holds_is_422_not_500(
    served: tuple[Server, Store],
) -> None:
    server, store = served
    answer = httpx.get(
        f"{server.url}/v1/audit/events",
        headers=store.headers("auditor"),
        params={"after": 15318925237054470875659632640},
    )
    assert answer.status_code == 422
