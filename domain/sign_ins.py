"""Sign-ins to the console as events, a log per account and month: who signed in or out, from
where, and every refusal (for an address nobody has, under its hash)."""

from __future__ import annotations

from datetime import datetime
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.case_event import CaseEvent


class SignInLog(Aggregate):
    @staticmethod
    def create_id(account: str, month: str) -> UUID:
        return uuid5(NAMESPACE_URL, f"gehoord:sign-ins:{account}:{month}")

    class SignInLogOpened(Aggregate.Created):
        account: str
        month: str

    @classmethod
    def open(cls, *, account: str, month: str, now: datetime) -> SignInLog:
        return cls._create(cls.SignInLogOpened, account=account, month=month, timestamp=now)

    def signed_in(self, *, actor: str, address: str, method: str, now: datetime) -> None:
        self.trigger_event(
            self.SignedIn, at=now, actor=actor, address=address, method=method, timestamp=now
        )

    def signed_out(self, *, actor: str, address: str, now: datetime) -> None:
        self.trigger_event(self.SignedOut, at=now, actor=actor, address=address, timestamp=now)

    def refused(self, *, address: str, reason: str, now: datetime) -> None:
        self.trigger_event(
            self.SignInRefused,
            at=now,
            actor="system:sign-in",
            address=address,
            reason=reason,
            timestamp=now,
        )

    class SignedIn(CaseEvent):
        address: str
        method: str

    class SignedOut(CaseEvent):
        address: str

    class SignInRefused(CaseEvent):
        address: str
        reason: str
