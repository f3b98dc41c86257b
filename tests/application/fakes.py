"""In-memory stand-ins for the ports, so use cases run without a database."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.persistence import IntegrityError

from adapters.clock import SettableClock
from application.access import AccessRecorder
from application.casework import Casework
from application.judging import Judge
from application.personal_data import SEALED
from application.ports import (
    AccessQuery,
    AccessRecord,
    ImportedComplaint,
    NewAccess,
    RememberedCommand,
    SessionRecord,
    StaffRecord,
)
from application.reads import CaseReads
from application.runner import CommandRunner
from domain.calendar import WorkingDayCalendar
from domain.personal_data import shape_of
from domain.stem import StemRule

THEMES = ("bejegening", "communicatie")


class InMemoryReferenceNumbers:
    def __init__(self) -> None:
        self.counters: Counter[str] = Counter()

    def next(self, series: str) -> int:
        self.counters[series] += 1
        return self.counters[series]


class InMemoryIdempotencyRecords:
    def __init__(self) -> None:
        self.records: dict[tuple[str, str], RememberedCommand] = {}

    def find(self, actor: str, key: str) -> RememberedCommand | None:
        return self.records.get((actor, key))

    def remember(self, actor: str, key: str, command: RememberedCommand, at: datetime) -> None:
        if (actor, key) in self.records:
            raise IntegrityError("key taken")
        self.records[(actor, key)] = command


class InMemoryImportedComplaints:
    def __init__(self) -> None:
        self.rows: dict[str, ImportedComplaint] = {}

    def find(self, external_refs: Sequence[str]) -> dict[str, ImportedComplaint]:
        return {ref: self.rows[ref] for ref in external_refs if ref in self.rows}

    def record(self, imported: Sequence[ImportedComplaint], file_sha256: str, at: datetime) -> None:
        for row in imported:
            if row.external_ref in self.rows:
                raise IntegrityError("imported before")
            self.rows[row.external_ref] = row


class InMemoryVault:
    """Keeps sealed values in a dict instead of encrypting them; erasure forgets the cases."""

    def __init__(self) -> None:
        self.values: dict[str, tuple[UUID, Any]] = {}
        self.cases: dict[UUID, UUID] = {}
        self.emails: dict[str, UUID] = {}
        self.shredded: set[UUID] = set()

    def seal(self, case_id: UUID, value: Any) -> dict[str, Any]:
        handle = str(uuid4())
        self.values[handle] = (case_id, value)
        return {SEALED: str(case_id), "scope": "case", "shape": shape_of(value), "handle": handle}

    def open(self, sealed: dict[str, Any]) -> Any:
        case, value = self.values[sealed["handle"]]
        if case in self.shredded:
            raise KeyError(case)
        return value

    def readable(self, case_id: UUID) -> bool:
        return case_id not in self.shredded

    def link_case(self, case_id: UUID, person_id: UUID) -> None:
        self.cases[case_id] = person_id

    def person_of_case(self, case_id: UUID) -> UUID | None:
        return self.cases.get(case_id)

    def persons_of_cases(self, case_ids: Sequence[UUID]) -> dict[UUID, UUID]:
        return {case: self.cases[case] for case in case_ids if case in self.cases}

    def cases_of_person(self, person_id: UUID) -> list[UUID]:
        return [case for case, person in self.cases.items() if person == person_id]

    def person_for_email(self, email: str) -> UUID:
        return self.emails.setdefault(email.lower(), uuid4())

    def find_person_by_email(self, email: str) -> UUID | None:
        return self.emails.get(email.lower())

    def erase(self, person_id: UUID) -> bool:
        cases = set(self.cases_of_person(person_id)) - self.shredded
        self.shredded |= cases
        self.emails = {e: p for e, p in self.emails.items() if p != person_id}
        return bool(cases)

    def shred(self, case_id: UUID) -> bool:
        if case_id in self.shredded:
            return False
        self.shredded.add(case_id)
        return True


class InMemoryAccessLog:
    def __init__(self) -> None:
        self.records: list[AccessRecord] = []

    def append(self, entries: Sequence[NewAccess]) -> None:
        for e in entries:
            fields = vars(e) | {"action": str(e.action)}
            self.records.append(AccessRecord(id=len(self.records) + 1, **fields))

    def page(self, where: AccessQuery, after: int, limit: int) -> list[AccessRecord]:
        found = [
            r
            for r in self.records
            if r.id > after
            and where.case_id in (None, r.case_id)
            and where.person_id in (None, r.person_id)
            and where.user in (None, r.user)
        ]
        return found[:limit]


class InMemoryStaff:
    def __init__(self) -> None:
        self.records: dict[str, StaffRecord] = {}

    def save(self, record: StaffRecord) -> None:
        kept = self.records.get(record.member_id)
        password = record.password_hash or (kept.password_hash if kept else None)
        self.records[record.member_id] = replace(record, password_hash=password)

    def set_password(self, member_id: str, password_hash: str, at: datetime) -> None:
        self.records[member_id] = replace(self.records[member_id], password_hash=password_hash)

    def by_id(self, member_id: str) -> StaffRecord | None:
        return self.records.get(member_id)

    def by_email(self, email: str) -> StaffRecord | None:
        wanted = email.strip().lower()
        return next((r for r in self.records.values() if r.email == wanted), None)

    def all(self) -> list[StaffRecord]:
        return sorted(self.records.values(), key=lambda r: r.email)


class InMemorySessions:
    def __init__(self) -> None:
        self.records: dict[str, SessionRecord] = {}

    def add(self, id_hash: str, record: SessionRecord) -> None:
        self.records[id_hash] = record

    def find(self, id_hash: str) -> SessionRecord | None:
        return self.records.get(id_hash)

    def touch(self, id_hash: str, at: datetime) -> None:
        self.records[id_hash] = replace(self.records[id_hash], last_seen_at=at)

    def end(self, id_hash: str) -> None:
        self.records.pop(id_hash, None)

    def end_all(self, member_id: str) -> int:
        ended = [h for h, r in self.records.items() if r.member_id == member_id]
        for id_hash in ended:
            del self.records[id_hash]
        return len(ended)


class NoCaseList:
    """The case list is a read model; the use cases under test here do not read it."""

    def page(self, *_: Any) -> list[Any]:
        raise NotImplementedError

    def due_for_check(self, *_: Any) -> list[Any]:
        raise NotImplementedError


@dataclass
class InMemoryWork:
    """The use cases over eventsourcing's in-memory (POPO) store, without any database."""

    clock: SettableClock
    casework: Casework
    judge: Judge
    references: InMemoryReferenceNumbers
    commands: CommandRunner
    reads: CaseReads


def in_memory_work(clock: SettableClock) -> InMemoryWork:
    casework = Casework(vault=lambda _: InMemoryVault())
    judge = Judge(calendar=WorkingDayCalendar())
    references = InMemoryReferenceNumbers()
    commands = CommandRunner(
        casework=casework,
        judge=judge,
        references=references,
        stem_rule=StemRule(),
        themes=THEMES,
        staff=InMemoryStaff(),
        sessions=InMemorySessions(),
        unit_of_work=nullcontext,
        records=InMemoryIdempotencyRecords(),
        imported=InMemoryImportedComplaints(),
        clock=clock,
    )
    access = AccessRecorder(InMemoryAccessLog(), casework.vault, clock)
    reads = CaseReads(casework, judge, NoCaseList(), access, clock, THEMES)
    return InMemoryWork(clock, casework, judge, references, commands, reads)
