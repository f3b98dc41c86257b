"""After a long random history, rebuilding the read models from the log gives identical tables."""

from __future__ import annotations

import contextlib
import random
from datetime import timedelta
from functools import partial
from typing import Any

from sqlalchemy import select

from adapters.bootstrap import Service
from adapters.clock import SettableClock
from adapters.persistence.schema import case_list, flags
from application.casework import NewComplaint
from application.signals import NewSignal
from domain.complaint import Complaint
from domain.errors import DomainError
from domain.signal import Signal
from tests.unit.case_steps import COMMANDS, apply


def tables(service: Service) -> tuple[list[Any], list[Any]]:
    with service.engine.connect() as connection:
        cases = connection.execute(select(case_list).order_by(case_list.c.id)).all()
        queue = connection.execute(select(flags).order_by(flags.c.flag_id)).all()
    return [tuple(r) for r in cases], [tuple(r) for r in queue]


def work(service: Service, kind: type, case_id: Any, command: str, moment: Any) -> None:
    """One random command; the rules may refuse it, which records nothing."""
    if kind is Complaint:
        service.casework.change(case_id, None, partial(_complaint_step, command, moment))
        return
    with contextlib.suppress(DomainError):
        service.casework.change_case(Signal, case_id, None, partial(_signal_step, command, moment))


def _complaint_step(command: str, moment: Any, case: Complaint, now: Any) -> None:
    apply(case, command, moment)


def _signal_step(command: str, moment: Any, signal: Signal, now: Any) -> None:
    if command in ("acknowledge", "conversation"):
        signal.acknowledge(at=moment, actor="mediator:t", now=now)
    else:
        signal.resolve(at=moment, actor="mediator:t", now=now, outcome="Klaar")


def test_a_rebuild_after_a_long_random_history_matches_the_live_tables(
    service: Service, clock: SettableClock
) -> None:
    rng = random.Random(7)
    start = clock.now() - timedelta(days=90)
    clock.set(start)
    ids: list[tuple[type, Any]] = []
    for step in range(400):
        clock.set(clock.now() + timedelta(hours=rng.randint(1, 6)))
        moment = clock.now() - timedelta(minutes=1)
        with service.unit_of_work():
            if step % 10 == 0:
                new = NewComplaint(
                    moment,
                    "phone",
                    {"name": f"Ouder {step}"},
                    f"D-{step}",
                    "Onderwerp",
                    "",
                    rng.choice(["Noord", "Zuid"]),
                )
                ids.append((Complaint, service.casework.register(new, "intake:t").id))
            elif step % 10 == 5:
                signal = NewSignal(moment, "email", f"D-{step}", "Zorgen")
                ids.append((Signal, service.signals.register(signal, "intake:t").id))
            else:
                kind, case_id = rng.choice(ids)
                work(service, kind, case_id, rng.choice(COMMANDS), moment)
        if step % 50 == 49:
            service.sweep.run(clock.now())
    service.projections.catch_up()
    live = tables(service)
    assert len(live[0]) == 80 and live[1]
    service.projections.rebuild("cases")
    assert tables(service) == live
    assert service.audit_log.verify().ok
