"""Bearer tokens: created once, stored only as hashes, revoked by name."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from application.errors import TokenNameTaken, UnknownToken
from application.ports import Clock, TokenRecord, TokenRecords
from application.roles import Role


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class Tokens:
    """Use cases for bearer tokens."""

    def __init__(self, records: TokenRecords, clock: Clock) -> None:
        self._records = records
        self._clock = clock

    def create(self, role: Role, name: str, member_id: str | None = None) -> str:
        """A new secret, printed once; with `member_id` the token acts as that staff member."""
        secret = "ghd_" + secrets.token_urlsafe(32)
        try:
            self._records.add(name, str(role), hash_secret(secret), self._clock.now(), member_id)
        except ValueError as error:
            raise TokenNameTaken(f"a token named {name!r} already exists") from error
        return secret

    def revoke(self, name: str) -> None:
        if not self._records.revoke(name, self._clock.now()):
            raise UnknownToken(f"no active token named {name!r}")

    def check(self, secret: str) -> TokenRecord:
        """The token's record; UnknownToken when no active token has this secret."""
        digest = hash_secret(secret)
        record = self._records.by_hash(digest)
        if record is None or record.revoked or not hmac.compare_digest(record.secret_hash, digest):
            raise UnknownToken("unknown or revoked token")
        return record
