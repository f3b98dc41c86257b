"""The ports the use cases need from the outside: clock, transactions, stores and read models."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol
from uuid import UUID

from eventsourcing.domain import Aggregate

UnitOfWork = Callable[[], AbstractContextManager[Any]]
"""Opens one transaction; everything recorded inside it commits or rolls back together."""


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware."""
        ...


class ReferenceNumbers(Protocol):
    def next(self, series: str) -> int:
        """The next number in `series`, unique across processes (inside the current transaction)."""
        ...


@dataclass(frozen=True)
class RememberedCommand:
    fingerprint: str
    outcome: dict[str, Any]


class IdempotencyRecords(Protocol):
    def find(self, actor: str, key: str) -> RememberedCommand | None: ...

    def remember(self, actor: str, key: str, command: RememberedCommand, at: datetime) -> None:
        """Store the outcome; raises the store's integrity error if the key is already taken."""
        ...


@dataclass(frozen=True)
class ImportedComplaint:
    """A register row that became a complaint: its key, the case, what the row said."""

    external_ref: str
    case_id: UUID
    fingerprint: str


class ImportedComplaints(Protocol):
    """Which register rows were imported, by `external_ref`, so a re-import adds nothing."""

    def find(self, external_refs: Sequence[str]) -> dict[str, ImportedComplaint]: ...

    def record(self, imported: Sequence[ImportedComplaint], file_sha256: str, at: datetime) -> None:
        """Store them; raises the store's integrity error if a key was imported meanwhile."""
        ...


@dataclass(frozen=True)
class TokenRecord:
    name: str
    role: str
    secret_hash: str
    revoked: bool
    member_id: str | None = None
    """A staff member's token acts as them: their role and team, while they are active."""


class TokenRecords(Protocol):
    def add(
        self, name: str, role: str, secret_hash: str, at: datetime, member_id: str | None = None
    ) -> None: ...

    def by_hash(self, secret_hash: str) -> TokenRecord | None: ...

    def revoke(self, name: str, at: datetime) -> bool:
        """Mark the named active token revoked; False if there was none."""
        ...


class AuthFailures(Protocol):
    """Failed authentications per key (a client address, or an account), shared by every
    process of the service."""

    def since(self, key: str, moment: datetime) -> tuple[int, datetime | None]:
        """How many failures `key` had after `moment`, and when the oldest of them was."""
        ...

    def add(self, key: str, at: datetime, *, forget_before: datetime) -> None:
        """Count one failure; the key's failures before `forget_before` may be dropped."""
        ...


@dataclass(frozen=True)
class StaffRecord:
    """A staff member as the directory holds them (the password only as its argon2id hash)."""

    member_id: str
    email: str
    name: str
    role: str
    team: str | None
    active: bool
    digest: bool
    password_hash: str | None = None


class StaffDirectory(Protocol):
    """Written in the transaction of each StaffMember event, so it never lags behind them."""

    def save(self, record: StaffRecord) -> None:
        """Insert or update the member's row; the password hash is kept unless given."""
        ...

    def set_password(self, member_id: str, password_hash: str, at: datetime) -> None: ...

    def by_id(self, member_id: str) -> StaffRecord | None: ...

    def by_email(self, email: str) -> StaffRecord | None:
        """Whatever the case of the address."""
        ...

    def all(self) -> list[StaffRecord]: ...


@dataclass(frozen=True)
class SessionRecord:
    member_id: str
    csrf_secret: str
    created_at: datetime
    last_seen_at: datetime
    method: str = "password"


class SessionRecords(Protocol):
    """Console sessions by the SHA-256 of their id; the id itself is only in the cookie."""

    def add(self, id_hash: str, record: SessionRecord) -> None: ...

    def find(self, id_hash: str) -> SessionRecord | None: ...

    def touch(self, id_hash: str, at: datetime) -> None: ...

    def end(self, id_hash: str) -> None: ...

    def end_all(self, member_id: str) -> int:
        """End every session of the member (on disable); how many there were."""
        ...


@dataclass(frozen=True)
class CaseRow:
    """A case as the case list shows it; kept by the cases projection."""

    id: UUID
    position: int
    case_type: str
    reference: str
    status: str
    suspended: bool
    received_at: datetime
    channel: str
    dossier_ref: str
    subject: str
    team: str
    mediator: str | None
    open_flags: int
    version: int
    next_check_at: datetime | None
    themes: tuple[str, ...]
    ended_at: datetime | None = None
    on_hold: bool = False
    destroyed: bool = False


@dataclass(frozen=True)
class CaseFilter:
    case_type: str = "complaint"
    status: str | None = None
    team: str | None = None
    mediator: str | None = None
    flagged: bool | None = None
    theme: str | None = None
    reference: str | None = None


class CaseList(Protocol):
    def page(self, where: CaseFilter, limit: int, before: int | None) -> list[CaseRow]:
        """Newest first: rows whose log position is below `before`."""
        ...

    def due_for_check(
        self, now: datetime, after: tuple[datetime, str] | None, limit: int
    ) -> list[tuple[datetime, UUID]]:
        """Cases whose next deadline check is due, in (moment, id) order after `after`."""
        ...

    def due_for_destruction(
        self, cutoffs: Sequence[tuple[str, tuple[str, ...], datetime]], limit: int
    ) -> list[CaseRow]:
        """Ended cases of each (type, statuses) that ended before the cutoff, not on legal hold
        and not destroyed yet, oldest ending first."""
        ...


@dataclass(frozen=True)
class DestructionListRecord:
    """A destruction list as the directory of lists keeps it (no personal data: references,
    case types and dates only)."""

    id: UUID
    status: str
    proposed_by: str
    proposed_at: datetime
    approved_by: str | None
    approved_at: datetime | None
    cases: list[dict[str, Any]]


class DestructionLists(Protocol):
    def save(self, record: DestructionListRecord) -> None:
        """Insert or update, in the current transaction."""
        ...

    def by_id(self, list_id: UUID) -> DestructionListRecord | None: ...

    def all(self) -> list[DestructionListRecord]:
        """Newest first."""
        ...

    def proposed_cases(self) -> set[UUID]:
        """Cases on a list that is not approved yet."""
        ...


class JobClaims(Protocol):
    def claim(self, job: str, period: str, now: datetime) -> bool:
        """True for exactly one caller per job and period, across processes."""
        ...


class AccessAction(StrEnum):
    """What was done with personal data (NEN 7513 asks for the kind of access)."""

    READ = "read"
    LIST = "list"
    SEARCH = "search"
    EXPORT = "export"
    REPORT = "report"
    COMMAND = "command"
    AUDIT_READ = "audit_read"


@dataclass(frozen=True)
class NewAccess:
    """One access about to be logged: one case or person, or neither (a report, an empty list)."""

    at: datetime
    user: str
    role: str
    on_behalf_of: str | None
    action: AccessAction
    case_id: UUID | None
    person_id: UUID | None
    access_point: str
    address: str
    request_id: str


@dataclass(frozen=True)
class AccessRecord:
    """One access as logged, with its position in the log."""

    id: int
    at: datetime
    user: str
    role: str
    on_behalf_of: str | None
    action: str
    case_id: UUID | None
    person_id: UUID | None
    access_point: str
    address: str
    request_id: str


@dataclass(frozen=True)
class AccessQuery:
    """The auditor's filters; every one given must match."""

    case_id: UUID | None = None
    person_id: UUID | None = None
    user: str | None = None
    since: datetime | None = None
    until: datetime | None = None


class AccessLog(Protocol):
    """Append-only: nothing offers a way to change or delete an entry."""

    def append(self, entries: Sequence[NewAccess]) -> None:
        """All entries in one committed transaction: when this returns, they are durable."""
        ...

    def page(self, where: AccessQuery, after: int, limit: int) -> list[AccessRecord]: ...


@dataclass(frozen=True)
class StoredRecord:
    """One row of the event log exactly as stored (the recorded time is inside `state`)."""

    position: int
    case_id: UUID
    version: int
    topic: str
    state: bytes


class EventLog(Protocol):
    """The global log as stored, and the hash chain written beside it."""

    def gaps(self) -> tuple[set[int], dict[int, str]]:
        """Positions the chain set aside, and those it linked later (with their hash)."""
        ...

    def stored(self, after: int, limit: int) -> list[StoredRecord]: ...

    def chain(self) -> Iterator[tuple[int, str]]:
        """(position, hash) of every chained entry, in position order."""
        ...

    def records(self) -> Iterator[StoredRecord]:
        """Every stored event, in position order."""
        ...


class ReportRows(Protocol):
    def received_between(self, start: datetime, end: datetime) -> list[dict[str, Any]]: ...


class CaseBatches(Protocol):
    """Many cases loaded at once, as their events make them now; personal data may stay sealed
    (for policies that judge dates only)."""

    def load(
        self, case_ids: Sequence[UUID], versions: Mapping[UUID, int] | None = None
    ) -> dict[UUID, Aggregate]:
        """Each case now, or at the version `versions` names for it."""
        ...


class StoreProbe(Protocol):
    def reachable(self) -> str | None:
        """None when the store answers; otherwise the name of the error it gave."""
        ...


@dataclass(frozen=True)
class SetAsideEvent:
    """An event a read model could not process: which one, where in the log, and why."""

    projection: str
    position: int
    error: str
    at: datetime
    attempts: int


class SetAsideEvents(Protocol):
    def first(self, limit: int) -> tuple[int, list[SetAsideEvent]]:
        """How many events are set aside, and the first `limit` of them by position."""
        ...
