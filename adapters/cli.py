"""The `gehoord` command line (exit codes: 0 success, 1 a check failed, 2 bad usage or config)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import date, datetime, timedelta
from typing import Annotated, NoReturn

import typer
from pydantic import ValidationError

from adapters.bootstrap import SchemaMissing, Service, build, check_schema, migrate
from adapters.logging import configure_logging
from adapters.settings import Settings
from application.errors import TokenNameTaken, UnknownToken
from application.roles import Role

cli = typer.Typer(help="gehoord: complaints and signals of dissatisfaction.", no_args_is_help=True)
tokens_cli = typer.Typer(help="Create and revoke bearer tokens.", no_args_is_help=True)
projections_cli = typer.Typer(help="Read models built from the event log.", no_args_is_help=True)
cli.add_typer(tokens_cli, name="tokens")
policies_cli = typer.Typer(help="The deadline policies.", no_args_is_help=True)
cli.add_typer(projections_cli, name="projections")
cli.add_typer(policies_cli, name="policies")
audit_cli = typer.Typer(help="The tamper-evident log.", no_args_is_help=True)
cli.add_typer(audit_cli, name="audit")


def fail(reason: str, code: int = 2) -> NoReturn:
    """One line on stderr and the exit code: 2 for usage or configuration, 1 for a failed check."""
    typer.echo(f"gehoord: {reason}", err=True)
    raise typer.Exit(code)


def load_settings(**overrides: object) -> Settings:
    try:
        settings = Settings(**{k: v for k, v in overrides.items() if v is not None})  # type: ignore[arg-type]
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "settings"
        fail(f"invalid configuration: GEHOORD_{field.upper()}: {first['msg']}")
    configure_logging(settings.log_level)
    return settings


@contextmanager
def running_service(settings: Settings, needs_schema: bool = True) -> Iterator[Service]:
    try:
        service = build(settings)
    except ValueError as error:  # e.g. two policy versions with one name
        fail(f"invalid configuration: {error}")
    except Exception as error:  # a malformed URL or a missing driver
        fail(f"cannot open the store {settings.database_url!r}: {type(error).__name__}")
    try:
        if needs_schema:
            check_schema(service)
        yield service
    except SchemaMissing as error:
        fail(str(error))
    finally:
        service.close()


@cli.command()
def serve(
    host: Annotated[str | None, typer.Option(help="default GEHOORD_HOST or 127.0.0.1")] = None,
    port: Annotated[int | None, typer.Option(help="default GEHOORD_PORT or 8000")] = None,
) -> None:
    """Serve the API (with the scheduler unless GEHOORD_SCHEDULER=off)."""
    import uvicorn

    settings = load_settings(host=host, port=port)
    with running_service(settings):
        pass  # fail early, with one line, when the store or its schema is missing
    # By import string: adapters never import the api layer; the app reads the same settings.
    uvicorn.run(
        "api.app:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        access_log=False,
        log_level="warning",
    )


@cli.command("scheduler")
def scheduler_command() -> None:
    """Run only the policy scheduler (for API processes started with GEHOORD_SCHEDULER=off)."""
    from adapters.scheduler import scheduler

    with running_service(load_settings()) as service:
        service.projections.catch_up()
        service.start_background()
        with suppress(KeyboardInterrupt, SystemExit):
            scheduler(service, blocking=True).start()


@policies_cli.command("run")
def run_policies(
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="ISO-8601 moment with offset; default now")
    ] = None,
) -> None:
    """One sweep of every policy; prints the raised and cleared counts."""
    with running_service(load_settings()) as service:
        now = service.clock.now()
        moment = now
        if as_of is not None:
            try:
                moment = datetime.fromisoformat(as_of)
            except ValueError:
                fail(f"--as-of {as_of!r} is not an ISO-8601 moment")
            if moment.tzinfo is None:
                fail("--as-of needs a UTC offset, e.g. 2026-03-16T09:00:00+01:00")
            if moment > now + timedelta(minutes=5):
                fail("--as-of lies in the future; a sweep judges what is known now")
        service.projections.catch_up()
        result = service.sweep.run(moment)
    typer.echo(f"checked {result.checked}, raised {result.raised}, cleared {result.cleared}")


@cli.command("demo")
def demo() -> None:
    """Load a realistic demo data set (Dutch names, every lifecycle path) and sweep once."""
    from adapters.demo import load_demo

    with running_service(load_settings()) as service:
        count = load_demo(service)
    typer.echo(f"loaded {count} demo complaints and signals")


@audit_cli.command("verify")
def verify_audit() -> None:
    """Recompute the log's hash chain; exit 1 naming the first bad position."""
    with running_service(load_settings()) as service:
        result = service.audit_log.verify()
    if not result.ok:
        fail(
            f"the audit chain is broken at position {result.first_bad_position}: "
            f"{result.reason} ({result.checked} entries verified before it)",
            code=1,
        )
    typer.echo(f"ok: {result.checked} entries verified, head {result.head}")


@cli.command("report")
def report(
    year: Annotated[int | None, typer.Option(help="the calendar year; default this year")] = None,
    format: Annotated[str, typer.Option(help="json, csv or html")] = "json",
) -> None:
    """Print the publishable complaints analysis of one year."""
    import json

    from application.report import complaints_analysis
    from application.report_format import to_csv, to_html

    if format not in ("json", "csv", "html"):
        fail(f"unknown format {format!r}; use json, csv or html")
    with running_service(load_settings()) as service:
        service.projections.catch_up()
        chosen = year or service.clock.now().year
        if not 1900 <= chosen <= 9999:
            fail(f"{chosen} is not a year to report on")
        analysis = complaints_analysis(
            service.report_rows,
            date(chosen, 1, 1),
            date(chosen, 12, 31),
            service.settings.report_minimum_count,
        )
    renderers = {"csv": to_csv, "html": to_html}
    text = renderers[format](analysis) if format in renderers else json.dumps(analysis, indent=2)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


@cli.command("migrate")
def migrate_command() -> None:
    """Create or upgrade the schema; safe to run twice and concurrently."""
    with running_service(load_settings(), needs_schema=False) as service:
        migrate(service)
    typer.echo("schema is up to date")


@tokens_cli.command("create")
def create_token(
    role: Annotated[str, typer.Option(help="intake, mediator, manager, auditor or admin")],
    name: Annotated[str, typer.Option(help="who holds the token; becomes the actor on events")],
) -> None:
    """Print a new bearer token, and only that, on stdout."""
    if role not in {r.value for r in Role}:
        fail(f"unknown role {role!r}; use one of {', '.join(r.value for r in Role)}")
    if not name.strip() or len(name) > 200:
        fail("the name must be 1 to 200 characters")
    with running_service(load_settings()) as service:
        try:
            secret = service.tokens.create(Role(role), name.strip())
        except TokenNameTaken as error:
            fail(str(error))
    typer.echo(secret)


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


def main() -> None:
    cli(prog_name="gehoord")


if __name__ == "__main__":
    main()
