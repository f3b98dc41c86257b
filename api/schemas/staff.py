"""Staff schemas: a member as the directory holds them (never their password), and changes."""

from __future__ import annotations

from pydantic import BaseModel, EmailStr, Field

from api.schemas.common import Body, Name, Switch
from application.identity import Principal
from application.ports import StaffRecord
from application.roles import Role


class StaffPublic(BaseModel):
    email: str
    name: str
    role: Role
    team: str | None
    active: bool
    digest: bool
    has_password: bool

    @classmethod
    def of(cls, record: StaffRecord) -> StaffPublic:
        return cls(
            email=record.email,
            name=record.name,
            role=Role(record.role),
            team=record.team,
            active=record.active,
            digest=record.digest,
            has_password=record.password_hash is not None,
        )


class StaffList(BaseModel):
    items: list[StaffPublic]


class StaffCreate(Body):
    email: EmailStr
    name: Name
    role: Role
    team: Name | None = None


class StaffChange(Body):
    """What is left out stays as it is; `active: false` ends their sessions at once."""

    name: Name | None = None
    role: Role | None = None
    team: Name | None = None
    active: Switch | None = None
    digest: Switch | None = None


class MePublic(BaseModel):
    """The caller: a staff member, or an integration's token (then `staff` is false)."""

    name: str
    role: Role
    team: str | None
    staff: bool
    email: str | None = None
    display_name: str | None = None
    digest: bool | None = None

    @classmethod
    def of(cls, caller: Principal, record: StaffRecord | None) -> MePublic:
        return cls(
            name=caller.name,
            role=caller.role,
            team=caller.team,
            staff=caller.is_staff,
            email=record.email if record else None,
            display_name=caller.display_name,
            digest=record.digest if record else None,
        )


class MeChange(Body):
    digest: Switch = Field(description="the morning digest by e-mail: on or off")
