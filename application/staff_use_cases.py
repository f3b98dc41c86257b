"""The staff directory's use cases: add a member, change one, set their password."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eventsourcing.domain import Aggregate

from application.errors import CaseNotFound
from application.passwords import hash_password
from application.ports import StaffRecord
from application.roles import Role
from application.use_case import Command, Context
from domain.errors import InvalidValue, NotAllowed
from domain.staff import StaffMember, staff_id


def record_of(member: StaffMember, password_hash: str | None = None) -> StaffRecord:
    return StaffRecord(
        member_id=str(member.id),
        email=member.email,
        name=member.name,
        role=member.role,
        team=member.team,
        active=member.active,
        digest=member.digest,
        password_hash=password_hash,
    )


class StaffAnswer(Command[StaffRecord]):
    """A use case whose answer is the member as the directory now holds them; every one also
    writes the directory, in the transaction that saves the member's events."""

    def answer(self, saved: Sequence[Aggregate], context: Context) -> StaffRecord:
        member = saved[0]
        assert isinstance(member, StaffMember)
        context.staff.save(record_of(member))
        found = context.staff.by_id(str(member.id))
        assert found is not None
        return found

    def remember(self, answer: StaffRecord) -> dict[str, Any]:
        return {"member_id": answer.member_id}

    def recall(self, memory: dict[str, Any], context: Context) -> StaffRecord:
        found = context.staff.by_id(memory["member_id"])
        assert found is not None
        return found


def _member(context: Context, email: str) -> StaffMember:
    try:
        return context.casework.load(StaffMember, staff_id(email))
    except CaseNotFound:
        raise CaseNotFound(f"no staff member with e-mail {email}") from None


@dataclass(frozen=True)
class AddStaffMember(StaffAnswer):
    email: str
    name: str
    role: Role
    team: str | None = None

    def execute(self, context: Context) -> Sequence[Aggregate]:
        if context.staff.by_email(self.email) is not None:
            raise NotAllowed(f"a staff member with e-mail {self.email.lower()} exists already")
        member = StaffMember.add(
            email=self.email,
            name=self.name,
            role=str(self.role),
            team=self.team,
            actor=context.actor,
            now=context.now,
        )
        return [member]


@dataclass(frozen=True)
class ChangeStaffMember(StaffAnswer):
    """Name, role, team, the digest and whether they may sign in; what is left out stays.
    Disabling ends their console sessions; their tokens stop working on the next request."""

    email: str
    name: str | None = None
    role: Role | None = None
    team: str | None = None
    active: bool | None = None
    digest: bool | None = None

    def execute(self, context: Context) -> Sequence[Aggregate]:
        member = _member(context, self.email)
        member.change(
            name=self.name,
            role=str(self.role) if self.role else None,
            team=self.team,
            digest=self.digest,
            actor=context.actor,
            now=context.now,
        )
        if self.active is False and member.active:
            member.disable(actor=context.actor, now=context.now)
            context.sessions.end_all(str(member.id))
        elif self.active is True and not member.active:
            member.enable(actor=context.actor, now=context.now)
        return [member]


@dataclass(frozen=True)
class SetPassword(StaffAnswer):
    """The password is checked (length, not a common one) and kept only as its argon2id hash;
    the event says that it changed, never what it is."""

    email: str
    password: str

    def __repr__(self) -> str:  # never in a log or a traceback
        return f"SetPassword(email={self.email!r}, password=<hidden>)"

    def execute(self, context: Context) -> Sequence[Aggregate]:
        member = _member(context, self.email)
        try:
            digest = hash_password(self.password)
        except InvalidValue as refused:
            raise InvalidValue(str(refused), "password") from None
        member.password_was_set(actor=context.actor, now=context.now)
        context.staff.save(record_of(member))
        context.staff.set_password(str(member.id), digest, context.now)
        return [member]
