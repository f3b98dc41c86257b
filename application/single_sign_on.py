"""Single sign-on: who the organisation's OpenID provider says a person is becomes a staff
member with the role and team its role claim maps to.

A person signing on for the first time is added to the directory; on each sign-on their name,
role and team follow the claims. A person whose claims no longer map to any role is refused and
disabled (an admin enables them again). A member an admin disabled stays refused. The provider
is an adapter: this module sees only verified claims."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from application.console_sessions import ConsoleSessions, Session
from application.errors import ApplicationError
from application.identity import Identities, Principal
from application.ports import StaffDirectory, StaffRecord
from application.roles import Role
from application.runner import CommandRunner
from application.staff_use_cases import AddStaffMember, ChangeStaffMember

SIGN_ON_ACTOR = "system:sso"


class SignOnRefused(ApplicationError):
    """Raised when the provider vouched for someone gehoord does not let in; says why."""


@dataclass(frozen=True)
class Claims:
    """What the provider vouched for, after its signature, issuer, audience and expiry were
    checked: who (subject), their e-mail and name, and the values of the role claim."""

    subject: str
    email: str
    name: str
    role_values: tuple[str, ...]


@dataclass(frozen=True)
class Grant:
    role: Role
    team: str | None = None


class RoleMap:
    """Claim values to roles and teams, in the configured order: the first value a person has
    decides (list the most privileged groups first if people are in several)."""

    def __init__(self, grants: Mapping[str, Grant]) -> None:
        self._grants = dict(grants)

    def grant_for(self, values: Iterable[str]) -> Grant | None:
        held = set(values)
        return next((g for value, g in self._grants.items() if value in held), None)


class SingleSignOn:
    def __init__(
        self,
        roles: RoleMap,
        staff: StaffDirectory,
        commands: CommandRunner,
        console: ConsoleSessions,
        identities: Identities,
    ) -> None:
        self._roles = roles
        self._staff = staff
        self._commands = commands
        self._console = console
        self._identities = identities

    def sign_in(self, claims: Claims, address: str) -> Session:
        """A console session for the person; SignOnRefused (logged) when they may not in."""
        try:
            member = self.member_for(claims)
        except SignOnRefused as refusal:
            self.refuse(claims.email, address, str(refusal))
            raise
        return self._console.open_session(member.member_id, address, "oidc")

    def principal(self, claims: Claims) -> Principal:
        """The member an access token of the provider acts as (the API's bearer)."""
        return self._identities.member(self.member_for(claims).member_id)

    def refuse(self, email: str, address: str, reason: str) -> None:
        """A refused sign-on on the account's log; the reason never holds a token or claims."""
        member = self._staff.by_email(email) if email else None
        account = member.member_id if member else _account(email)
        self._console.refused(account, address, reason)

    def member_for(self, claims: Claims) -> StaffRecord:
        if not claims.email or "@" not in claims.email:
            raise SignOnRefused("the provider gave no e-mail address for this person")
        grant = self._roles.grant_for(claims.role_values)
        member = self._staff.by_email(claims.email)
        if grant is None:
            if member is not None and member.active:
                self._run(ChangeStaffMember(member.email, active=False))
            raise SignOnRefused("the provider's groups for this person map to no role")
        if member is None:
            name = claims.name.strip() or claims.email
            return self._run(AddStaffMember(claims.email, name, grant.role, grant.team))
        if not member.active:
            raise SignOnRefused("this staff member is disabled; an admin can enable them")
        name = claims.name.strip()
        changes = {
            "name": name if name and name != member.name else None,
            "role": grant.role if str(grant.role) != member.role else None,
            "team": grant.team if grant.team != member.team else None,  # None: as it is
        }
        if any(value is not None for value in changes.values()):
            return self._run(ChangeStaffMember(member.email, **changes))  # type: ignore[arg-type]
        return member

    def _run(self, command: AddStaffMember | ChangeStaffMember) -> StaffRecord:
        return self._commands.run(command, actor=SIGN_ON_ACTOR)


def _account(email: str) -> str:
    return "sso:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
