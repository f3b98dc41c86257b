"""`gehoord import`: an existing complaints register into the store, or an empty template."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer

from adapters.cli_support import fail, load_settings, running_service
from application.errors import RegisterUnreadable


def import_register(
    file: Annotated[Path | None, typer.Argument(help="the register, a .csv or .xlsx file")] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="check and count; write nothing")
    ] = False,
    template: Annotated[
        Path | None, typer.Option("--template", help="write an empty register (.csv or .xlsx)")
    ] = None,
) -> None:
    """Import an existing complaints register; a file with any bad row writes nothing (exit 2)."""
    from rich.console import Console

    from adapters import import_console
    from adapters.register_file import is_register, write_template
    from application.register_rows import RegisterRefused

    if (file is None) == (template is None):
        fail("name the register to import, or write an empty one with --template FILE")
    if template is not None:
        if not is_register(template.name):
            fail("the template is a .csv or .xlsx file")
        write_template(template)
        typer.echo(f"wrote the empty register {template}")
        return
    assert file is not None
    if not is_register(file.name):
        fail(f"{file} is not a register: use a .csv or .xlsx file")
    try:
        data = file.read_bytes()
    except OSError as error:
        fail(f"cannot read {file}: {error.strerror}")
    errors = Console(stderr=True)
    with running_service(load_settings()) as service:
        try:
            with import_console.progress_bar(errors) as progress:
                report = service.import_register(
                    file.name, data, by=_cli_actor(), dry_run=dry_run, progress=progress
                )
        except RegisterUnreadable as error:
            fail(str(error))
        except RegisterRefused as refused:
            errors.print(import_console.problems_table(refused.problems))
            fail(f"{file.name}: {refused}")
    if report.not_applied:
        errors.print(import_console.not_applied_table(report.not_applied))
    typer.echo(import_console.summary(report))


def _cli_actor() -> str:
    """Who imports from the command line: the operating-system user."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"
