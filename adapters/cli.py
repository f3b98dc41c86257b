"""The `gehoord` command line (exit codes: 0 success, 1 a check failed, 2 bad usage or config)."""

from __future__ import annotations

import sys
from contextlib import suppress
from datetime import date, datetime
from typing import Annotated

import typer

from adapters.bootstrap import migrate
from adapters.cli_admin import audit_cli, projections_cli, tokens_cli
from adapters.cli_digest import digest_cli
from adapters.cli_import import import_register
from adapters.cli_retention import retention_cli
from adapters.cli_support import cli_accessor, fail, load_settings, running_service
from adapters.cli_users import users_cli
from adapters.runtime import tune_garbage_collector
from application.ports import AccessAction
from domain.moments import lies_in_the_future

cli = typer.Typer(help="gehoord: complaints and signals of dissatisfaction.", no_args_is_help=True)
policies_cli = typer.Typer(help="The deadline policies.", no_args_is_help=True)
cli.add_typer(tokens_cli, name="tokens")
cli.add_typer(projections_cli, name="projections")
cli.add_typer(policies_cli, name="policies")
cli.add_typer(audit_cli, name="audit")
cli.add_typer(users_cli, name="users")
cli.add_typer(retention_cli, name="retention")
cli.add_typer(digest_cli, name="digest")
cli.command("import")(import_register)


@cli.command()
def serve(
    host: Annotated[str | None, typer.Option(help="default GEHOORD_HOST or 127.0.0.1")] = None,
    port: Annotated[int | None, typer.Option(help="default GEHOORD_PORT or 8000")] = None,
) -> None:
    """Serve the API (with the scheduler unless GEHOORD_SCHEDULER=off)."""
    import uvicorn

    settings = load_settings(logs_to_stdout=True, host=host, port=port)
    with running_service(settings):
        pass  # fail early, with one line, when the store or its schema is missing
    # By import string: adapters never import the outer layers; the app reads the same settings.
    uvicorn.run(
        "web.app:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        access_log=False,
        log_level="warning",
        # The app alone reads X-Forwarded-For, and only from GEHOORD_TRUSTED_PROXIES: uvicorn
        # must not rewrite the client address from it (by default it trusts 127.0.0.1).
        proxy_headers=False,
        forwarded_allow_ips="",
    )


@cli.command("scheduler")
def scheduler_command() -> None:
    """Run only the policy scheduler (for API processes started with GEHOORD_SCHEDULER=off)."""
    from adapters.scheduler import scheduler

    with running_service(load_settings(logs_to_stdout=True)) as service:
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
            if lies_in_the_future(moment, now):
                fail("--as-of lies in the future; a sweep judges what is known now")
        service.projections.catch_up()
        result = service.sweep.run(moment)
    typer.echo(f"checked {result.checked}, raised {result.raised}, cleared {result.cleared}")


@cli.command("demo")
def demo(
    force: Annotated[
        bool, typer.Option("--force", help="add the demo data to a store that holds cases")
    ] = False,
) -> None:
    """Load a realistic demo data set (Dutch names, every lifecycle path) and sweep once."""
    from adapters.demo import load_demo

    with running_service(load_settings()) as service:
        held = service.casework.recorder.max_notification_id() or 0
        if held and not force:
            fail(
                f"the store already holds cases ({held} events); "
                "`gehoord demo --force` adds the demo data to them anyway"
            )
        count = load_demo(service)
    typer.echo(f"loaded {count} demo complaints and signals")


@cli.command("report")
def report(
    year: Annotated[int | None, typer.Option(help="the calendar year; default this year")] = None,
    format: Annotated[str, typer.Option(help="json, csv, html or pdf")] = "json",
    lang: Annotated[str, typer.Option(help="nl (default) or en, for csv, html and pdf")] = "nl",
) -> None:
    """Print the publishable complaints analysis of one year (pdf: redirect to a file)."""
    from adapters.report_pdf import PdfUnavailable

    if format not in ("json", "csv", "html", "pdf"):
        fail(f"unknown format {format!r}; use json, csv, html or pdf")
    if lang not in ("nl", "en"):
        fail(f"unknown language {lang!r}; use nl or en")
    with running_service(load_settings()) as service:
        service.projections.catch_up()
        chosen = year or service.clock.now().year
        if not 1900 <= chosen <= 9999:
            fail(f"{chosen} is not a year to report on")
        analysis = service.reports.complaints_analysis(
            date(chosen, 1, 1), date(chosen, 12, 31), lang
        )
        try:
            content, _ = service.render_report(analysis, format)
        except PdfUnavailable as error:
            fail(str(error))
        service.access.looked(cli_accessor("report"), AccessAction.REPORT)
    sys.stdout.buffer.write(content if content.endswith(b"\n") else content + b"\n")
    sys.stdout.flush()


@cli.command("migrate")
def migrate_command() -> None:
    """Create or upgrade the schema; safe to run twice and concurrently."""
    with running_service(load_settings(), needs_schema=False) as service:
        migrate(service)
    typer.echo("schema is up to date")


def main() -> None:
    tune_garbage_collector()
    cli(prog_name="gehoord")


if __name__ == "__main__":
    main()
