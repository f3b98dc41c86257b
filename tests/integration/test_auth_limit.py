"""Failed authentication is limited per client address: only failures count, a valid token is
never refused, X-Forwarded-For is believed only from a listed proxy, and the count is shared
by every process on the store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from adapters.bootstrap import Service, build, migrate
from adapters.clock import SettableClock
from adapters.settings import Settings
from api.app import create_app
from application.roles import Role

LIMIT = 20
BAD = {"Authorization": "Bearer ghd_not-a-token"}


@pytest.fixture
def token(service: Service) -> str:
    return service.tokens.create(Role.MEDIATOR, "anna")


def client(service: Service, peer: str) -> Iterator[TestClient]:
    with TestClient(
        create_app(service=service), raise_server_exceptions=False, client=(peer, 40000)
    ) as test_client:
        yield test_client


@pytest.fixture
def local(service: Service) -> Iterator[TestClient]:
    yield from client(service, "127.0.0.1")


def queue(http: TestClient, headers: dict[str, str], forwarded: str | None = None) -> Any:
    extra = {"X-Forwarded-For": forwarded} if forwarded else {}
    return http.get("/v1/queue", headers={**headers, **extra})


def failures_until_refused(http: TestClient, forwarded: str | None = None) -> list[int]:
    return [queue(http, BAD, forwarded).status_code for _ in range(LIMIT + 1)]


def test_only_failures_count_and_a_valid_token_is_never_refused(
    local: TestClient, token: str, clock: SettableClock
) -> None:
    mine = {"Authorization": f"Bearer {token}"}
    assert all(queue(local, mine).status_code == 200 for _ in range(3 * LIMIT))
    assert failures_until_refused(local) == [401] * LIMIT + [429]
    refused = queue(local, BAD)
    assert refused.headers["content-type"] == "application/problem+json"
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert queue(local, mine).status_code == 200  # the holder of a real token gets in
    assert queue(local, {}).status_code == 429  # no token at all is a failure too
    clock.set(clock.now() + timedelta(seconds=61))
    assert queue(local, BAD).status_code == 401  # a minute later the address may try again


def test_a_rotating_x_forwarded_for_from_an_untrusted_peer_changes_nothing(
    local: TestClient,
) -> None:
    statuses = [queue(local, BAD, f"198.51.100.{n}").status_code for n in range(LIMIT + 1)]
    assert statuses == [401] * LIMIT + [429]


def test_a_listed_proxy_forwards_the_client_address_and_only_the_right_most_counts(
    database_url: str, clock: SettableClock
) -> None:
    settings = Settings(database_url=database_url, trusted_proxies='["10.0.0.0/24"]')
    service = build(settings, clock)
    migrate(service)
    try:
        for proxy in client(service, "10.0.0.7"):
            assert failures_until_refused(proxy, "203.0.113.5") == [401] * LIMIT + [429]
            assert queue(proxy, BAD, "203.0.113.6").status_code == 401  # someone else
            # what the client writes left of itself is not believed, nor a listed proxy hop
            assert queue(proxy, BAD, "203.0.113.6, 203.0.113.5").status_code == 429
            assert queue(proxy, BAD, "203.0.113.5, 10.0.0.9").status_code == 429
    finally:
        service.close()


def test_the_limit_holds_across_processes_on_one_store(
    service: Service, database_url: str, clock: SettableClock
) -> None:
    other = build(Settings(database_url=database_url), clock)
    try:
        for first in client(service, "192.0.2.1"):
            for second in client(other, "192.0.2.1"):
                half = [queue(first, BAD).status_code for _ in range(LIMIT // 2)]
                rest = [queue(second, BAD).status_code for _ in range(LIMIT - LIMIT // 2)]
                assert half + rest == [401] * LIMIT
                assert queue(first, BAD).status_code == 429
                assert queue(second, BAD).status_code == 429
    finally:
        other.close()
