"""Delivers what the outbox holds: claim, hand over, mark sent; a failure waits longer each time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from application.mail import ClaimLost, DeliveryFailed, Outbox, PendingLetter, Postman
from application.ports import Clock

LEASE_SECONDS = 120.0
"""How long a claimed letter is another process's; a claim left by a crash before the hand-over
lapses after this and the letter is tried again."""
MAX_PER_ROUND = 200


def backoff(attempts: int, first_seconds: float) -> timedelta:
    """Wait after the n-th failed attempt: doubling from `first_seconds`, at most 6 hours."""
    return timedelta(seconds=min(first_seconds * 2 ** max(attempts - 1, 0), 6 * 3600))


@dataclass(frozen=True)
class DeliveryRound:
    sent: int
    failed: int
    in_doubt: int = 0


class MailDelivery:
    """One round of delivery; every process may run rounds, each letter goes to one of them."""

    def __init__(
        self, outbox: Outbox, postman: Postman, clock: Clock, retry_seconds: float = 60.0
    ) -> None:
        self._outbox = outbox
        self._postman = postman
        self._clock = clock
        self._retry_seconds = retry_seconds

    @property
    def outbox(self) -> Outbox:
        return self._outbox

    def run(self) -> DeliveryRound:
        sent = failed = in_doubt = 0
        for _ in range(MAX_PER_ROUND):
            pending = self._outbox.claim_next(self._clock.now(), LEASE_SECONDS)
            if pending is None:
                break
            key = pending.letter.key
            try:
                self._postman.deliver(pending, partial(self._hand_over, pending))
            except DeliveryFailed as error:
                retry_at = self._clock.now() + backoff(pending.attempts, self._retry_seconds)
                self._outbox.failed(pending, str(error)[:500], retry_at)
                failed += 1
                continue
            except ClaimLost:
                continue
            except Exception:  # once the hand-over began, the letter is in doubt (see README)
                in_doubt += 1
                continue
            self._outbox.sent(key, self._clock.now())
            sent += 1
        return DeliveryRound(sent, failed, in_doubt)

    def _hand_over(self, pending: PendingLetter) -> None:
        if not self._outbox.handing_over(pending, self._clock.now()):
            raise ClaimLost(pending.letter.key)
