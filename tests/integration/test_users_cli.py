"""`gehoord users` and `tokens create --user` as an admin uses them, on both stores: add, list,
set a password from stdin, a token that acts as the member, disable; bad input is one line and
exit 2."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from click.testing import Result
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from adapters.bootstrap import build
from adapters.cli import cli
from adapters.settings import Settings
from web.app import create_app

PASSWORD = "zeven-zwanen-zwemmen-zuidwaarts"


@pytest.fixture
def gehoord(database_url: str) -> CliRunner:
    runner = CliRunner(env={"GEHOORD_DATABASE_URL": database_url, "GEHOORD_SCHEDULER": "off"})
    assert runner.invoke(cli, ["migrate"]).exit_code == 0
    return runner


@pytest.fixture
def http(database_url: str) -> Iterator[TestClient]:
    service = build(Settings(database_url=database_url, scheduler="off"))
    with TestClient(create_app(service=service), follow_redirects=False) as client:
        yield client
    service.close()


def one_line_exit_2(result: Result, *words: str) -> None:
    assert result.exit_code == 2, result.output
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1, message
    assert all(word in message for word in words), message


def test_an_admin_adds_a_member_sets_a_password_and_they_sign_in(
    gehoord: CliRunner, http: TestClient
) -> None:
    added = gehoord.invoke(
        cli, ["users", "add", "Anna@Voorbeeld.nl", "--name", "Anna", "--role", "mediator"]
    )
    assert added.exit_code == 0 and "added anna@voorbeeld.nl as mediator" in added.stdout
    listed = gehoord.invoke(cli, ["users", "list"])
    assert listed.stdout.split("\t") == [
        "anna@voorbeeld.nl",
        "Anna",
        "mediator",
        "-",
        "active",
        "no password\n",
    ]
    done = gehoord.invoke(
        cli, ["users", "set-password", "anna@voorbeeld.nl", "--password-stdin"], input=PASSWORD
    )
    assert done.exit_code == 0, done.output
    assert PASSWORD not in done.output
    assert "password set" in gehoord.invoke(cli, ["users", "list"]).stdout
    page = http.get("/aanmelden")
    csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
    form = {"email": "anna@voorbeeld.nl", "password": PASSWORD, "csrf": csrf}
    assert http.post("/aanmelden", data=form).status_code == 303
    assert http.get("/werkvoorraad").status_code == 200


def test_a_members_token_acts_as_them_until_they_are_disabled(
    gehoord: CliRunner, http: TestClient
) -> None:
    add = ["users", "add", "bram@voorbeeld.nl", "--name", "Bram", "--role", "manager"]
    assert gehoord.invoke(cli, [*add, "--team", "Team Zuid"]).exit_code == 0
    made = gehoord.invoke(cli, ["tokens", "create", "--user", "bram@voorbeeld.nl"])
    assert made.exit_code == 0, made.output
    token = made.stdout.strip()
    assert len(made.stdout.splitlines()) == 1
    headers = {"Authorization": f"Bearer {token}"}
    me = http.get("/v1/me", headers=headers).json()
    assert (me["email"], me["role"], me["team"]) == ("bram@voorbeeld.nl", "manager", "Team Zuid")
    assert gehoord.invoke(cli, ["users", "disable", "bram@voorbeeld.nl"]).exit_code == 0
    assert http.get("/v1/me", headers=headers).status_code == 401
    assert "disabled" in gehoord.invoke(cli, ["users", "list"]).stdout
    refused = gehoord.invoke(cli, ["tokens", "create", "--user", "bram@voorbeeld.nl"])
    one_line_exit_2(refused, "not an active staff member")


def test_integration_tokens_still_come_from_role_and_name(
    gehoord: CliRunner, http: TestClient
) -> None:
    made = gehoord.invoke(cli, ["tokens", "create", "--role", "intake", "--name", "website"])
    token = made.stdout.strip()
    me = http.get("/v1/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert (me["name"], me["staff"]) == ("website", False)


def test_bad_input_is_one_line_and_exit_2(gehoord: CliRunner) -> None:
    add = ["users", "add", "cor@voorbeeld.nl", "--name", "Cor"]
    one_line_exit_2(gehoord.invoke(cli, [*add, "--role", "chief"]), "unknown role")
    assert gehoord.invoke(cli, [*add, "--role", "intake"]).exit_code == 0
    one_line_exit_2(gehoord.invoke(cli, [*add, "--role", "intake"]), "exists already")
    one_line_exit_2(
        gehoord.invoke(cli, ["users", "add", "geen-adres", "--name", "X", "--role", "intake"]),
        "e-mail",
    )
    set_password = ["users", "set-password", "cor@voorbeeld.nl"]
    one_line_exit_2(gehoord.invoke(cli, set_password), "--password-stdin")
    short = gehoord.invoke(cli, [*set_password, "--password-stdin"], input="kort")
    one_line_exit_2(short, "12 characters")
    common = gehoord.invoke(cli, [*set_password, "--password-stdin"], input="password1234")
    one_line_exit_2(common, "common")
    nobody = gehoord.invoke(
        cli, ["users", "set-password", "niemand@voorbeeld.nl", "--password-stdin"], input=PASSWORD
    )
    one_line_exit_2(nobody, "no staff member")
    one_line_exit_2(gehoord.invoke(cli, ["users", "disable", "niemand@voorbeeld.nl"]), "no staff")
    one_line_exit_2(gehoord.invoke(cli, ["tokens", "create", "--user", "x", "--role", "intake"]))
