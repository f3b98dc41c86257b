"""Read models keep personal text sealed, also when a process meets a case it has not cached
(another process wrote the case before): the case list never holds a subject in plain text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, select

from adapters.bootstrap import Service, build
from adapters.clock import SettableClock
from adapters.persistence.schema import case_list
from adapters.settings import Settings
from application.access import SYSTEM
from application.complaint_use_cases import AcknowledgeComplaint, RegisterComplaint
from application.ports import CaseFilter
from domain.records import Contact
from domain.values import Channel
from tests.integration.conftest import NOW

SUBJECT = "Qxzsealedsubjectmarker"


@pytest.fixture
def second_process(database_url: str, clock: SettableClock, service: Service) -> Iterator[Service]:
    """A second service on the same store, as another API process would be (its own cache)."""
    other = build(Settings(database_url=database_url), clock)
    yield other
    other.close()


def test_a_case_first_met_by_another_process_is_listed_with_its_subject_sealed(
    service: Service, second_process: Service, database_url: str
) -> None:
    registration = RegisterComplaint(
        NOW, Channel.EMAIL, Contact("Ouder"), "D-1", SUBJECT, "", "Team Noord"
    )
    case_id = service.commands.run(registration, actor="intake:test").case.id
    second_process.commands.run(AcknowledgeComplaint(case_id, NOW), actor="mediator:test")

    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            stored = connection.execute(
                select(case_list.c.subject, case_list.c.status).where(
                    case_list.c.id == str(case_id)
                )
            ).one()
    finally:
        engine.dispose()
    assert stored.status == "acknowledged"
    assert SUBJECT not in stored.subject
    listed = second_process.reads.page(CaseFilter(), 10, None, SYSTEM).rows
    assert [row.subject for row in listed if row.id == case_id] == [SUBJECT]
