"""The composition root: builds the service's parts from settings; nothing connects before this."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from eventsourcing_sqlalchemy.datastore import SQLAlchemyDatastore
from eventsourcing_sqlalchemy.recorders import SQLAlchemyApplicationRecorder
from sqlalchemy import Engine, inspect

from adapters.clock import SystemClock
from adapters.persistence.case_list import SqlCaseList, SqlCaseListView
from adapters.persistence.factory import event_store_env
from adapters.persistence.idempotency import SqlIdempotencyRecords
from adapters.persistence.migrate import create_schema
from adapters.persistence.projections import ProjectionRunner, TrackedProjection
from adapters.persistence.references import SqlReferenceNumbers
from adapters.persistence.tokens import SqlTokenRecords
from adapters.settings import Settings
from application.case_list import CaseListProjection
from application.casework import Casework
from application.commands import CommandRunner
from application.ports import Clock
from application.tokens import Tokens


class SchemaMissing(Exception):
    """Raised when the database has no schema yet and `gehoord migrate` has not been run."""


@dataclass
class Service:
    """Everything the API, the CLI and the scheduler use, wired once."""

    settings: Settings
    clock: Clock
    casework: Casework
    tokens: Tokens
    commands: CommandRunner
    case_list: SqlCaseList
    projections: ProjectionRunner

    @property
    def engine(self) -> Engine:
        engine = self.projections.datastore.engine
        assert isinstance(engine, Engine)
        return engine

    def start_background(self) -> None:
        self.projections.start(self.settings.projection_poll_seconds)

    def close(self) -> None:
        self.projections.stop()
        self.engine.dispose()


def _case_list_projection() -> TrackedProjection:
    projection = CaseListProjection()
    return TrackedProjection(
        name=projection.name,
        process=lambda event, position, session: projection.process(
            event, position, SqlCaseListView(session)
        ),
        clear=lambda session: SqlCaseListView(session).clear(),
    )


def build(settings: Settings, clock: Clock | None = None) -> Service:
    clock = clock or SystemClock()
    _prepare_sqlite_folder(settings)
    casework = Casework(
        event_store_env(settings.database_url),
        clock=clock,
        references=lambda app: SqlReferenceNumbers(_datastore(app)),
    )
    datastore = _datastore(casework)
    projections = ProjectionRunner(casework, [_case_list_projection()])
    commands = CommandRunner(
        unit_of_work=lambda: datastore.transaction(commit=True),
        records=SqlIdempotencyRecords(datastore),
        clock=clock,
        after_commit=projections.catch_up,
    )
    return Service(
        settings=settings,
        clock=clock,
        casework=casework,
        tokens=Tokens(SqlTokenRecords(datastore), clock),
        commands=commands,
        case_list=SqlCaseList(datastore),
        projections=projections,
    )


def _datastore(app: Casework) -> SQLAlchemyDatastore:
    recorder = app.recorder
    assert isinstance(recorder, SQLAlchemyApplicationRecorder)
    return recorder.datastore


def migrate(service: Service) -> None:
    recorder = service.casework.recorder
    assert isinstance(recorder, SQLAlchemyApplicationRecorder)
    create_schema(recorder)


def check_schema(service: Service) -> None:
    """On SQLite the first start creates the schema; PostgreSQL needs `gehoord migrate`."""
    if not service.settings.is_postgres:
        migrate(service)
        return
    if not inspect(service.engine).has_table("gehoord_events"):
        raise SchemaMissing("the database has no schema yet: run `gehoord migrate` first")


def _prepare_sqlite_folder(settings: Settings) -> None:
    if settings.database_url.startswith("sqlite:///"):
        path = settings.database_url.removeprefix("sqlite:///").split("?")[0]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
