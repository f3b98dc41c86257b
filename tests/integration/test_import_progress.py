"""`gehoord import` shows its progress for a large register only, on the terminal it writes to."""

from __future__ import annotations

import io

from rich.console import Console

from adapters.import_console import LARGE, progress_bar


def terminal() -> tuple[Console, io.StringIO]:
    screen = io.StringIO()
    return Console(file=screen, force_terminal=True, width=100), screen


def test_a_large_register_shows_each_phase_with_its_rows_done() -> None:
    console, screen = terminal()
    with progress_bar(console) as advance:
        for done in (0, LARGE // 2, LARGE):
            advance("checking", done, LARGE)
        advance("writing", LARGE, LARGE)
    drawn = screen.getvalue()
    assert "checking" in drawn and "writing" in drawn
    assert f"{LARGE}/{LARGE}" in drawn and "rows" in drawn


def test_a_small_register_leaves_no_trace() -> None:
    console, screen = terminal()
    with progress_bar(console) as advance:
        advance("checking", 10, LARGE - 1)
        advance("writing", LARGE - 1, LARGE - 1)
    assert screen.getvalue() == ""
