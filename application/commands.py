"""Runs a command once per Idempotency-Key, in one transaction, retrying write collisions."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

from eventsourcing.persistence import IntegrityError

from application.errors import ConcurrentChange, IdempotencyKeyReused, VersionMismatch
from application.ports import Clock, IdempotencyRecords, RememberedCommand, UnitOfWork

MAX_ATTEMPTS = 8
BACKOFF_SECONDS = 0.005  # grows with each attempt, with jitter, so colliding writers spread


class CommandRunner:
    """Wraps each command: idempotency record and events commit together or not at all."""

    def __init__(
        self,
        unit_of_work: UnitOfWork,
        records: IdempotencyRecords,
        clock: Clock,
        after_commit: Callable[[], object] = lambda: None,
    ) -> None:
        self._unit_of_work = unit_of_work
        self._records = records
        self._clock = clock
        self._after_commit = after_commit

    def run(
        self,
        action: Callable[[], dict[str, Any]],
        *,
        actor: str,
        key: str | None,
        fingerprint: str,
        retry_collisions: bool = True,
    ) -> tuple[dict[str, Any], bool]:
        """Run `action` (which returns the outcome to remember); returns (outcome, replayed)."""
        for attempt in range(MAX_ATTEMPTS):
            if attempt:
                time.sleep(random.uniform(0, BACKOFF_SECONDS * 2**attempt))
            try:
                with self._unit_of_work():
                    if key is not None:
                        remembered = self._records.find(actor, key)
                        if remembered is not None:
                            if remembered.fingerprint != fingerprint:
                                raise IdempotencyKeyReused(
                                    "this Idempotency-Key was used before with another request"
                                )
                            return remembered.outcome, True
                    outcome = action()
                    if key is not None:
                        command = RememberedCommand(fingerprint, outcome)
                        self._records.remember(actor, key, command, self._clock.now())
            except IntegrityError:
                if retry_collisions or (key is not None and self._key_taken(actor, key)):
                    continue
                raise VersionMismatch("the case changed while this command ran") from None
            self._after_commit()
            return outcome, False
        raise ConcurrentChange("the case kept changing while this command ran; try again")

    def _key_taken(self, actor: str, key: str) -> bool:
        with self._unit_of_work():
            return self._records.find(actor, key) is not None
