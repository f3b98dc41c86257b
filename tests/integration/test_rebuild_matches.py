"""After a long random history, rebuilding the read models from the log gives identical tables."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from adapters.bootstrap import Service
from adapters.clock import SettableClock
from adapters.persistence.schema import case_list, flags
from application.complaint_use_cases import RegisterComplaint
from application.signal_use_cases import RegisterSignal
from domain.complaint import Complaint
from domain.records import Contact
from domain.signal import Signal
from domain.values import Channel, SignalChannel
from tests.application.random_steps import RandomComplaintStep, RandomSignalStep
from tests.unit.case_steps import COMMANDS


def tables(service: Service) -> tuple[list[Any], list[Any]]:
    with service.engine.connect() as connection:
        cases = connection.execute(select(case_list).order_by(case_list.c.id)).all()
        queue = connection.execute(select(flags).order_by(flags.c.flag_id)).all()
    return [tuple(r) for r in cases], [tuple(r) for r in queue]


def test_a_rebuild_after_a_long_random_history_matches_the_live_tables(
    service: Service, clock: SettableClock
) -> None:
    rng = random.Random(7)
    start = clock.now() - timedelta(days=90)
    clock.set(start)
    ids: list[tuple[type, Any]] = []
    run = service.commands.run
    for step in range(400):
        clock.set(clock.now() + timedelta(hours=rng.randint(1, 6)))
        moment = clock.now() - timedelta(minutes=1)
        if step % 10 == 0:
            new = RegisterComplaint(
                moment,
                Channel.PHONE,
                Contact(f"Ouder {step}"),
                f"D-{step}",
                "Onderwerp",
                "",
                rng.choice(["Noord", "Zuid"]),
            )
            ids.append((Complaint, run(new, actor="intake:t").case.id))
        elif step % 10 == 5:
            signal = RegisterSignal(moment, SignalChannel.EMAIL, f"D-{step}", "Zorgen")
            ids.append((Signal, run(signal, actor="intake:t").case.id))
        else:
            kind, case_id = rng.choice(ids)
            random_step = RandomComplaintStep if kind is Complaint else RandomSignalStep
            run(random_step(case_id, rng.choice(COMMANDS), moment), actor="mediator:t")
        if step % 50 == 49:
            service.sweep.run(clock.now())
    service.projections.catch_up()
    live = tables(service)
    assert len(live[0]) == 80 and live[1]
    service.projections.rebuild("cases")
    assert tables(service) == live
    assert service.audit.verify().ok
