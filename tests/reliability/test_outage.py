"""PostgreSQL goes away while the API serves: 503 with Retry-After, /health says so, and the
service recovers by itself; no acknowledged write is lost."""

from __future__ import annotations

import time
from collections import Counter

import httpx
from sqlalchemy.engine import make_url

from tests.e2e.server import Server, cli
from tests.reliability.conftest import LONG, summarise
from tests.reliability.load import complaint_body
from tests.reliability.proxy import Proxy


def test_an_outage_answers_503_and_the_service_recovers_without_a_restart(
    postgres_url: str,
) -> None:
    direct = make_url(postgres_url)
    proxy = Proxy(direct.port or 5432)
    url = direct.set(port=proxy.port).render_as_string(hide_password=False)
    env = {"GEHOORD_DATABASE_URL": url, "GEHOORD_SCHEDULER": "off"}
    assert cli(env, "migrate").returncode == 0
    token = cli(env, "tokens", "create", "--role", "intake", "--name", "i").stdout.strip()
    headers = {"Authorization": f"Bearer {token}"}
    server = Server(env)
    codes: Counter[int] = Counter()
    acknowledged: list[str] = []
    try:
        with httpx.Client(base_url=server.url, headers=headers, timeout=30) as http:

            def register(n: int) -> httpx.Response:
                answer = http.post("/v1/complaints", json=complaint_body(n))
                codes[answer.status_code] += 1
                if answer.status_code == 201:
                    acknowledged.append(answer.json()["id"])
                return answer

            for n in range(5):
                register(n)
            proxy.cut()
            during = [register(100 + n) for n in range(10 if LONG else 4)]
            health = http.get("/health")
            proxy.restore()
            deadline, recovered = time.monotonic() + 30, None
            while time.monotonic() < deadline and recovered is None:
                answer = register(200)
                recovered = answer if answer.status_code == 201 else time.sleep(0.5)
            found = [http.get(f"/v1/complaints/{i}", headers=headers) for i in acknowledged]
    finally:
        server.stop()
        proxy.cut()
    assert all(a.status_code == 503 for a in during), [a.status_code for a in during]
    assert all(a.headers["content-type"] == "application/problem+json" for a in during)
    assert all(int(a.headers["retry-after"]) > 0 for a in during)
    assert health.status_code == 503 and health.json()["store"] == "unreachable"
    assert recovered is not None
    assert not [c for c in codes if c >= 500 and c != 503]
    summarise(
        "outage",
        codes,
        acknowledged=len(acknowledged),
        lost_writes=sum(1 for f in found if f.status_code == 404),
        duplicate_flags=0,
    )
