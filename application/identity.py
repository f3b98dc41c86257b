"""Who is asking: the one place a caller becomes a Principal, from a bearer token or a console
session (a sign-in provider plugs in here too). Staff act with their current role and team; a
disabled member's tokens and sessions stop working on their next request."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from application.errors import UnknownToken
from application.ports import StaffDirectory, StaffRecord
from application.roles import Role
from application.tokens import Tokens


@dataclass(frozen=True)
class Principal:
    """The caller. For a staff member `name` is their e-mail address; for an integration's
    token it is the token's name. The actor on every event is `role:name`."""

    name: str
    role: Role
    team: str | None = None
    display_name: str | None = None
    member_id: str | None = None

    @property
    def actor(self) -> str:
        return f"{self.role}:{self.name}"

    @property
    def is_staff(self) -> bool:
        return self.member_id is not None


def member_principal(record: StaffRecord) -> Principal:
    return Principal(
        name=record.email,
        role=Role(record.role),
        team=record.team,
        display_name=record.name,
        member_id=record.member_id,
    )


ProviderTokens = Callable[[str], Principal]
"""Checks a sign-on provider's access token and gives the member it vouches for (or raises)."""


class Identities:
    def __init__(self, tokens: Tokens, staff: StaffDirectory) -> None:
        self._tokens = tokens
        self._staff = staff
        self._provider_tokens: ProviderTokens | None = None

    def accept_provider_tokens(self, check: ProviderTokens) -> None:
        """Bearer tokens shaped like a JWT are also tried as the provider's access tokens
        (wired once by the composition root when GEHOORD_OIDC_ACCEPT_ACCESS_TOKENS is on)."""
        self._provider_tokens = check

    def from_token(self, secret: str) -> Principal:
        """The token's holder; UnknownToken for an unknown or revoked token, or the token of a
        staff member who is no longer active."""
        if self._provider_tokens is not None and secret.count(".") == 2:
            try:
                return self._provider_tokens(secret)
            except Exception:  # whatever the check refused, the caller learns only "unknown"
                raise UnknownToken("unknown or revoked token") from None
        record = self._tokens.check(secret)
        if record.member_id is None:
            return Principal(name=record.name, role=Role(record.role))
        return self.member(record.member_id)

    def member(self, member_id: str) -> Principal:
        """The staff member as they are now; UnknownToken when they are gone or disabled."""
        found = self._staff.by_id(member_id)
        if found is None or not found.active:
            raise UnknownToken("this staff member is not active")
        return member_principal(found)
