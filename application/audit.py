"""The tamper-evident log: each stored event's hash covers the previous hash and the event."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from uuid import UUID

GENESIS = "0" * 64


@dataclass(frozen=True)
class StoredRecord:
    """One row of the event log exactly as stored (the recorded time is inside `state`)."""

    position: int
    case_id: UUID
    version: int
    topic: str
    state: bytes


def link(previous: str, record: StoredRecord) -> str:
    digest = hashlib.sha256()
    for part in (
        previous.encode(),
        str(record.position).encode(),
        str(record.case_id).encode(),
        str(record.version).encode(),
        record.topic.encode(),
        record.state,
    ):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


@dataclass(frozen=True)
class Verification:
    ok: bool
    checked: int
    head: str
    first_bad_position: int | None = None
    reason: str | None = None


def verify(chain: Iterable[tuple[int, str]], records: Iterable[StoredRecord]) -> Verification:
    """Recompute the chain over the stored records; name the first position that disagrees.

    Both inputs are streams in position order: constant memory however long the log is.
    """
    previous, checked = GENESIS, 0
    stored: Iterator[StoredRecord] = iter(records)
    for position, recorded_hash in chain:
        record = next(stored, None)
        if record is None or record.position != position:
            bad = position if record is None else min(position, record.position)
            return Verification(False, checked, previous, bad, "an event is missing or was added")
        previous_expected = link(previous, record)
        if previous_expected != recorded_hash:
            return Verification(False, checked, previous, position, "the stored event was changed")
        previous, checked = recorded_hash, checked + 1
    return Verification(True, checked, previous)
