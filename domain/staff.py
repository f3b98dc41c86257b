"""A staff member: a person who signs in, with a role and a team; every change is an event.

Their e-mail address is their identity (unique whatever its case); the aggregate's id is derived
from it, so the store itself refuses a second member with the same address."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.case_event import CaseEvent
from domain.errors import NotAllowed


def staff_id(email: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"gehoord:staff:{email.strip().lower()}")


class StaffMember(Aggregate):
    if TYPE_CHECKING:
        email: str
        name: str
        role: str
        team: str | None
        active: bool
        digest: bool

    class MemberAdded(Aggregate.Created):
        at: datetime
        actor: str
        email: str
        name: str
        role: str
        team: str | None
        digest: bool

        def apply(self, member: StaffMember) -> None:
            member.email, member.name, member.role = self.email, self.name, self.role
            member.team, member.digest, member.active = self.team, self.digest, True

    @classmethod
    def add(
        cls, *, email: str, name: str, role: str, team: str | None, actor: str, now: datetime
    ) -> StaffMember:
        email = email.strip().lower()
        return cls._create(
            cls.MemberAdded,
            id=staff_id(email),
            at=now,
            actor=actor,
            email=email,
            name=name,
            role=role,
            team=team,
            digest=True,
            timestamp=now,
        )

    def change(
        self,
        *,
        name: str | None = None,
        role: str | None = None,
        team: str | None = None,
        digest: bool | None = None,
        actor: str,
        now: datetime,
    ) -> None:
        """Change what was given; giving what is already so records nothing."""
        changes = {
            "name": name,
            "role": role,
            "team": team,
            "digest": digest,
        }
        new = {k: v for k, v in changes.items() if v is not None and v != getattr(self, k)}
        if new:
            self.trigger_event(self.MemberChanged, at=now, actor=actor, changes=new, timestamp=now)

    def disable(self, *, actor: str, now: datetime) -> None:
        if not self.active:
            raise NotAllowed(f"{self.email} is already disabled")
        self.trigger_event(self.MemberDisabled, at=now, actor=actor, timestamp=now)

    def enable(self, *, actor: str, now: datetime) -> None:
        if self.active:
            raise NotAllowed(f"{self.email} is already active")
        self.trigger_event(self.MemberEnabled, at=now, actor=actor, timestamp=now)

    def password_was_set(self, *, actor: str, now: datetime) -> None:
        """Records that the password changed; the hash itself is never an event."""
        self.trigger_event(self.PasswordSet, at=now, actor=actor, timestamp=now)

    class MemberChanged(CaseEvent):
        changes: dict[str, object]

        def apply(self, member: StaffMember) -> None:
            for field, value in self.changes.items():
                setattr(member, field, value)

    class MemberDisabled(CaseEvent):
        def apply(self, member: StaffMember) -> None:
            member.active = False

    class MemberEnabled(CaseEvent):
        def apply(self, member: StaffMember) -> None:
            member.active = True

    class PasswordSet(CaseEvent):
        pass
