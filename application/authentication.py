"""Who is calling: a bearer token checked first, failed attempts limited per client address.

Only failures count, and a valid token is never refused because of them: the limit slows
down guessing from one address without locking anyone out who holds a real token."""

from __future__ import annotations

import math
from datetime import timedelta

from application.errors import TooManyFailures, UnknownToken
from application.identity import Identities, Principal
from application.ports import AuthFailures, Clock

WINDOW = timedelta(minutes=1)


class Authentication:
    def __init__(
        self, identities: Identities, failures: AuthFailures, limit: int, clock: Clock
    ) -> None:
        self._identities = identities
        self._failures = failures
        self._limit = limit
        self._clock = clock

    def authenticate(self, secret: str | None, address: str) -> Principal:
        """The token's holder; UnknownToken (counted) or, past the limit, TooManyFailures."""
        if secret is not None:
            try:
                return self._identities.from_token(secret)
            except UnknownToken:
                pass
        self.failed(address)
        raise UnknownToken("unknown or revoked token")

    def failed(self, address: str) -> None:
        """Count a failure from `address` (a token, or a console sign-in); TooManyFailures once
        the address is past the limit, until its oldest counted failure is a minute old."""
        self.refuse_when_limited(address)
        now = self._clock.now()
        self._failures.add(address, now, forget_before=now - WINDOW)

    def refuse_when_limited(self, address: str) -> None:
        """TooManyFailures while `address` is past the limit. A password is checked only after
        this: otherwise a guesser past the limit would still learn when a guess was right."""
        now = self._clock.now()
        count, oldest = self._failures.since(address, now - WINDOW)
        if count >= self._limit and oldest is not None:
            wait = WINDOW - (now - oldest)
            raise TooManyFailures(max(1, math.ceil(wait.total_seconds())))
