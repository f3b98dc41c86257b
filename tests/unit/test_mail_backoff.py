"""Mail delivery's backoff: after each failed attempt the letter waits twice as long as after
the one before, starting from the configured first wait, and never more than six hours."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest

from application.mail import DeliveryFailed, Letter, MailTrouble, PendingLetter
from application.mail_delivery import MailDelivery, backoff

CAP = timedelta(hours=6)
NOW = datetime(2026, 3, 17, 6, 30, tzinfo=UTC)


def test_the_first_failure_waits_the_configured_first_wait() -> None:
    assert backoff(1, 60.0) == timedelta(minutes=1)
    assert backoff(1, 15.0) == timedelta(seconds=15)


def test_each_further_failure_doubles_the_wait() -> None:
    waits = [backoff(attempts, 60.0) for attempts in range(1, 10)]
    assert waits == [timedelta(minutes=m) for m in (1, 2, 4, 8, 16, 32, 64, 128, 256)]
    assert all(later == 2 * earlier for earlier, later in pairwise(waits))


def test_the_wait_stops_growing_at_six_hours() -> None:
    assert backoff(9, 60.0) == timedelta(minutes=256)  # still under the cap
    assert backoff(10, 60.0) == CAP  # 512 minutes would be over it
    assert backoff(50, 60.0) == CAP
    assert backoff(1, 10 * 3600.0) == CAP  # even a first wait longer than the cap


@pytest.mark.parametrize("first_seconds", [1.0, 60.0, 300.0, 3600.0])
def test_the_wait_never_shrinks_as_attempts_grow(first_seconds: float) -> None:
    waits = [backoff(attempts, first_seconds) for attempts in range(1, 40)]
    assert waits == sorted(waits)
    assert waits[-1] == CAP


class FailingPostman:
    def deliver(self, letter: PendingLetter, handing_over: Callable[[], None]) -> None:
        raise DeliveryFailed("cannot reach the mail server")


class OneLetterOutbox:
    """An outbox holding one letter that has been tried `attempts - 1` times before."""

    def __init__(self, attempts: int) -> None:
        self.attempts = attempts
        self.retry_at: datetime | None = None
        self._claimed = False

    def record(self, letters: Sequence[Letter], at: datetime) -> int:
        return 0

    def claim_next(self, now: datetime, lease_seconds: float) -> PendingLetter | None:
        if self._claimed:
            return None
        self._claimed = True
        letter = Letter("digest:2026-03-17:anna", "digest", "anna@voorbeeld.nl")
        lease = now + timedelta(seconds=lease_seconds)
        return PendingLetter(letter, NOW, self.attempts, lease)

    def handing_over(self, pending: PendingLetter, at: datetime) -> bool:
        return True

    def sent(self, key: str, at: datetime) -> None:
        raise AssertionError("a failed letter is not sent")

    def failed(self, pending: PendingLetter, error: str, retry_at: datetime) -> None:
        self.retry_at = retry_at

    def in_doubt(self, now: datetime) -> list[PendingLetter]:
        return []

    def release(self, key: str, now: datetime) -> bool:
        return False

    def trouble(self, now: datetime) -> MailTrouble:
        return MailTrouble(0, 0, None)


class FixedClock:
    def now(self) -> datetime:
        return NOW


@pytest.mark.parametrize(
    ("attempts", "wait"),
    [
        (1, timedelta(seconds=30)),
        (2, timedelta(minutes=1)),
        (3, timedelta(minutes=2)),
        (6, timedelta(minutes=16)),
        (30, CAP),
    ],
)
def test_a_failed_delivery_is_retried_after_the_backoff_of_its_attempt(
    attempts: int, wait: timedelta
) -> None:
    outbox = OneLetterOutbox(attempts)
    delivery = MailDelivery(outbox, FailingPostman(), FixedClock(), retry_seconds=30.0)

    round_ = delivery.run()

    assert (round_.sent, round_.failed) == (0, 1)
    assert outbox.retry_at == NOW + wait
