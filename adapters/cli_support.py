"""What every `gehoord` command shares: settings read once, the service opened, one-line errors."""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer
from pydantic import ValidationError
from pydantic_settings import SettingsError

from adapters.bootstrap import SchemaMissing, Service, build, check_schema
from adapters.logging import configure_logging
from adapters.settings import Settings
from application.access import Accessor


def fail(reason: str, code: int = 2) -> NoReturn:
    """One line on stderr and the exit code: 2 for usage or configuration, 1 for a failed check."""
    typer.echo(f"gehoord: {reason}", err=True)
    raise typer.Exit(code)


def load_settings(*, logs_to_stdout: bool = False, **overrides: object) -> Settings:
    """The settings, or one line and exit 2; logs go to stderr unless this process serves (the
    other commands print data on stdout)."""
    try:
        settings = Settings(**{k: v for k, v in overrides.items() if v is not None})  # type: ignore[arg-type]
    except ValidationError as error:
        first = error.errors()[0]
        name, *inner = [str(part) for part in first["loc"]] or ["settings"]
        where = f"GEHOORD_{name.upper()}" + "".join(f"[{part}]" for part in inner)
        fail(f"invalid configuration: {where}: {' '.join(str(first['msg']).split())}")
    except SettingsError as error:  # a value the settings source could not even parse
        fail(f"invalid configuration: {' '.join(str(error).split())}")
    configure_logging(settings.log_level, "stdout" if logs_to_stdout else "stderr")
    return settings


@contextmanager
def running_service(settings: Settings, needs_schema: bool = True) -> Iterator[Service]:
    try:
        service = build(settings)
    except ValueError as error:  # e.g. two policy versions with one name, a master key
        fail(f"invalid configuration: {' '.join(str(error).split())}")
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


def cli_accessor(command: str) -> Accessor:
    """The person at the command line, for the access log: their operating-system account."""
    return Accessor(
        user=getpass.getuser(), role="cli", access_point=f"gehoord {command}", address="local"
    )
