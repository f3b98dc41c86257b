"""Process-wide settings every gehoord process starts with: the garbage collector's pace."""

from __future__ import annotations

import gc

YOUNG_ALLOCATIONS = 50_000
"""Python's default (700) runs a young collection every few hundred objects; replaying or
judging thousands of events allocates millions of short-lived ones, and a collection that
often was a fifth of a rebuild's time. Measured in docs/PERFORMANCE.md."""


def tune_garbage_collector() -> None:
    """Collect less often, and leave what was loaded at start-up out of every collection."""
    gc.set_threshold(YOUNG_ALLOCATIONS, 20, 100)
    gc.freeze()
