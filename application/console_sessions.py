"""Signing in to the console: a password checked against its argon2id hash, failures limited per
address and per account (a lock that ends by itself), and server-side sessions.

A session id is random and lives only in the cookie; the store keeps its SHA-256. A session ends
8 hours after it was last used or 12 hours after sign-in, on sign-out, and when the member is
disabled. Each session has its own CSRF secret: every form carries a token made from it.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from application.authentication import Authentication
from application.casework import Casework
from application.errors import ApplicationError, CaseNotFound, TooManyFailures, UnknownToken
from application.identity import Identities, Principal
from application.passwords import password_matches
from application.ports import (
    AuthFailures,
    Clock,
    SessionRecord,
    SessionRecords,
    StaffDirectory,
    UnitOfWork,
)
from domain.sign_ins import SignInLog

IDLE = timedelta(hours=8)
ABSOLUTE = timedelta(hours=12)
TOUCH_AFTER = timedelta(minutes=1)  # last use is written at most once a minute
ACCOUNT_FAILURES = 5
ACCOUNT_LOCK = timedelta(minutes=15)


class SignInRefused(ApplicationError):
    """Raised when an e-mail address and password do not sign anyone in (it never says which)."""


class AccountLocked(ApplicationError):
    """Raised when an account had too many failed sign-ins; the lock ends by itself."""

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__("too many failed sign-ins for this account; try again later")
        self.retry_after_seconds = retry_after_seconds


@dataclass(frozen=True)
class Session:
    """What the console gets back: the id for the cookie, its CSRF token and who signed in."""

    id: str
    csrf: str
    principal: Principal
    method: str = "password"


def _hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def _account_key(email: str) -> str:
    return "acct:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]


def csrf_token(csrf_secret: str) -> str:
    return hmac.new(csrf_secret.encode(), b"gehoord:csrf", "sha256").hexdigest()


class ConsoleSessions:
    def __init__(
        self,
        staff: StaffDirectory,
        identities: Identities,
        records: SessionRecords,
        authentication: Authentication,
        failures: AuthFailures,
        casework: Casework,
        unit_of_work: UnitOfWork,
        clock: Clock,
    ) -> None:
        self._staff = staff
        self._identities = identities
        self._records = records
        self._authentication = authentication
        self._failures = failures
        self._casework = casework
        self._unit_of_work = unit_of_work
        self._clock = clock

    def _log(self, account: str, entry: Callable[[SignInLog], None]) -> None:
        """Append to the account's sign-in log of this month, in the caller's transaction."""
        now = self._clock.now()
        month = now.strftime("%Y-%m")
        try:
            log = self._casework.load(SignInLog, SignInLog.create_id(account, month))
        except CaseNotFound:
            log = SignInLog.open(account=account, month=month, now=now)
        entry(log)
        self._casework.save(log)

    def sign_in(self, email: str, password: str, address: str) -> Session:
        """A new session for the member; SignInRefused, AccountLocked or TooManyFailures."""
        now = self._clock.now()
        self._authentication.refuse_when_limited(address)
        key = _account_key(email)
        count, oldest = self._failures.since(key, now - ACCOUNT_LOCK)
        if count >= ACCOUNT_FAILURES and oldest is not None:
            wait = ACCOUNT_LOCK - (now - oldest)
            raise AccountLocked(max(1, math.ceil(wait.total_seconds())))
        member = self._staff.by_email(email)
        known = member is not None and member.active
        matches = password_matches(member.password_hash if member else None, password)
        if member is None or not known or not matches:
            reason = "inactive" if member and matches else "wrong e-mail address or password"
            with self._unit_of_work():
                self._failures.add(key, now, forget_before=now - ACCOUNT_LOCK)
                account = member.member_id if member else key
                self._log(account, lambda log: log.refused(address=address, reason=reason, now=now))
            self._authentication.failed(address)  # TooManyFailures past the address's limit
            raise SignInRefused("this e-mail address and password do not sign anyone in")
        return self.open_session(member.member_id, address, "password")

    def open_session(self, member_id: str, address: str, method: str) -> Session:
        """A new session for an active member who proved who they are (by password, or through
        the organisation's sign-on provider); the sign-in is logged with how it was made."""
        now = self._clock.now()
        session_id, csrf_secret = secrets.token_urlsafe(32), secrets.token_hex(32)
        principal = self._identities.member(member_id)
        with self._unit_of_work():
            record = SessionRecord(member_id, csrf_secret, now, now, method)
            self._records.add(_hash(session_id), record)
            self._log(
                member_id,
                lambda log: log.signed_in(
                    actor=principal.actor, address=address, method=method, now=now
                ),
            )
        return Session(session_id, csrf_token(csrf_secret), principal, method)

    def refused(self, account: str, address: str, reason: str) -> None:
        """A refused sign-in on the account's log (a member id, or a hash of what was given)."""
        now = self._clock.now()
        with self._unit_of_work():
            self._log(account, lambda log: log.refused(address=address, reason=reason, now=now))

    def resume(self, session_id: str) -> Session:
        """The session's member as they are now; UnknownToken when it ended or expired."""
        now, id_hash = self._clock.now(), _hash(session_id)
        found = self._records.find(id_hash)
        if found is None:
            raise UnknownToken("no such session")
        if now - found.last_seen_at > IDLE or now - found.created_at > ABSOLUTE:
            self._records.end(id_hash)
            raise UnknownToken("the session has expired")
        principal = self._identities.member(found.member_id)
        if now - found.last_seen_at > TOUCH_AFTER:
            self._records.touch(id_hash, now)
        return Session(session_id, csrf_token(found.csrf_secret), principal, found.method)

    def sign_out(self, session_id: str, address: str) -> None:
        try:
            session = self.resume(session_id)
        except UnknownToken:
            return  # nothing to end
        principal, now = session.principal, self._clock.now()
        with self._unit_of_work():
            self._records.end(_hash(session_id))
            assert principal.member_id is not None
            self._log(
                principal.member_id,
                lambda log: log.signed_out(actor=principal.actor, address=address, now=now),
            )


__all__ = [
    "AccountLocked",
    "ConsoleSessions",
    "Session",
    "SignInRefused",
    "TooManyFailures",
    "csrf_token",
]
