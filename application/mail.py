"""Mail to staff through a transactional outbox: what a letter is, and the ports that carry it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from domain.wording import Phrase, say, to_data


@dataclass(frozen=True)
class DigestItem:
    """One open flag as the digest names it: never a complainant's name, subject or text."""

    reference: str
    case_type: str
    policy: str
    severity: str
    due_at: datetime
    explained: Phrase


@dataclass(frozen=True)
class Letter:
    """A mail to one staff member, recorded once under its `key` (which also makes its
    Message-ID, so a copy sent twice is recognisably the same mail)."""

    key: str
    kind: str
    recipient: str
    payload: dict[str, Any] = field(default_factory=dict)


def digest_letter(
    member_id: str, email: str, name: str, day: date, items: Sequence[DigestItem]
) -> Letter:
    """The morning digest of `day` for one member; breaches first, then by due moment."""
    ordered = sorted(items, key=lambda i: (i.severity != "breach", i.due_at, i.reference))
    return Letter(
        key=f"digest:{day.isoformat()}:{member_id}",
        kind="digest",
        recipient=email,
        payload={
            "day": day.isoformat(),
            "name": name,
            "items": [
                {
                    "reference": item.reference,
                    "case_type": item.case_type,
                    "policy": item.policy,
                    "severity": item.severity,
                    "due_at": item.due_at.isoformat(),
                    "explanation": say(item.explained),
                    "explained": to_data(item.explained),
                }
                for item in ordered
            ],
        },
    )


def notice_letter(case_id: str, version: int, email: str, reference: str, at: datetime) -> Letter:
    """The short notice that a case was assigned to `email` (the event's version keys it)."""
    return Letter(
        key=f"notice:{case_id}:{version}",
        kind="notice",
        recipient=email,
        payload={"reference": reference, "at": at.isoformat()},
    )


@dataclass(frozen=True)
class PendingLetter:
    letter: Letter
    recorded_at: datetime
    attempts: int
    claimed_until: datetime | None = None
    """The claim's lease; it is also the claim's token (see `Outbox.handing_over`)."""


@dataclass(frozen=True)
class MailTrouble:
    """Letters that failed and wait for a retry, and letters in doubt (see README)."""

    failing: int
    in_doubt: int
    last_error: str | None


class Outbox(Protocol):
    def record(self, letters: Sequence[Letter], at: datetime) -> int:
        """Record each letter unless its key is there already (inside the current transaction);
        how many were new."""
        ...

    def claim_next(self, now: datetime, lease_seconds: float) -> PendingLetter | None:
        """Take one letter due for an attempt, for `lease_seconds`; None when there is none."""
        ...

    def handing_over(self, pending: PendingLetter, at: datetime) -> bool:
        """From here a crash leaves the letter in doubt: it is not sent again by itself. False
        when the claim lapsed and another process took the letter meanwhile (send nothing)."""
        ...

    def sent(self, key: str, at: datetime) -> None: ...

    def failed(self, pending: PendingLetter, error: str, retry_at: datetime) -> None:
        """The mail server surely did not take it: try again at `retry_at` (unless the claim
        lapsed and the letter is another process's now)."""
        ...

    def in_doubt(self, now: datetime) -> list[PendingLetter]:
        """Letters whose hand-over began and never ended, their claim lapsed."""
        ...

    def release(self, key: str, now: datetime) -> bool:
        """Send a letter in doubt again (an operator found it missing from the server's log)."""
        ...

    def trouble(self, now: datetime) -> MailTrouble:
        """Letters failing, and letters whose hand-over began but never ended (a crash)."""
        ...


class DeliveryFailed(Exception):
    """Raised when the mail server surely did not take a letter (it can be tried again)."""


class ClaimLost(Exception):
    """Raised when a letter's claim lapsed before its hand-over: another process sends it."""


class Postman(Protocol):
    def deliver(self, letter: PendingLetter, handing_over: Callable[[], None]) -> None:
        """Hand the letter to the mail server; calls `handing_over` right before the message
        itself goes out. Raises DeliveryFailed when it surely was not taken."""
        ...
