"""`gehoord retention`: the destruction list due under the retention policy, from the shell."""

from __future__ import annotations

import getpass

import typer

from adapters.cli_support import load_settings, running_service

retention_cli = typer.Typer(help="Retention: destruction lists.", no_args_is_help=True)


@retention_cli.command("propose")
def propose() -> None:
    """Propose the cases due for destruction now; a second person approves the list (console
    `/beheer` or `POST /v1/admin/retention/proposals/{id}/approve`)."""
    with running_service(load_settings()) as service:
        service.projections.catch_up()
        proposed = service.retention.propose(f"cli:{getpass.getuser()}")
    if proposed is None:
        typer.echo("nothing is due for destruction")
        return
    typer.echo(f"destruction list {proposed.id}: {len(proposed.cases)} cases, awaiting approval")
    for case in proposed.cases:
        ended = case["ended_at"][:10]
        typer.echo(f"{case['reference']}\t{case['case_type']}\t{case['status']}\tended {ended}")
