"""Runs every use case the same way: once per Idempotency-Key, in one transaction, judged.

load → decide → judge → save happens inside one unit of work together with the idempotency
record, so a command's events and its remembered answer commit together or not at all. Write
collisions are retried with backoff, unless the caller named the version it expects (If-Match):
then a collision is a VersionMismatch. The read models catch up inside the same transaction
(`before_commit`), so a command commits once and its caller reads their own write; what could
not be done there is done after the commit (a command whose events committed never fails).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import random
import time
from collections.abc import Callable, Sequence
from contextlib import suppress
from datetime import datetime
from typing import Any, TypeVar

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError

from application.casework import Casework
from application.errors import ConcurrentChange, IdempotencyKeyReused, VersionMismatch
from application.judging import Judge
from application.ports import (
    Clock,
    IdempotencyRecords,
    ImportedComplaints,
    ReferenceNumbers,
    RememberedCommand,
    SessionRecords,
    StaffDirectory,
    UnitOfWork,
)
from application.use_case import Command, Context
from domain.flagging import Flagged
from domain.stem import StemRule

R = TypeVar("R")
AfterSave = Callable[[Sequence[tuple[Aggregate, list[Any]]], datetime], None]
"""Told, inside the command's transaction, each saved aggregate with the events it recorded."""
MAX_ATTEMPTS = 8
BACKOFF_SECONDS = 0.005  # grows with each attempt, with jitter, so colliding writers spread


def fingerprint(command: Command[Any]) -> str:
    """What a command asks, as a hash: the same key with another command is refused."""
    fields: dict[str, Any] = {}
    if dataclasses.is_dataclass(command) and not isinstance(command, type):
        fields = dataclasses.asdict(command)
    payload = {"command": type(command).__name__, "fields": fields}
    text = json.dumps(payload, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class CommandRunner:
    """The one way use cases run; see the module's docstring."""

    def __init__(
        self,
        *,
        casework: Casework,
        judge: Judge,
        references: ReferenceNumbers,
        stem_rule: StemRule,
        themes: tuple[str, ...],
        staff: StaffDirectory,
        sessions: SessionRecords,
        unit_of_work: UnitOfWork,
        records: IdempotencyRecords,
        imported: ImportedComplaints,
        clock: Clock,
        before_commit: Callable[[], object] = lambda: None,
        after_commit: Callable[[], object] = lambda: None,
        after_save: AfterSave | None = None,
    ) -> None:
        self._casework = casework
        self._judge = judge
        self._references = references
        self._stem_rule = stem_rule
        self._themes = themes
        self._staff = staff
        self._sessions = sessions
        self._unit_of_work = unit_of_work
        self._records = records
        self._imported = imported
        self._clock = clock
        self._before_commit = before_commit
        self._after_commit = after_commit
        self._after_save = after_save

    def run(
        self,
        command: Command[R],
        *,
        actor: str,
        key: str | None = None,
        expected_version: int | None = None,
        shown: Callable[[R], object] = lambda answer: None,
    ) -> R:
        """Run `command` as `actor`; with `key`, a repeat gives the first answer again.

        `shown` records, in the same transaction, that the answer is about to be shown (the
        access log), so a command commits once and is never shown without a record."""
        asked = fingerprint(command)
        for attempt in range(MAX_ATTEMPTS):
            if attempt:
                time.sleep(random.uniform(0, BACKOFF_SECONDS * 2**attempt))
            context = self._context(actor, expected_version)
            try:
                with self._unit_of_work():
                    memory = self._remembered(actor, key, asked)
                    if memory is not None:
                        recalled = command.recall(memory, context)
                        shown(recalled)
                        return recalled
                    answer = self._execute(command, context)
                    if key is not None:
                        remembered = RememberedCommand(asked, command.remember(answer))
                        self._records.remember(actor, key, remembered, context.now)
                    shown(answer)
                    self._before_commit()
            except IntegrityError:
                if expected_version is None or (key is not None and self._key_taken(actor, key)):
                    continue
                raise VersionMismatch("the case changed while this command ran") from None
            with suppress(Exception):  # committed: the read models catch up on their own
                self._after_commit()
            return answer
        raise ConcurrentChange("the case kept changing while this command ran; try again")

    def context(self, actor: str) -> Context:
        """The context a command run now by `actor` gets (to try commands out without saving)."""
        return self._context(actor, None)

    def _context(self, actor: str, expected_version: int | None) -> Context:
        return Context(
            actor=actor,
            now=self._clock.now(),
            expected_version=expected_version,
            casework=self._casework,
            judge=self._judge,
            references=self._references,
            stem_rule=self._stem_rule,
            themes=self._themes,
            staff=self._staff,
            sessions=self._sessions,
            imported=self._imported,
        )

    def _execute(self, command: Command[R], context: Context) -> R:
        changed = command.execute(context)
        for aggregate in changed:
            if isinstance(aggregate, Flagged):
                self._judge.judge(aggregate, context.now, context.now)
        recorded = [(aggregate, list(aggregate.pending_events)) for aggregate in changed]
        self._casework.save(*changed)
        if self._after_save is not None:
            self._after_save(recorded, context.now)
        return command.answer(changed, context)

    def _remembered(self, actor: str, key: str | None, asked: str) -> dict[str, Any] | None:
        if key is None:
            return None
        remembered = self._records.find(actor, key)
        if remembered is None:
            return None
        if remembered.fingerprint != asked:
            raise IdempotencyKeyReused("this Idempotency-Key was used before with another request")
        return remembered.outcome

    def _key_taken(self, actor: str, key: str) -> bool:
        with self._unit_of_work():
            return self._records.find(actor, key) is not None
