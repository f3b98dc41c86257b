"""The staff directory over HTTP on both stores: admins add and change members, members read and
change themselves, a member's token acts as them, and a disabled member is shut out at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import text

from application.complaint_use_cases import ChangeComplaint
from application.roles import Role
from application.use_case import Context
from domain.complaint import Complaint
from tests.integration.conftest import Api

ADMIN, MEDIATOR = Role.ADMIN, Role.MEDIATOR
EARLIER = {"at": "2026-03-16T08:00:00Z"}
STAFF_EVENTS = {"MemberAdded", "MemberChanged", "MemberDisabled", "MemberEnabled", "PasswordSet"}


@dataclass(frozen=True)
class AssignedBeforeTheDirectory(ChangeComplaint):
    """An assignment as it was made before the staff directory: to a free name, unchecked."""

    case_id: UUID
    mediator: str

    def decide(self, complaint: Complaint, context: Context) -> None:
        complaint.assign(mediator=self.mediator, actor=context.actor, now=context.now)


def patch(api: Api, role: Role, path: str, body: Any) -> Any:
    return api.client.patch(path, json=body, headers=api.headers(role))


def as_member(api: Api, token: str, method: str, path: str, **kwargs: Any) -> Any:
    headers = {"Authorization": f"Bearer {token}"}
    return api.client.request(method, path, headers=headers, **kwargs)


def staff_events(api: Api) -> list[dict[str, Any]]:
    page = api.get(Role.AUDITOR, "/v1/audit/events", limit=500).json()["items"]
    return [e for e in page if e["type"] in STAFF_EVENTS]


def test_an_admin_adds_lists_and_changes_staff_and_every_change_is_audited(api: Api) -> None:
    added = api.post(
        ADMIN,
        "/v1/admin/users",
        {"email": "Anna.Jansen@Voorbeeld.nl", "name": "Anna Jansen", "role": "mediator"},
    )
    assert added.status_code == 201, added.text
    assert added.json() == {
        "email": "anna.jansen@voorbeeld.nl",
        "name": "Anna Jansen",
        "role": "mediator",
        "team": None,
        "active": True,
        "digest": True,
        "has_password": False,
    }
    again = api.post(
        ADMIN,
        "/v1/admin/users",
        {"email": "ANNA.JANSEN@voorbeeld.nl", "name": "Anna", "role": "manager"},
    )
    assert again.status_code == 409, again.text  # e-mail is unique, whatever its case
    changed = patch(
        api,
        ADMIN,
        "/v1/admin/users/anna.jansen@voorbeeld.nl",
        {"team": "Team Zuid", "role": "manager"},
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["team"], changed.json()["role"]) == ("Team Zuid", "manager")
    listed = api.get(ADMIN, "/v1/admin/users").json()["items"]
    assert [(m["email"], m["role"], m["team"]) for m in listed] == [
        ("anna.jansen@voorbeeld.nl", "manager", "Team Zuid")
    ]
    events = staff_events(api)
    assert [e["type"] for e in events] == ["MemberAdded", "MemberChanged"]
    assert {e["actor"] for e in events} == {"admin:admin-1"}


def test_bad_staff_input_is_a_clear_error(api: Api) -> None:
    body = {"email": "not-an-address", "name": "X", "role": "mediator"}
    assert api.post(ADMIN, "/v1/admin/users", body).status_code == 422
    body = {"email": "x@voorbeeld.nl", "name": "X", "role": "chief"}
    refused = api.post(ADMIN, "/v1/admin/users", body)
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    unknown = patch(api, ADMIN, "/v1/admin/users/nobody@voorbeeld.nl", {"name": "Y"})
    assert unknown.status_code == 404
    body = {"email": "x@voorbeeld.nl", "name": "X", "role": "mediator"}
    assert api.post(MEDIATOR, "/v1/admin/users", body).status_code == 403
    assert api.get(MEDIATOR, "/v1/admin/users").status_code == 403


def test_a_members_token_acts_as_them_and_follows_their_role_and_team(api: Api) -> None:
    token = api.staff_member("bram@voorbeeld.nl", Role.MEDIATOR, team="Team Noord")
    me = as_member(api, token, "GET", "/v1/me")
    assert me.status_code == 200
    assert me.json() | {"display_name": None} == {
        "name": "bram@voorbeeld.nl",
        "role": "mediator",
        "team": "Team Noord",
        "staff": True,
        "email": "bram@voorbeeld.nl",
        "display_name": None,
        "digest": True,
    }
    case = api.register(team="Team Noord")
    other = api.register(team="Team Zuid")
    for found in (case, other):
        body = {"mediator": "bram@voorbeeld.nl"} if found is case else {"mediator": "x"}
        answer = api.post(MEDIATOR, f"/v1/complaints/{found['id']}/assign", body)
        assert answer.status_code == (200 if found is case else 422), answer.text
    mine = as_member(api, token, "GET", "/v1/complaints", params={"mediator": "me"})
    assert [i["id"] for i in mine.json()["items"]] == [case["id"]]
    ack = as_member(api, token, "POST", f"/v1/complaints/{case['id']}/acknowledge", json=EARLIER)
    assert ack.status_code == 200, ack.text
    history = api.get(MEDIATOR, f"/v1/complaints/{case['id']}/history").json()
    acknowledged = next(h for h in history if h["type"] == "Acknowledged")
    assert acknowledged["actor"] == "mediator:bram@voorbeeld.nl"
    patch(api, ADMIN, "/v1/admin/users/bram@voorbeeld.nl", {"role": "auditor"})
    demoted = as_member(
        api, token, "POST", f"/v1/complaints/{other['id']}/acknowledge", json=EARLIER
    )
    assert demoted.status_code == 403  # the token follows the member's role as it is now


def test_assign_refuses_an_unknown_or_inactive_member_and_keeps_old_free_names(api: Api) -> None:
    api.staff_member("cor@voorbeeld.nl")
    case = api.register()
    path = f"/v1/complaints/{case['id']}/assign"
    unknown = api.post(MEDIATOR, path, {"mediator": "nobody@voorbeeld.nl"})
    assert unknown.status_code == 422
    assert [e["field"] for e in unknown.json()["errors"]] == ["body.mediator"]
    patch(api, ADMIN, "/v1/admin/users/cor@voorbeeld.nl", {"active": False})
    inactive = api.post(MEDIATOR, path, {"mediator": "cor@voorbeeld.nl"})
    assert inactive.status_code == 422
    listed = api.get(MEDIATOR, "/v1/complaints").json()["items"]
    assert listed[0]["mediator"] is None


def test_disabling_a_member_shuts_their_token_out_on_the_next_request(api: Api) -> None:
    token = api.staff_member("dirk@voorbeeld.nl")
    assert as_member(api, token, "GET", "/v1/queue").status_code == 200
    patch(api, ADMIN, "/v1/admin/users/dirk@voorbeeld.nl", {"active": False})
    refused = as_member(api, token, "GET", "/v1/queue")
    assert refused.status_code == 401
    assert refused.headers["content-type"] == "application/problem+json"
    patch(api, ADMIN, "/v1/admin/users/dirk@voorbeeld.nl", {"active": True})
    assert as_member(api, token, "GET", "/v1/queue").status_code == 200
    types = [e["type"] for e in staff_events(api)]
    assert types[-2:] == ["MemberDisabled", "MemberEnabled"]


def test_integration_tokens_keep_working_and_me_says_they_are_not_staff(api: Api) -> None:
    me = api.get(Role.INTAKE, "/v1/me").json()
    assert (me["name"], me["role"], me["staff"]) == ("intake-1", "intake", False)
    refused = patch(api, Role.INTAKE, "/v1/me", {"digest": False})
    assert refused.status_code == 409
    assert api.register()["status"] == "received"


def test_a_member_switches_their_digest_off_and_on(api: Api) -> None:
    token = api.staff_member("eva@voorbeeld.nl")
    off = as_member(api, token, "PATCH", "/v1/me", json={"digest": False})
    assert off.status_code == 200 and off.json()["digest"] is False
    listed = api.get(ADMIN, "/v1/admin/users").json()["items"]
    assert listed[0]["digest"] is False
    assert as_member(api, token, "PATCH", "/v1/me", json={"digest": "no"}).status_code == 422
    assert as_member(api, token, "PATCH", "/v1/me", json={"role": "admin"}).status_code == 422
    assert as_member(api, token, "GET", "/v1/me").json()["role"] == "mediator"


def test_the_directory_keeps_only_an_argon2id_hash(api: Api) -> None:
    from application.staff_use_cases import SetPassword

    api.staff_member("fleur@voorbeeld.nl")
    password = "paarse-olifant-fietst-naar-Zwolle"
    api.service.commands.run(SetPassword("fleur@voorbeeld.nl", password), actor="admin:test")
    with api.service.engine.connect() as connection:
        stored = connection.execute(text("SELECT password_hash FROM staff")).scalar_one()
        events = connection.execute(text("SELECT state FROM gehoord_events")).scalars().all()
    assert stored.startswith("$argon2id$") and password not in stored
    assert not any(password.encode() in bytes(state) for state in events)
    assert api.get(ADMIN, "/v1/admin/users").json()["items"][0]["has_password"] is True


def test_an_admin_setting_a_password_is_a_password_set_event_in_the_members_history(
    api: Api,
) -> None:
    from adapters.cli_users import CLI_ACTOR
    from application.staff_use_cases import SetPassword
    from domain.errors import InvalidValue
    from domain.staff import staff_id

    api.staff_member("gijs@voorbeeld.nl")
    password = "blauwe-reiger-vangt-een-snoek"
    with pytest.raises(InvalidValue):  # refused: too short, so nothing is recorded
        api.service.commands.run(SetPassword("gijs@voorbeeld.nl", "kort"), actor=CLI_ACTOR)
    assert [e["type"] for e in staff_events(api)] == ["MemberAdded"]
    api.service.commands.run(SetPassword("Gijs@Voorbeeld.nl", password), actor=CLI_ACTOR)
    added, password_set = staff_events(api)
    assert (added["type"], password_set["type"]) == ("MemberAdded", "PasswordSet")
    member = str(staff_id("gijs@voorbeeld.nl"))
    assert added["case_id"] == password_set["case_id"] == member  # in the member's own history
    assert password_set["version"] == added["version"] + 1
    assert password_set["actor"] == CLI_ACTOR == "admin:cli"
    assert password not in str(password_set) and "argon2" not in str(password_set)


def test_a_case_assigned_to_a_free_name_before_the_directory_keeps_that_name(api: Api) -> None:
    """Before the staff directory, `assign` took any name; such a case is read back unchanged,
    although no staff member has that name and `assign` would refuse it now."""
    case = api.register()
    free_name = "Petra de Boer"
    api.service.commands.run(
        AssignedBeforeTheDirectory(UUID(case["id"]), free_name), actor="mediator:oud"
    )
    now_refused = api.post(MEDIATOR, f"/v1/complaints/{case['id']}/assign", {"mediator": free_name})
    assert now_refused.status_code == 422
    read = api.get(MEDIATOR, f"/v1/complaints/{case['id']}")
    assert read.status_code == 200, read.text
    assert read.json()["mediator"] == free_name
    listed = api.get(MEDIATOR, "/v1/complaints", mediator=free_name)
    assert listed.status_code == 200, listed.text
    assert [(i["id"], i["mediator"]) for i in listed.json()["items"]] == [(case["id"], free_name)]
    history = api.get(MEDIATOR, f"/v1/complaints/{case['id']}/history").json()
    assigned = next(h for h in history if h["type"] == "MediatorAssigned")
    assert assigned["data"]["mediator"] == free_name
