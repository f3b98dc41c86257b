"""Failed authentication is rate limited per client address, in each process's memory."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque

WINDOW_SECONDS = 60.0


class FailedAuthLimiter:
    """After `limit` failures within a minute an address is refused until the oldest expires."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._failures: defaultdict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, address: str, now: float) -> deque[float]:
        failures = self._failures[address]
        while failures and now - failures[0] > WINDOW_SECONDS:
            failures.popleft()
        return failures

    def retry_after(self, address: str) -> int | None:
        """Seconds until `address` may try again, or None when it may try now."""
        now = time.monotonic()
        with self._lock:
            failures = self._recent(address, now)
            if len(failures) < self._limit:
                return None
            return max(1, int(WINDOW_SECONDS - (now - failures[0])) + 1)

    def failed(self, address: str) -> None:
        now = time.monotonic()
        with self._lock:
            self._recent(address, now).append(now)
            if len(self._failures) > 100_000:  # bound the memory an attacker can make us use
                self._failures.clear()
