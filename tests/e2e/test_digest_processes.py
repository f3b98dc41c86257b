"""The digest across processes: the CLI, a kill -9 mid-delivery, two schedulers on PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from adapters.bootstrap import Service, build, migrate
from adapters.clock import SettableClock
from adapters.settings import Settings
from api.app import create_app
from tests.e2e.server import GEHOORD, cli
from tests.integration.conftest import NOW, Api
from tests.integration.digest_world import ANNA, BRAM, KARIN, TUESDAY, World, a_small_organisation
from tests.mail_server import MailServer

pytestmark = pytest.mark.e2e
AS_OF = "2026-03-17T07:30:00+01:00"


@pytest.fixture
def mail_server() -> Iterator[MailServer]:
    server = MailServer().start()
    yield server
    server.stop()


@pytest.fixture
def organisation(database_url: str) -> Iterator[tuple[Service, World]]:
    service = build(Settings(database_url=database_url), SettableClock(NOW))
    migrate(service)
    with TestClient(create_app(service=service)) as client:
        world = a_small_organisation(Api(client, service))
    yield service, world
    service.close()


def environment(database_url: str, server: MailServer, **more: str) -> dict[str, str]:
    return {
        "GEHOORD_DATABASE_URL": database_url,
        "GEHOORD_SMTP_URL": f"smtp://127.0.0.1:{server.port}",
        **more,
    }


def test_digest_send_dry_run_prints_what_would_go_to_whom_and_sends_nothing(
    organisation: tuple[Service, World], database_url: str, mail_server: MailServer
) -> None:
    _, world = organisation
    env = environment(database_url, mail_server)

    shown = cli(env, "digest", "send", "--dry-run", "--as-of", AS_OF)
    saturday = cli(env, "digest", "send", "--dry-run", "--as-of", "2026-03-21T07:30:00+01:00")

    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert f"{ANNA}: Werkvoorraad di 17 mrt: 2 overschreden, 0 waarschuwingen" in lines
    assert f"{KARIN}: Werkvoorraad di 17 mrt: 2 overschreden, 1 waarschuwing" in lines
    assert f"{BRAM}: Werkvoorraad di 17 mrt: 1 overschreden, 0 waarschuwingen" in lines
    assert any(
        world.references["warned_noord"] in line and "waarschuwing" in line for line in lines
    )
    assert len([line for line in lines if not line.startswith(" ")]) == 3
    assert saturday.stdout.strip() == "2026-03-21 is not a working day (Saturday): no digest"
    assert mail_server.received == []


@pytest.mark.parametrize("as_of", ["gisteren", "2026-03-17T07:30:00", "2026-02-30T07:30+01:00"])
def test_digest_send_with_a_bad_moment_says_so_in_one_line_and_exits_2(
    organisation: tuple[Service, World], database_url: str, mail_server: MailServer, as_of: str
) -> None:
    result = cli(environment(database_url, mail_server), "digest", "send", "--as-of", as_of)

    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "--as-of" in result.stderr
    assert mail_server.received == []


def test_a_kill_9_between_sending_and_marking_sends_nothing_twice(
    organisation: tuple[Service, World], database_url: str, mail_server: MailServer
) -> None:
    service, _ = organisation
    env = {**os.environ, **environment(database_url, mail_server)}
    sending: list[subprocess.Popen[bytes]] = []
    # The server has the message; the client is killed before it hears "250 OK".
    mail_server.recorder.on_data = lambda: os.kill(sending[0].pid, signal.SIGKILL)
    sending.append(
        subprocess.Popen(
            [GEHOORD, "digest", "send", "--as-of", AS_OF],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    )
    assert sending[0].wait(timeout=120) == -signal.SIGKILL
    assert len(mail_server.received) == 1
    mail_server.recorder.on_data = None

    again = cli(environment(database_url, mail_server), "digest", "send", "--as-of", AS_OF)

    assert again.returncode == 0, again.stderr
    assert "in doubt 0" in again.stdout
    ids = Counter(str(r.message["Message-ID"]) for r in mail_server.received)
    assert len(ids) == 5 and max(ids.values()) == 1  # 3 digests, 2 notices, each once
    clock = service.clock
    assert isinstance(clock, SettableClock)
    clock.set(datetime.now(UTC) + timedelta(minutes=3))  # the crashed claim's lease has lapsed
    report = service.health.check()
    assert report.status == "degraded" and report.mail is not None and report.mail.in_doubt == 1


def test_a_mail_in_doubt_is_listed_by_message_id_and_once_released_sent_as_the_same_message(
    organisation: tuple[Service, World], database_url: str, mail_server: MailServer
) -> None:
    service, _ = organisation
    env = environment(database_url, mail_server)
    clock = service.clock
    assert isinstance(clock, SettableClock)
    clock.set(TUESDAY)
    outbox = service.mail.outbox
    pending = outbox.claim_next(TUESDAY, 120)
    assert pending is not None and outbox.handing_over(pending, TUESDAY)  # then a crash

    listed = cli(env, "digest", "in-doubt")
    key, recipient, message_id = listed.stdout.strip().split("\t")
    released = cli(env, "digest", "release", key)
    unknown = cli(env, "digest", "release", "digest:2026-03-17:nobody")
    sent = cli(env, "digest", "send", "--as-of", AS_OF)

    assert (key, released.returncode, unknown.returncode, sent.returncode) == (
        pending.letter.key,
        0,
        1,
        0,
    )
    copies = [r.message for r in mail_server.received if r.message["Message-ID"] == message_id]
    assert len(copies) == 1 and copies[0]["To"] == recipient


def unsent(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            count = connection.execute(
                text("SELECT count(*) FROM mail_outbox WHERE sent_at IS NULL")
            ).scalar_one()
    finally:
        engine.dispose()
    return int(count)


def test_two_scheduler_processes_on_postgresql_send_each_mail_once(
    postgres_url: str, mail_server: MailServer
) -> None:
    service = build(Settings(database_url=postgres_url), SettableClock(NOW))
    migrate(service)
    with TestClient(create_app(service=service)) as client:
        a_small_organisation(Api(client, service))
    recorded = service.digests.record(TUESDAY, TUESDAY)
    service.close()
    assert recorded.recorded == 3
    env: dict[str, Any] = {
        **os.environ,
        **environment(postgres_url, mail_server, GEHOORD_MAIL_RETRY_SECONDS="1"),
    }
    schedulers = [
        subprocess.Popen(
            [GEHOORD, "scheduler"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for _ in range(2)
    ]
    try:
        deadline = time.monotonic() + 90  # slow starts on a busy machine
        while time.monotonic() < deadline and (
            len(mail_server.received) < 5 or unsent(postgres_url)
        ):
            time.sleep(0.5)
        time.sleep(3)  # both processes running side by side a while longer
    finally:
        for process in schedulers:
            process.terminate()
        for process in schedulers:
            process.wait(timeout=15)

    messages = [r.message for r in mail_server.received]
    ids = Counter(str(m["Message-ID"]) for m in messages)
    assert len(messages) >= 5 and max(ids.values()) == 1, ids
    # Today's digests too, when the test runs on a working day after the digest time: still
    # one per person per day.
    per_day = Counter(
        (str(m["To"]), str(m["Message-ID"]).split(".")[1])
        for m in messages
        if str(m["Subject"]).startswith("Werkvoorraad")
    )
    assert max(per_day.values()) == 1
    tuesday = {to for to, day in per_day if day == "2026-03-17"}
    assert tuesday == {ANNA, BRAM, KARIN}
    assert unsent(postgres_url) == 0
