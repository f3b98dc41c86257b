"""`gehoord tokens`, `gehoord projections` and `gehoord audit`: the administrator's commands."""

from __future__ import annotations

import secrets
from typing import Annotated

import typer

from adapters.cli_support import fail, load_settings, running_service
from application.errors import TokenNameTaken, UnknownToken
from application.roles import Role

tokens_cli = typer.Typer(help="Create and revoke bearer tokens.", no_args_is_help=True)
projections_cli = typer.Typer(help="Read models built from the event log.", no_args_is_help=True)
audit_cli = typer.Typer(help="The tamper-evident log.", no_args_is_help=True)


@audit_cli.command("verify")
def verify_audit() -> None:
    """Recompute the log's hash chain; exit 1 naming the first bad position."""
    with running_service(load_settings()) as service:
        result = service.audit.verify()
    if result.first_bad_position is not None:
        fail(
            f"the audit chain is broken at position {result.first_bad_position}: "
            f"{result.reason} ({result.checked} entries verified before it)",
            code=1,
        )
    if result.gaps:
        fail(
            f"{result.checked} entries verified, but {_events_were(len(result.gaps))} set aside "
            f"and not chained (positions {', '.join(map(str, result.gaps[:20]))}); "
            "after a repair run `gehoord projections retry`",
            code=1,
        )
    typer.echo(f"ok: {result.checked} entries verified, head {result.head}")


def _events_were(count: int) -> str:
    return "1 event was" if count == 1 else f"{count} events were"


@tokens_cli.command("create")
def create_token(
    role: Annotated[
        str | None, typer.Option(help="intake, mediator, manager, auditor or admin")
    ] = None,
    name: Annotated[
        str | None, typer.Option(help="who holds the token; becomes the actor on events")
    ] = None,
    user: Annotated[
        str | None, typer.Option(help="a staff member's e-mail: the token acts as them")
    ] = None,
) -> None:
    """Print a new bearer token, and only that, on stdout: an integration's (--role --name) or a
    staff member's (--user), which follows their role and team and stops when they are disabled."""
    if (user is None) == (role is None and name is None) or (user is None and None in (role, name)):
        fail("give --user EMAIL, or --role ROLE --name NAME")
    with running_service(load_settings()) as service:
        if user is not None:
            member = service.staff.by_email(user)
            if member is None or not member.active:
                fail(f"{user} is not an active staff member")
            role, name, member_id = member.role, f"{member.email}:{_suffix()}", member.member_id
        else:
            member_id = None
        assert role is not None and name is not None
        if role not in {r.value for r in Role}:
            fail(f"unknown role {role!r}; use one of {', '.join(r.value for r in Role)}")
        if not name.strip() or len(name) > 200:
            fail("the name must be 1 to 200 characters")
        try:
            secret = service.tokens.create(Role(role), name.strip(), member_id)
        except TokenNameTaken as error:
            fail(str(error))
    typer.echo(secret)


def _suffix() -> str:
    """Tokens are named; a member's next token gets a name of its own."""
    return secrets.token_hex(3)


@tokens_cli.command("revoke")
def revoke_token(name: Annotated[str, typer.Argument(help="the token's name")]) -> None:
    """Revoke a token; it stops working at once, in every process."""
    with running_service(load_settings()) as service:
        try:
            service.tokens.revoke(name)
        except UnknownToken as error:
            fail(str(error))
    typer.echo(f"revoked {name}")


@projections_cli.command("rebuild")
def rebuild(
    name: Annotated[str | None, typer.Argument(help="one projection; all when left out")] = None,
) -> None:
    """Rebuild read models from the event log, with a progress bar."""
    from adapters.rebuild import rebuild_with_progress

    with running_service(load_settings()) as service:
        names = [n for n, p in service.projections.projections.items() if p.clear is not None]
        if name is not None and name not in names:
            fail(f"cannot rebuild {name!r}; the read models are: {', '.join(names)}")
        rebuild_with_progress(service, [name] if name else names)


@projections_cli.command("retry")
def retry() -> None:
    """Process the events read models set aside again (after a repair); exit 1 if any remain."""
    with running_service(load_settings()) as service:
        result = service.projections.retry()
    typer.echo(f"taken back {result.cleared}, still set aside {result.still_set_aside}")
    if result.still_set_aside:
        raise typer.Exit(1)
