"""While one process applies a batch of the log to its read models, no other process can move
those read models' positions: the claim holds until the batch commits (the write lock on
SQLite, the tracking rows' locks on PostgreSQL), so no event is applied twice."""

from __future__ import annotations

from typing import Any

import sqlalchemy.exc
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from adapters.bootstrap import Service
from adapters.clock import SettableClock
from adapters.persistence.projections import ProjectionRunner, TrackedProjection
from application.complaint_use_cases import RegisterComplaint
from domain.records import Contact
from domain.values import Channel
from tests.integration.conftest import NOW


def another_process_can_move(database_url: str, name: str) -> bool:
    """Whether a second connection can update `name`'s tracking row right now (no waiting)."""
    sqlite = database_url.startswith("sqlite")
    engine = create_engine(database_url, connect_args={"timeout": 0} if sqlite else {})
    try:
        with engine.begin() as connection:
            if not sqlite:
                connection.execute(text("SET LOCAL lock_timeout = '200ms'"))
            connection.execute(
                text("UPDATE projection_tracking SET position = position WHERE name = :name"),
                {"name": name},
            )
        return True
    except sqlalchemy.exc.OperationalError:
        return False
    finally:
        engine.dispose()


def test_a_batch_being_applied_keeps_other_processes_from_moving_its_position(
    service: Service, database_url: str, clock: SettableClock
) -> None:
    seen: list[bool] = []

    def process(event: Any, position: int, session: Session) -> None:
        seen.append(another_process_can_move(database_url, "probe"))

    probe = TrackedProjection(name="probe", process=process, clear=None)
    runner = ProjectionRunner(service.casework, [probe], clock)
    runner.catch_up()  # the probe's tracking row exists from here on
    registration = RegisterComplaint(NOW, Channel.EMAIL, Contact("Ouder"), "D-1", "S", "", "T")
    service.commands.run(registration, actor="intake:test")
    seen.clear()

    assert runner.catch_up() > 0
    assert seen and not any(seen)
    assert another_process_can_move(database_url, "probe")  # released at the commit
