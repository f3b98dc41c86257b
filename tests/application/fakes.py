"""In-memory stand-ins for the ports, so use cases run without a database."""

from __future__ import annotations

from collections import Counter
from contextlib import nullcontext
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.persistence import IntegrityError

from adapters.clock import SettableClock
from application.casework import Casework
from application.commands import CommandRunner
from application.personal_data import SEALED
from application.policies import Policies
from application.ports import RememberedCommand
from domain.calendar import WorkingDayCalendar
from domain.personal_data import shape_of


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


class InMemoryVault:
    """Keeps sealed values in a dict instead of encrypting them; erasure forgets the person."""

    def __init__(self) -> None:
        self.values: dict[str, tuple[UUID, Any]] = {}
        self.cases: dict[UUID, UUID] = {}
        self.emails: dict[str, UUID] = {}
        self.erased: set[UUID] = set()

    def seal(self, person_id: UUID, value: Any) -> dict[str, Any]:
        handle = str(uuid4())
        self.values[handle] = (person_id, value)
        return {SEALED: str(person_id), "shape": shape_of(value), "handle": handle}

    def open(self, sealed: dict[str, Any]) -> Any:
        person, value = self.values[sealed["handle"]]
        if person in self.erased:
            raise KeyError(person)
        return value

    def link_case(self, case_id: UUID, person_id: UUID) -> None:
        self.cases[case_id] = person_id

    def person_of_case(self, case_id: UUID) -> UUID | None:
        return self.cases.get(case_id)

    def person_for_email(self, email: str) -> UUID:
        return self.emails.setdefault(email.lower(), uuid4())

    def find_person_by_email(self, email: str) -> UUID | None:
        return self.emails.get(email.lower())

    def erase(self, person_id: UUID) -> bool:
        if person_id in self.erased:
            return False
        self.erased.add(person_id)
        self.emails = {e: p for e, p in self.emails.items() if p != person_id}
        return True


def in_memory_casework(clock: SettableClock) -> Casework:
    """Casework on eventsourcing's in-memory (POPO) store."""
    return Casework(
        clock=clock,
        references=lambda _: InMemoryReferenceNumbers(),
        policies=Policies(calendar=WorkingDayCalendar()),
        vault=lambda _: InMemoryVault(),
    )


def in_memory_runner(clock: SettableClock) -> CommandRunner:
    def unit_of_work() -> Any:
        return nullcontext()

    return CommandRunner(unit_of_work, InMemoryIdempotencyRecords(), clock)
