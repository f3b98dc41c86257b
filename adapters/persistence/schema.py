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
    Column("themes", Text, nullable=False),
    Column("ended_at", UtcDateTime),
    Column("on_hold", Boolean, nullable=False),
    Column("destroyed", Boolean, nullable=False),
    Index("case_list_position", "position", unique=True),
    Index("case_list_ended", "case_type", "status", "ended_at"),
    Index("case_list_type", "case_type", "position"),
    Index("case_list_type_status", "case_type", "status", "position"),
    Index("case_list_next_check", "next_check_at"),
    Index("case_list_status", "status", "position"),
    Index("case_list_team", "team", "position"),
    Index("case_list_mediator", "mediator", "position"),
    Index("case_list_reference", "reference"),
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

audit_chain_late = Table(
    "audit_chain_late",
    metadata,
    Column("position", BigInteger, primary_key=True, autoincrement=False),
    Column("hash", String(64), nullable=False),
)
"""Events the chain set aside and linked later: each hash covers the chain entry before it."""

set_aside_events = Table(
    "set_aside_events",
    metadata,
    Column("projection", String(64), primary_key=True),
    Column("position", BigInteger, primary_key=True, autoincrement=False),
    Column("error", String(500), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("attempts", Integer, nullable=False),
)
"""Events a read model could not process: kept aside with the error, retried on request."""

access_records = Table(
    "access_records",
    metadata,
    Column("id", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True),
    Column("at", UtcDateTime, nullable=False),
    Column("user_name", String(300), nullable=False),
    Column("role", String(40), nullable=False),
    Column("on_behalf_of", String(300)),
    Column("action", String(20), nullable=False),
    Column("case_id", String(36)),
    Column("person_id", String(36)),
    Column("access_point", String(300), nullable=False),
    Column("address", String(100), nullable=False),
    Column("request_id", String(40), nullable=False),
    Index("access_records_case", "case_id", "id"),
    Index("access_records_person", "person_id", "id"),
    Index("access_records_user", "user_name", "id"),
    Index("access_records_at", "at"),
)
"""The access log (NEN 7513): append-only, one row per case or person shown. It replaces the
`access_log` table of earlier versions, whose rows `gehoord migrate` carries over."""

person_keys = Table(
    "person_keys",
    metadata,
    Column("person_id", String(36), primary_key=True),
    Column("wrapped_key", LargeBinary, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

case_keys = Table(
    "case_keys",
    metadata,
    Column("case_id", String(36), primary_key=True),
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
    Column("member_id", String(36)),
)
"""A token with a `member_id` acts as that staff member (their role and team, while active)."""

staff = Table(
    "staff",
    metadata,
    Column("member_id", String(36), primary_key=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("role", String(16), nullable=False),
    Column("team", String(200)),
    Column("active", Boolean, nullable=False),
    Column("digest", Boolean, nullable=False),
    Column("password_hash", String(200)),
    Column("password_set_at", UtcDateTime),
)
"""The staff directory, written in the transaction of each StaffMember event it follows."""

sessions = Table(
    "sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("member_id", String(36), nullable=False),
    Column("csrf_secret", String(64), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("last_seen_at", UtcDateTime, nullable=False),
    Column("method", String(20)),
    Index("sessions_member", "member_id"),
)
"""Console sessions: the cookie holds a random id, this table only its SHA-256."""

sso_attempts = Table(
    "sso_attempts",
    metadata,
    Column("state_hash", String(64), primary_key=True),
    Column("nonce", String(100), nullable=False),
    Column("verifier", String(200), nullable=False),
    Column("back", String(500), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)
"""Sign-ons under way: a state is used once (deleted as it is read) and lives ten minutes."""

auth_failures = Table(
    "auth_failures",
    metadata,
    Column("id", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True),
    Column("address", String(64), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Index("auth_failures_address", "address", "at"),
    Index("auth_failures_at", "at"),
)

sweep_claims = Table(
    "sweep_claims",
    metadata,
    Column("period", BigInteger, primary_key=True),
    Column("claimed_by", String(200), nullable=False),
    Column("claimed_at", UtcDateTime, nullable=False),
)

job_claims = Table(
    "job_claims",
    metadata,
    Column("job", String(40), primary_key=True),
    Column("period", String(40), primary_key=True),
    Column("claimed_by", String(200), nullable=False),
    Column("claimed_at", UtcDateTime, nullable=False),
)
"""Scheduled jobs other than the sweep (the nightly retention proposal): one run per period."""

destruction_lists = Table(
    "destruction_lists",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("status", String(16), nullable=False),
    Column("proposed_by", String(300), nullable=False),
    Column("proposed_at", UtcDateTime, nullable=False),
    Column("approved_by", String(300)),
    Column("approved_at", UtcDateTime),
    Column("cases", Text, nullable=False),
    Index("destruction_lists_proposed", "proposed_at"),
)
"""The directory of destruction lists, written with the list's own events."""

reference_counters = Table(
    "reference_counters",
    metadata,
    Column("series", String(64), primary_key=True),
    Column("value", BigInteger, nullable=False),
)

READ_MODELS = {"cases": (case_list, flags), "reports": (report_rows,)}
"""Each rebuildable projection's tables: renewed by `gehoord migrate` when their shape changes."""
imported_complaints = Table(
    "imported_complaints",
    metadata,
    Column("external_ref_hmac", String(64), primary_key=True),
    Column("case_id", String(36), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("file_sha256", String(64), nullable=False),
    Column("imported_at", UtcDateTime, nullable=False),
)
"""Register rows imported, by an HMAC of their key (a reference can hold a name: no plain copy)
and the SHA-256 of everything the row said, so a re-import can tell a changed row."""

mail_outbox = Table(
    "mail_outbox",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("recipient", String(254), nullable=False),
    Column("payload", Text, nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("next_attempt_at", UtcDateTime, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("claimed_until", UtcDateTime),
    Column("handed_over_at", UtcDateTime),
    Column("sent_at", UtcDateTime),
    Column("last_error", String(500)),
    Index("mail_outbox_pending", "sent_at", "next_attempt_at"),
)
"""The transactional outbox of mail: a row is recorded with what caused it (a digest per person
per day, a notice per assignment; the key makes each once), handed to the mail server, then
marked sent. The payload is JSON (PostgreSQL text refuses NUL; JSON escapes it)."""
