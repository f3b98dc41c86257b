"""`gehoord users`: the staff directory from the command line (add, list, disable, password)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from adapters.cli_support import fail, load_settings, running_service
from application.errors import CaseNotFound
from application.ports import StaffRecord
from application.roles import Role
from application.staff_use_cases import AddStaffMember, ChangeStaffMember, SetPassword
from application.use_case import Command
from domain.errors import DomainError

users_cli = typer.Typer(help="Staff members who sign in.", no_args_is_help=True)
CLI_ACTOR = "admin:cli"


def _run(command: Command[StaffRecord]) -> None:
    with running_service(load_settings()) as service:
        try:
            service.commands.run(command, actor=CLI_ACTOR)
        except (CaseNotFound, DomainError) as error:
            fail(str(error))


@users_cli.command("add")
def add(
    email: Annotated[str, typer.Argument(help="their e-mail address: how they sign in")],
    name: Annotated[str, typer.Option(help="their name as colleagues read it")],
    role: Annotated[str, typer.Option(help="intake, mediator, manager, auditor or admin")],
    team: Annotated[str | None, typer.Option(help="their team, e.g. 'Team Noord'")] = None,
) -> None:
    """Add a staff member (sign-in needs a password: `users set-password`)."""
    if role not in {r.value for r in Role}:
        fail(f"unknown role {role!r}; use one of {', '.join(r.value for r in Role)}")
    if "@" not in email or not name.strip():
        fail("give an e-mail address and a name")
    _run(AddStaffMember(email.strip(), name.strip(), Role(role), team))
    typer.echo(f"added {email.strip().lower()} as {role}")


@users_cli.command("list")
def list_users() -> None:
    """Every staff member: e-mail, role, team, active, whether a password is set."""
    with running_service(load_settings()) as service:
        members = service.staff.all()
    for m in members:
        state = "active" if m.active else "disabled"
        password = "password set" if m.password_hash else "no password"
        typer.echo(f"{m.email}\t{m.name}\t{m.role}\t{m.team or '-'}\t{state}\t{password}")


@users_cli.command("disable")
def disable(email: Annotated[str, typer.Argument(help="their e-mail address")]) -> None:
    """Disable a member: their tokens and sessions stop working on their next request."""
    _run(ChangeStaffMember(email, active=False))
    typer.echo(f"disabled {email.strip().lower()}")


@users_cli.command("set-password")
def set_password(
    email: Annotated[str, typer.Argument(help="their e-mail address")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="read the password from standard input")
    ] = False,
) -> None:
    """Set a member's password, read from standard input (never from the command line)."""
    if not password_stdin:
        fail("give --password-stdin and pipe the password in; it never goes on the command line")
    password = sys.stdin.readline().rstrip("\r\n")
    _run(SetPassword(email, password))
    typer.echo(f"password set for {email.strip().lower()}")
