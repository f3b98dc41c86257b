"""The tamper-evident log: each stored event's hash covers the previous hash and the event."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from application.ports import StoredRecord

GENESIS = "0" * 64


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
    gaps: list[int] = field(default_factory=list)
    """Events the chain set aside (a read model error) and so does not cover: not proof of
    tampering, but not vouched for either, so `ok` is false while there are any."""


def verify(
    chain: Iterable[tuple[int, str]],
    records: Iterable[StoredRecord],
    set_aside: Collection[int] = (),
    late: Mapping[int, str] | None = None,
) -> Verification:
    """Recompute the chain over the stored records; name the first position that disagrees.

    Both inputs are streams in position order: constant memory however long the log is. An
    event the chain set aside is a gap, reported, and the check goes on past it; one linked
    later (`late`) must hash onto the entry before it. Events after the chain's last entry are
    not chained yet (the chain follows the log a moment later) and are not judged.
    """
    late = late or {}
    previous, checked = GENESIS, 0
    gaps: list[int] = []
    entries = iter(chain)
    entry = next(entries, None)

    def bad(position: int, reason: str) -> Verification:
        return Verification(False, checked, previous, position, reason, gaps)

    for record in records:
        if entry is not None and entry[0] < record.position:
            return bad(entry[0], "an event is missing or was added")
        if entry is not None and entry[0] == record.position:
            if link(previous, record) != entry[1]:
                return bad(record.position, "the stored event was changed")
            previous, checked = entry[1], checked + 1
            entry = next(entries, None)
        elif record.position in late:
            if link(previous, record) != late[record.position]:
                return bad(record.position, "the stored event was changed")
            checked += 1
        elif record.position in set_aside:
            gaps.append(record.position)
        elif entry is None:
            break  # the unchained tail
        else:
            return bad(record.position, "an event is missing or was added")
    if entry is not None:
        return bad(entry[0], "an event is missing or was added")
    reason = "events set aside by the chain are not covered by it" if gaps else None
    return Verification(not gaps, checked, previous, None, reason, gaps)
