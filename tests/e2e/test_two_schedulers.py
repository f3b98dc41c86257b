"""Two `gehoord scheduler` processes on one PostgreSQL: each period swept once, no flag twice."""

from __future__ import annotations

import os
import subprocess
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, text

from adapters.bootstrap import build, migrate
from adapters.clock import SettableClock
from adapters.settings import Settings
from application.casework import NewComplaint
from domain.complaint import Complaint
from domain.values import Outcome
from tests.e2e.server import GEHOORD

pytestmark = pytest.mark.e2e


def test_two_schedulers_sweep_each_period_once_and_raise_no_flag_twice(postgres_url: str) -> None:
    past = datetime.now(UTC) - timedelta(days=20)
    service = build(Settings(database_url=postgres_url), SettableClock(past))
    migrate(service)
    ids = []
    for n in range(6):
        with service.unit_of_work():
            case = service.casework.register(
                NewComplaint(
                    received_at=past - timedelta(hours=1),
                    channel="phone",
                    complainant={"name": f"Ouder {n}"},
                    dossier_ref=f"D-{n}",
                    subject="Niet gehoord",
                    description="",
                    team="Team Oost",
                ),
                "intake:test",
            )
        with service.unit_of_work():
            service.casework.change(
                case.id,
                None,
                lambda c, now: c.hold_conversation(
                    at=now,
                    actor="mediator:test",
                    now=now,
                    participants=["Ouder"],
                    outcome=Outcome.RESOLVED,
                    agreements=[],
                ),
            )
        ids.append(case.id)
    service.projections.catch_up()
    env = {**os.environ, "GEHOORD_DATABASE_URL": postgres_url, "GEHOORD_SWEEP_SECONDS": "1"}
    schedulers = [
        subprocess.Popen(
            [GEHOORD, "scheduler"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for _ in range(2)
    ]
    try:
        time.sleep(6)
    finally:
        for process in schedulers:
            process.terminate()
        for process in schedulers:
            process.wait(timeout=15)

    raised: Counter[tuple[str, str, str]] = Counter()
    for case_id in ids:
        for entry in service.casework.history(Complaint, case_id):
            if entry.type == "FlagRaised":
                raised[(str(case_id), entry.data["key"], entry.data["severity"])] += 1
    service.close()
    assert raised, "the schedulers raised no flag at all"
    assert max(raised.values()) == 1, [k for k, n in raised.items() if n > 1]
    assert {key for _, key, _ in raised} >= {
        "minutes_overdue:minutes:1",
        "complaint_acknowledgement_overdue:acknowledgement",
    }
    engine = create_engine(postgres_url)
    with engine.connect() as connection:
        periods = connection.execute(text("SELECT period FROM sweep_claims")).scalars().all()
    engine.dispose()
    assert len(periods) >= 3 and len(periods) == len(set(periods))
