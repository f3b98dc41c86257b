"""In-memory stand-ins for the ports, so use cases run without a database."""

from __future__ import annotations

from collections import Counter
from contextlib import nullcontext
from datetime import datetime
from typing import Any

from eventsourcing.persistence import IntegrityError

from adapters.clock import SettableClock
from application.casework import Casework
from application.commands import CommandRunner
from application.policies import Policies
from application.ports import RememberedCommand
from domain.calendar import WorkingDayCalendar


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


def in_memory_casework(clock: SettableClock) -> Casework:
    """Casework on eventsourcing's in-memory (POPO) store."""
    return Casework(
        clock=clock,
        references=lambda _: InMemoryReferenceNumbers(),
        policies=Policies(calendar=WorkingDayCalendar()),
    )


def in_memory_runner(clock: SettableClock) -> CommandRunner:
    def unit_of_work() -> Any:
        return nullcontext()

    return CommandRunner(unit_of_work, InMemoryIdempotencyRecords(), clock)
