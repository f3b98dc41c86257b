"""The composition root: builds the service's parts from settings; nothing connects before this."""

from __future__ import annotations

import hashlib
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventsourcing_sqlalchemy.datastore import SQLAlchemyDatastore
from eventsourcing_sqlalchemy.recorders import SQLAlchemyApplicationRecorder
from sqlalchemy import Engine, inspect
from sqlalchemy.orm import Session

from adapters.clock import SystemClock
from adapters.persistence.audit_log import AUDIT_CHAIN, SqlAccessLog, SqlAuditLog
from adapters.persistence.cases_view import SqlCaseList, SqlCasesView, SqlQueue
from adapters.persistence.factory import event_store_env
from adapters.persistence.idempotency import SqlIdempotencyRecords
from adapters.persistence.migrate import create_schema
from adapters.persistence.projections import ProjectionRunner, TrackedProjection
from adapters.persistence.references import SqlReferenceNumbers
from adapters.persistence.report_rows import SqlReportRows, SqlReportRowsView
from adapters.persistence.sweep_claims import SqlSweepClaims
from adapters.persistence.tokens import SqlTokenRecords
from adapters.persistence.vault import SqlVault
from adapters.settings import Settings
from application.case_cache import CaseCache
from application.cases_projection import CasesProjection
from application.casework import Casework
from application.commands import CommandRunner
from application.erasure import Erasures
from application.policies import Policies
from application.ports import Clock, UnitOfWork
from application.reports_projection import ReportsProjection
from application.signals import Signals
from application.sweep import Sweep
from application.tokens import Tokens
from domain.calendar import WorkingDayCalendar
from domain.policy import DEFAULT_POLICY_BOOK, Policy, PolicyBook
from domain.stem import StemRule


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
    queue: SqlQueue
    projections: ProjectionRunner
    sweep: Sweep
    sweep_claims: SqlSweepClaims
    unit_of_work: UnitOfWork
    signals: Signals
    stem_rule: StemRule
    audit_log: SqlAuditLog
    access_log: SqlAccessLog
    erasures: Erasures
    report_rows: SqlReportRows

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


def _cases_projection(casework: Casework) -> TrackedProjection:
    cache = CaseCache(casework.repository)
    projection = CasesProjection(cache, casework.policies)

    def clear(session: Session) -> None:
        cache.forget()
        SqlCasesView(session).clear()

    return TrackedProjection(
        name=projection.name,
        process=lambda event, position, session: projection.process(event, position),
        clear=clear,
        begin=projection.begin,
        flush=lambda session: projection.flush(SqlCasesView(session)),
    )


def _reports_projection(casework: Casework) -> TrackedProjection:
    cache = CaseCache(casework.repository)
    projection = ReportsProjection(cache, casework.policies)

    def clear(session: Session) -> None:
        cache.forget()
        SqlReportRowsView(session).clear()

    return TrackedProjection(
        name=projection.name,
        process=lambda event, position, session: projection.process(
            event, position, SqlReportRowsView(session)
        ),
        clear=clear,
    )


def policies_from(settings: Settings) -> Policies:
    calendar = WorkingDayCalendar(
        good_friday=settings.good_friday_off,
        liberation_day=settings.liberation_day_off,
        closing_days=settings.closing_days,
    )
    versions = [Policy(**v.model_dump(exclude_none=True)) for v in settings.policy_versions]
    return Policies(calendar=calendar, book=PolicyBook([*DEFAULT_POLICY_BOOK.versions, *versions]))


def build(settings: Settings, clock: Clock | None = None) -> Service:
    clock = clock or SystemClock()
    master_key = settings.master_key_bytes()
    _prepare_sqlite_folder(settings)
    cipher_key = (
        hashlib.sha256(b"gehoord:whole-event-cipher:" + master_key).digest()
        if settings.event_encryption
        else None
    )
    casework = Casework(
        event_store_env(settings.database_url, cipher_key),
        clock=clock,
        references=lambda app: SqlReferenceNumbers(_datastore(app)),
        policies=policies_from(settings),
        vault=lambda app: SqlVault(_datastore(app), master_key, clock),
    )
    datastore = _datastore(casework)
    projections = ProjectionRunner(
        casework, [_cases_projection(casework), _reports_projection(casework), AUDIT_CHAIN]
    )

    def unit_of_work() -> AbstractContextManager[Any]:
        return datastore.transaction(commit=True)

    commands = CommandRunner(
        unit_of_work, SqlIdempotencyRecords(datastore), clock, after_commit=projections.catch_up
    )
    case_list = SqlCaseList(datastore)
    return Service(
        settings=settings,
        clock=clock,
        casework=casework,
        tokens=Tokens(SqlTokenRecords(datastore), clock),
        commands=commands,
        case_list=case_list,
        queue=SqlQueue(datastore),
        projections=projections,
        sweep=Sweep(casework, case_list, unit_of_work, after_commit=projections.catch_up),
        sweep_claims=SqlSweepClaims(datastore),
        unit_of_work=unit_of_work,
        signals=Signals(casework),
        stem_rule=StemRule(threshold=settings.stem_threshold, drop=settings.stem_drop),
        audit_log=SqlAuditLog(_recorder(casework)),
        access_log=SqlAccessLog(datastore),
        erasures=Erasures(casework, casework.vault),
        report_rows=SqlReportRows(datastore),
    )


def _recorder(app: Casework) -> SQLAlchemyApplicationRecorder:
    recorder = app.recorder
    assert isinstance(recorder, SQLAlchemyApplicationRecorder)
    return recorder


def _datastore(app: Casework) -> SQLAlchemyDatastore:
    return _recorder(app).datastore


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
