"""Two `gehoord scheduler` processes on one PostgreSQL: each period swept once, no flag twice."""

from __future__ import annotations

import os
import subprocess
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, create_engine, text

from adapters.bootstrap import build, migrate
from adapters.clock import SettableClock
from adapters.settings import Settings
from application.complaint_use_cases import HoldConversation, RegisterComplaint
from domain.complaint import Complaint
from domain.records import Contact
from domain.values import Channel, Outcome
from tests.conftest import TESTER
from tests.e2e.server import GEHOORD

pytestmark = pytest.mark.e2e


def claimed_periods(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM sweep_claims")).scalar_one())


def test_two_schedulers_sweep_each_period_once_and_raise_no_flag_twice(postgres_url: str) -> None:
    past = datetime.now(UTC) - timedelta(days=20)
    service = build(Settings(database_url=postgres_url), SettableClock(past))
    migrate(service)
    ids = []
    for n in range(6):
        registration = RegisterComplaint(
            received_at=past - timedelta(hours=1),
            channel=Channel.PHONE,
            complainant=Contact(f"Ouder {n}"),
            dossier_ref=f"D-{n}",
            subject="Niet gehoord",
            description="",
            team="Team Oost",
        )
        case = service.commands.run(registration, actor="intake:test").case
        talk = HoldConversation(case.id, past, ("Ouder",), Outcome.RESOLVED)
        service.commands.run(talk, actor="mediator:test")
        ids.append(case.id)
    service.projections.catch_up()
    env = {**os.environ, "GEHOORD_DATABASE_URL": postgres_url, "GEHOORD_SWEEP_SECONDS": "1"}
    schedulers = [
        subprocess.Popen(
            [GEHOORD, "scheduler"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for _ in range(2)
    ]
    engine = create_engine(postgres_url)
    try:
        deadline = time.monotonic() + 60  # slow starts on a busy machine; 3 periods is enough
        while time.monotonic() < deadline and claimed_periods(engine) < 3:
            time.sleep(0.5)
        time.sleep(2)  # and both processes running side by side for a while
    finally:
        for process in schedulers:
            process.terminate()
        for process in schedulers:
            process.wait(timeout=15)

    raised: Counter[tuple[str, str, str]] = Counter()
    for case_id in ids:
        for entry in service.reads.history(Complaint, case_id, TESTER):
            if entry.type == "FlagRaised":
                raised[(str(case_id), entry.data["key"], entry.data["severity"])] += 1
    service.close()
    assert raised, "the schedulers raised no flag at all"
    assert max(raised.values()) == 1, [k for k, n in raised.items() if n > 1]
    assert {key for _, key, _ in raised} >= {
        "minutes_overdue:minutes:1",
        "complaint_acknowledgement_overdue:acknowledgement",
    }
    with engine.connect() as connection:
        periods = connection.execute(text("SELECT period FROM sweep_claims")).scalars().all()
    engine.dispose()
    assert len(periods) >= 3 and len(periods) == len(set(periods))
