"""Staff: the caller about themselves (`/v1/me`), and the directory for admins."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from pydantic import EmailStr
from starlette.exceptions import HTTPException

from api.dependencies import CommandCall, ServiceDep, allowed, commanding
from api.schemas.staff import MeChange, MePublic, StaffChange, StaffCreate, StaffList, StaffPublic
from application.identity import Principal
from application.roles import Action
from application.staff_use_cases import AddStaffMember, ChangeStaffMember

router = APIRouter(tags=["staff"])
Anyone = Annotated[Principal, allowed(Action.READ_SELF)]
Myself = Annotated[CommandCall, commanding(Action.READ_SELF)]
Admin = Annotated[Principal, allowed(Action.MANAGE_STAFF)]
Administering = Annotated[CommandCall, commanding(Action.MANAGE_STAFF)]


@router.get("/v1/me", response_model=MePublic, summary="Who am I: role, team, digest")
def read_me(service: ServiceDep, caller: Anyone) -> MePublic:
    record = service.staff.by_id(caller.member_id) if caller.member_id else None
    return MePublic.of(caller, record)


@router.patch("/v1/me", response_model=MePublic, summary="Switch my morning digest on or off")
def change_me(body: MeChange, call: Myself) -> MePublic:
    if not call.caller.is_staff:
        raise HTTPException(409, "this token is an integration's, not a staff member's")
    record = call.run(ChangeStaffMember(call.caller.name, digest=body.digest))
    return MePublic.of(call.caller, record)


@router.get("/v1/admin/users", response_model=StaffList, summary="Every staff member")
def list_staff(service: ServiceDep, caller: Admin) -> StaffList:
    return StaffList(items=[StaffPublic.of(record) for record in service.staff.all()])


@router.post(
    "/v1/admin/users", status_code=201, response_model=StaffPublic, summary="Add a staff member"
)
def add_staff_member(body: StaffCreate, call: Administering) -> StaffPublic:
    command = AddStaffMember(body.email, body.name, body.role, body.team)
    return StaffPublic.of(call.run(command))


@router.patch(
    "/v1/admin/users/{email}", response_model=StaffPublic, summary="Change or disable a member"
)
def change_staff_member(email: EmailStr, body: StaffChange, call: Administering) -> StaffPublic:
    fields = body.model_dump(exclude_none=True)
    return StaffPublic.of(call.run(ChangeStaffMember(email, **fields)))
