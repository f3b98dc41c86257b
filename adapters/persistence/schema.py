"""The service's own tables beside the event log: read models, tracking, tokens, idempotency."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Dialect,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        return None if value is None else value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment: datetime = value
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


metadata = MetaData()

case_list = Table(
    "case_list",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("position", BigInteger().with_variant(Integer(), "sqlite"), nullable=False),
    Column("case_type", String(16), nullable=False),
    Column("reference", String(32), nullable=False),
    Column("status", String(24), nullable=False),
    Column("suspended", Boolean, nullable=False),
    Column("received_at", UtcDateTime, nullable=False),
    Column("channel", String(24), nullable=False),
    Column("dossier_ref", String(200), nullable=False),
    Column("subject", Text, nullable=False),
    Column("team", String(200), nullable=False),
    Column("mediator", String(200)),
    Column("open_flags", Integer, nullable=False),
    Column("version", Integer, nullable=False),
    Column("next_check_at", UtcDateTime),
    Index("case_list_position", "position", unique=True),
    Index("case_list_type", "case_type", "position"),
    Index("case_list_type_status", "case_type", "status", "position"),
    Index("case_list_next_check", "next_check_at"),
    Index("case_list_status", "status", "position"),
    Index("case_list_team", "team", "position"),
    Index("case_list_mediator", "mediator", "position"),
)

flags = Table(
    "flags",
    metadata,
    Column("flag_id", String(36), primary_key=True),
    Column("case_id", String(36), nullable=False),
    Column("policy", String(64), nullable=False),
    Column("severity", String(16), nullable=False),
    Column("severity_rank", Integer, nullable=False),
    Column("due_at", UtcDateTime, nullable=False),
    Column("raised_at", UtcDateTime, nullable=False),
    Column("policy_version", String(32), nullable=False),
    Column("explanation", Text, nullable=False),
    Index("flags_queue_order", "severity_rank", "due_at", "flag_id"),
    Index("flags_case", "case_id"),
)

audit_chain = Table(
    "audit_chain",
    metadata,
    Column("position", BigInteger, primary_key=True, autoincrement=False),
    Column("hash", String(64), nullable=False),
)

access_log = Table(
    "access_log",
    metadata,
    Column("id", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True),
    Column("at", UtcDateTime, nullable=False),
    Column("actor", String(300), nullable=False),
    Column("case_id", String(36), nullable=False),
    Column("endpoint", String(200), nullable=False),
    Index("access_log_case", "case_id", "id"),
)

person_keys = Table(
    "person_keys",
    metadata,
    Column("person_id", String(36), primary_key=True),
    Column("wrapped_key", LargeBinary, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

case_persons = Table(
    "case_persons",
    metadata,
    Column("case_id", String(36), primary_key=True),
    Column("person_id", String(36), nullable=False),
    Index("case_persons_person", "person_id"),
)

person_emails = Table(
    "person_emails",
    metadata,
    Column("email_hmac", String(64), primary_key=True),
    Column("person_id", String(36), nullable=False),
    Index("person_emails_person", "person_id"),
)

report_rows = Table(
    "report_rows",
    metadata,
    Column("case_id", String(36), primary_key=True),
    Column("received_at", UtcDateTime, nullable=False),
    Column("row", Text, nullable=False),
    Index("report_rows_received", "received_at"),
)

projection_tracking = Table(
    "projection_tracking",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("position", BigInteger, nullable=False),
)

idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("actor", String(300), primary_key=True),
    Column("key", String(300), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("outcome", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

tokens = Table(
    "tokens",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("role", String(16), nullable=False),
    Column("secret_hash", String(64), nullable=False, unique=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("revoked_at", UtcDateTime),
)

sweep_claims = Table(
    "sweep_claims",
    metadata,
    Column("period", BigInteger, primary_key=True),
    Column("claimed_by", String(200), nullable=False),
    Column("claimed_at", UtcDateTime, nullable=False),
)

reference_counters = Table(
    "reference_counters",
    metadata,
    Column("series", String(64), primary_key=True),
    Column("value", BigInteger, nullable=False),
)
