"""`gehoord import` on a terminal: a progress bar while rows are checked and written, and the
refused rows (or rows not applied) as a table on stderr."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from application.register_import import ImportReport, NotApplied
from application.register_rows import RowProblem

LARGE = 1_000
"""From this many rows a file shows its progress."""


@contextmanager
def progress_bar(console: Console) -> Iterator[Callable[[str, int, int], None]]:
    """A callback for RegisterImports' progress; it draws only for a large file (and starts
    only then, so a small one leaves no trace on the console)."""
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("rows"),
        TimeElapsedColumn(),
    )
    progress = Progress(*columns, console=console, transient=True)
    tasks: dict[str, TaskID] = {}

    def advance(phase: str, done: int, total: int) -> None:
        if total < LARGE:
            return
        if not tasks:
            progress.start()
        if phase not in tasks:
            tasks[phase] = progress.add_task(phase, total=total)
        progress.update(tasks[phase], completed=done)

    try:
        yield advance
    finally:
        if tasks:
            progress.stop()


def problems_table(problems: list[RowProblem]) -> Table:
    table = Table(title="Rows refused: nothing was imported", title_justify="left")
    table.add_column("row", justify="right")
    table.add_column("column")
    table.add_column("message")
    for problem in problems:
        table.add_row(str(problem.row), problem.column or "-", problem.message)
    return table


def not_applied_table(rows: list[NotApplied]) -> Table:
    title = "Imported before with other values: not applied (change these cases by command)"
    table = Table(title=title, title_justify="left")
    table.add_column("row", justify="right")
    table.add_column("external_ref")
    table.add_column("case id")
    for row in rows:
        table.add_row(str(row.row), row.external_ref, str(row.case_id))
    return table


def summary(report: ImportReport) -> str:
    verb = "would import" if report.dry_run else "imported"
    line = (
        f"{report.file_name} (sha256 {report.sha256[:12]}…): {report.rows} rows, "
        f"{verb} {report.imported}, already present {report.already_present}, "
        f"changed and not applied {len(report.not_applied)}"
    )
    if report.dry_run:
        return line + " (dry run: nothing written)"
    if not report.imported:
        return line + " (nothing new: nothing written)"
    return line
