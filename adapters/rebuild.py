"""Rebuilding read models from the log, with a rich progress bar showing events per second."""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from adapters.bootstrap import Service


def rebuild_with_progress(service: Service, names: list[str]) -> None:
    console = Console(stderr=True)
    head = service.casework.recorder.max_notification_id() or 0
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} events/s"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console) as progress:
        for name in names:
            task = progress.add_task(name, total=head, rate="-")
            started = time.perf_counter()

            done = service.projections.rebuild(name, _advance(progress, task, started))
            progress.update(task, completed=head)
            seconds = time.perf_counter() - started
            console.print(f"{name}: {done} events in {seconds:.2f} s")


def _advance(progress: Progress, task: TaskID, started: float) -> Callable[[str, int, int], None]:
    def advance(_: str, done: int, position: int) -> None:
        rate = done / max(time.perf_counter() - started, 1e-9)
        progress.update(task, completed=position, rate=f"{rate:,.0f}")

    return advance
