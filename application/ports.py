"""The ports the use cases need from the outside: clock, transactions and small stores."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

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
class TokenRecord:
    name: str
    role: str
    secret_hash: str
    revoked: bool


class TokenRecords(Protocol):
    def add(self, name: str, role: str, secret_hash: str, at: datetime) -> None: ...

    def by_hash(self, secret_hash: str) -> TokenRecord | None: ...

    def revoke(self, name: str, at: datetime) -> bool:
        """Mark the named active token revoked; False if there was none."""
        ...
