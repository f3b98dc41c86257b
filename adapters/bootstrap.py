"""The composition root: builds the service's parts from settings; nothing connects before this."""

from __future__ import annotations

import hashlib
import json
import os
from contextlib import AbstractContextManager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from apscheduler.schedulers.base import BaseScheduler
from eventsourcing.persistence import InfrastructureFactory
from eventsourcing_sqlalchemy.datastore import SQLAlchemyDatastore
from eventsourcing_sqlalchemy.recorders import SQLAlchemyApplicationRecorder
from sqlalchemy import Engine, inspect

from adapters.clock import SystemClock
from adapters.oidc import OidcProvider
from adapters.persistence.audit_log import SqlAccessLog, SqlEventLog, audit_chain_projection
from adapters.persistence.auth_failures import SqlAuthFailures
from adapters.persistence.case_batches import SqlCaseBatches
from adapters.persistence.case_counts import SqlCaseCounts
from adapters.persistence.cases_view import SqlCaseList, SqlQueue
from adapters.persistence.destruction_lists import SqlDestructionLists
from adapters.persistence.digest_cases import SqlDigestCases
from adapters.persistence.factory import GehoordFactory, event_store_env
from adapters.persistence.idempotency import SqlIdempotencyRecords
from adapters.persistence.imported import SqlImportedComplaints
from adapters.persistence.migrate import create_schema
from adapters.persistence.outbox import SqlOutbox
from adapters.persistence.probe import SqlStoreProbe
from adapters.persistence.projections import ProjectionRunner
from adapters.persistence.read_models import read_models
from adapters.persistence.references import SqlReferenceNumbers
from adapters.persistence.reports_view import SqlReportRows
from adapters.persistence.set_aside import SqlSetAside
from adapters.persistence.sql import STORE_OUTAGES
from adapters.persistence.sso_attempts import SqlSsoAttempts
from adapters.persistence.staff import SqlSessions, SqlStaffDirectory
from adapters.persistence.sweep_claims import SqlJobClaims, SqlSweepClaims
from adapters.persistence.tokens import SqlTokenRecords
from adapters.persistence.vault import SqlVault
from adapters.postman import postman_from
from adapters.register_file import read_table
from adapters.report_pdf import to_pdf
from adapters.report_rendering import to_csv, to_html
from adapters.settings import Settings
from adapters.subject_access_rendering import export_html, export_json
from application.access import AccessRecorder
from application.audit import AuditTrail
from application.authentication import Authentication
from application.casework import Casework
from application.console_sessions import ConsoleSessions
from application.digest import Digests
from application.errors import RegisterUnreadable
from application.health import Health
from application.identity import Identities
from application.judging import Judge
from application.mail_delivery import MailDelivery
from application.notices import AssignmentNotices
from application.overview import Overview
from application.personal_data import PersonalDataVault
from application.ports import Clock, StaffDirectory, UnitOfWork
from application.queue import Queue
from application.reads import CaseReads
from application.register_import import ImportReport, Progress, RegisterImports
from application.report import Reports
from application.retention import Retention
from application.roles import Role
from application.runner import CommandRunner
from application.single_sign_on import Grant, RoleMap, SingleSignOn
from application.subject_access import SubjectAccessExport, SubjectAccessExports
from application.sweep import Sweep
from application.tokens import Tokens
from domain.calendar import WorkingDayCalendar
from domain.policy import DEFAULT_POLICY_BOOK, PolicyBook
from domain.retention import RetentionPolicy
from domain.stem import StemRule

__all__ = ["STORE_OUTAGES", "SchemaMissing", "Service", "build", "check_schema", "migrate"]
READ_YOUR_WRITES_SECONDS = 2.0
"""How long a command waits, after it committed, for the read models to show its events."""


class SchemaMissing(Exception):
    """Raised when the database has no schema yet and `gehoord migrate` has not been run."""


@dataclass
class Service:
    """Everything the API, the CLI and the scheduler use, wired once."""

    settings: Settings
    clock: Clock
    casework: Casework
    judge: Judge
    commands: CommandRunner
    reads: CaseReads
    queue: Queue
    audit: AuditTrail
    access: AccessRecorder
    subject_access: SubjectAccessExports
    reports: Reports
    tokens: Tokens
    authentication: Authentication
    identities: Identities
    staff: StaffDirectory
    console: ConsoleSessions
    sign_on: SignOn | None
    sweep: Sweep
    sweep_claims: SqlSweepClaims
    job_claims: SqlJobClaims
    retention: Retention
    health: Health
    projections: ProjectionRunner
    unit_of_work: UnitOfWork
    imports: RegisterImports
    digests: Digests
    mail: MailDelivery
    overview: Overview
    scheduler: BaseScheduler | None = field(default=None)

    @property
    def engine(self) -> Engine:
        engine = self.projections.datastore.engine
        assert isinstance(engine, Engine)
        return engine

    def render_report(self, report: dict[str, Any], format: str) -> tuple[bytes, str]:
        """The analysis as `json`, `csv`, a self-contained `html` page or an A4 `pdf`, with
        its media type."""
        if format == "pdf":
            return to_pdf(to_html(report)), "application/pdf"
        if format == "html":
            return to_html(report).encode(), "text/html; charset=utf-8"
        if format == "csv":
            return to_csv(report).encode(), "text/csv; charset=utf-8"
        text = json.dumps(report, indent=2, ensure_ascii=False, default=_json_moment)
        return text.encode(), "application/json"

    def render_subject_access(self, export: SubjectAccessExport, format: str) -> tuple[bytes, str]:
        """The export as `json`, or as one readable Dutch `html` page, with its media type."""
        if format == "html":
            html = export_html(export, self.settings.organisation_name)
            return html, "text/html; charset=utf-8"
        return export_json(export), "application/json"

    def import_register(
        self,
        file_name: str,
        data: bytes,
        *,
        by: str,
        dry_run: bool = False,
        progress: Progress | None = None,
    ) -> ImportReport:
        """Import a CSV or XLSX register (see application.register_import); `by` is who asked."""
        name = register_file_name(file_name)
        sha256 = hashlib.sha256(data).hexdigest()
        table = read_table(name, data)
        return self.imports.run(
            table, file_name=name, sha256=sha256, by=by, dry_run=dry_run, progress=progress
        )

    def start_background(self, *, with_scheduler: bool = False) -> None:
        """Read models follow every process's writes; the scheduler sweeps if asked to."""
        self.projections.start(self.settings.projection_poll_seconds)
        if with_scheduler:
            from adapters.scheduler import scheduler

            self.scheduler = scheduler(self)
            self.scheduler.start()

    def close(self) -> None:
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=True)
            self.scheduler = None
        self.projections.stop()
        self.engine.dispose()


def _json_moment(value: object) -> str:
    assert isinstance(value, datetime)
    return value.isoformat().replace("+00:00", "Z")


def judge_from(settings: Settings) -> Judge:
    calendar = WorkingDayCalendar(
        good_friday=settings.good_friday_off,
        liberation_day=settings.liberation_day_off,
        closing_days=settings.closing_days,
    )
    book = PolicyBook([*DEFAULT_POLICY_BOOK.versions, *settings.policy_versions])
    return Judge(calendar=calendar, book=book)


def build(settings: Settings, clock: Clock | None = None) -> Service:
    clock = clock or SystemClock()
    master_key = settings.master_key_bytes()
    _prepare_sqlite_folder(settings)
    cipher_key = (
        hashlib.sha256(b"gehoord:whole-event-cipher:" + master_key).digest()
        if settings.event_encryption
        else None
    )

    def vault(factory: InfrastructureFactory[Any]) -> PersonalDataVault:
        assert isinstance(factory, GehoordFactory)
        return SqlVault(factory.datastore, master_key, clock)

    casework = Casework(event_store_env(settings.database_url, cipher_key), vault=vault)
    datastore = _datastore(casework)
    judge = judge_from(settings)
    projections = ProjectionRunner(
        casework,
        [
            *read_models(casework, judge),
            audit_chain_projection(),
        ],
        clock,
    )

    def after_command() -> None:
        projections.after_commit(within=READ_YOUR_WRITES_SECONDS)

    def unit_of_work() -> AbstractContextManager[Any]:
        return datastore.transaction(commit=True)

    case_list, access_log = SqlCaseList(datastore), SqlAccessLog(datastore)
    reports = Reports(
        SqlReportRows(datastore),
        clock,
        judge.book,
        settings.organisation_name,
        settings.report_minimum_count,
    )
    access = AccessRecorder(access_log, casework.vault, clock)
    tokens = Tokens(SqlTokenRecords(datastore), clock)
    staff, sessions = SqlStaffDirectory(datastore), SqlSessions(datastore)
    identities = Identities(tokens, staff)
    failures = SqlAuthFailures(datastore)
    authentication = Authentication(identities, failures, settings.auth_failures_per_minute, clock)
    imported = SqlImportedComplaints(datastore, master_key)
    outbox, job_claims = SqlOutbox(datastore), SqlJobClaims(datastore)
    commands = CommandRunner(
        casework=casework,
        judge=judge,
        references=SqlReferenceNumbers(datastore),
        stem_rule=StemRule(threshold=settings.stem_threshold, drop=settings.stem_drop),
        themes=tuple(settings.themes),
        staff=staff,
        sessions=sessions,
        unit_of_work=unit_of_work,
        records=SqlIdempotencyRecords(datastore),
        imported=imported,
        clock=clock,
        before_commit=projections.catch_up_before_commit,
        after_commit=after_command,
        after_save=AssignmentNotices(outbox),
    )
    console = ConsoleSessions(
        staff, identities, sessions, authentication, failures, casework, unit_of_work, clock
    )
    sign_on = _sign_on(settings, clock, datastore, staff, commands, console, identities)
    return Service(
        settings=settings,
        clock=clock,
        casework=casework,
        judge=judge,
        commands=commands,
        reads=CaseReads(casework, judge, case_list, access, clock, tuple(settings.themes)),
        queue=Queue(SqlQueue(datastore), casework.vault, access),
        audit=AuditTrail(SqlEventLog(_recorder(casework)), casework.mapper, access),
        access=access,
        subject_access=SubjectAccessExports(casework, judge, commands, access_log, access, clock),
        reports=reports,
        tokens=tokens,
        authentication=authentication,
        identities=identities,
        staff=staff,
        console=console,
        sign_on=sign_on,
        sweep=Sweep(
            casework,
            judge,
            case_list,
            clock,
            unit_of_work,
            after_commit=projections.after_commit,
            batches=SqlCaseBatches(casework),
            before_commit=projections.catch_up_before_commit,
        ),
        sweep_claims=SqlSweepClaims(datastore),
        job_claims=job_claims,
        retention=Retention(
            casework,
            case_list,
            SqlDestructionLists(datastore),
            RetentionPolicy(**settings.retention.model_dump()),
            unit_of_work,
            clock,
            after_commit=projections.catch_up_quietly,
        ),
        health=Health(
            SqlStoreProbe(datastore), SqlSetAside(datastore), lambda: outbox.trouble(clock.now())
        ),
        projections=projections,
        unit_of_work=unit_of_work,
        imports=RegisterImports(commands, imported),
        digests=Digests(
            casework, judge, staff, SqlDigestCases(datastore), outbox, job_claims, unit_of_work
        ),
        mail=MailDelivery(outbox, postman_from(settings), clock, settings.mail_retry_seconds),
        overview=Overview(SqlCaseCounts(datastore), reports, access, clock),
    )


@dataclass(frozen=True)
class SignOn:
    """Single sign-on when GEHOORD_OIDC_ISSUER is set: the provider, the sign-ons under way, and
    what turns verified claims into a member."""

    provider: OidcProvider
    attempts: SqlSsoAttempts
    members: SingleSignOn


def _sign_on(
    settings: Settings,
    clock: Clock,
    datastore: SQLAlchemyDatastore,
    staff: StaffDirectory,
    commands: CommandRunner,
    console: ConsoleSessions,
    identities: Identities,
) -> SignOn | None:
    if settings.oidc_issuer is None:
        return None
    assert settings.oidc_client_id is not None and settings.oidc_client_secret is not None
    callback = f"{str(settings.public_url).rstrip('/')}/aanmelden/sso/callback"
    provider = OidcProvider(
        str(settings.oidc_issuer),
        settings.oidc_client_id,
        settings.oidc_client_secret.get_secret_value(),
        callback,
        settings.oidc_role_claim,
        clock,
    )
    grants = {
        value: Grant(Role(grant.role), grant.team)
        for value, grant in settings.oidc_role_map.items()
    }
    members = SingleSignOn(RoleMap(grants), staff, commands, console, identities)
    if settings.oidc_accept_access_tokens:
        identities.accept_provider_tokens(
            lambda token: members.principal(provider.access_token_claims(token))
        )
    return SignOn(provider, SqlSsoAttempts(datastore), members)


def register_file_name(file_name: str) -> str:
    """The name events carry (`import:<name>`): the last part of the path, printable, bounded."""
    name = file_name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not name or len(name) > 200 or not name.isprintable():
        raise RegisterUnreadable("the file needs a printable name of at most 200 characters")
    return name


def _recorder(app: Casework) -> SQLAlchemyApplicationRecorder:
    recorder = app.recorder
    assert isinstance(recorder, SQLAlchemyApplicationRecorder)
    return recorder


def _datastore(app: Casework) -> SQLAlchemyDatastore:
    return _recorder(app).datastore


def migrate(service: Service) -> None:
    create_schema(_recorder(service.casework))


def check_schema(service: Service) -> None:
    """On SQLite the first start creates the schema; PostgreSQL needs `gehoord migrate`."""
    if not service.settings.is_postgres:
        migrate(service)
        return
    if not inspect(service.engine).has_table("gehoord_events"):
        raise SchemaMissing("the database has no schema yet: run `gehoord migrate` first")


def _prepare_sqlite_folder(settings: Settings) -> None:
    """The database file is made readable by its owner only before SQLite opens it; SQLite
    gives its -wal and -shm files the database file's mode."""
    if settings.database_url.startswith("sqlite:///"):
        path = settings.database_url.removeprefix("sqlite:///").split("?")[0]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            with suppress(FileExistsError):
                os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
