"""Structured logs: JSON lines on stdout, with request_id, actor and case_id bound per request.

Log calls pass identifiers and counts only; request bodies and case fields are never logged.
"""

from __future__ import annotations

import logging
import sys
from typing import Literal

import structlog


class _Current:
    """The process's stdout or stderr as it is when a line is written (a test runner may swap
    and close the one that was there when logging was configured)."""

    def __init__(self, name: Literal["stdout", "stderr"]) -> None:
        self._name = name

    def write(self, text: str) -> int:
        return int(getattr(sys, self._name).write(text))

    def flush(self) -> None:
        getattr(sys, self._name).flush()


def configure_logging(level: str = "info", stream: Literal["stdout", "stderr"] = "stdout") -> None:
    """JSON lines on stdout for the server; on stderr for commands whose stdout is data."""
    numeric = logging.getLevelName(level.upper())
    target = _Current(stream)
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(numeric),
        logger_factory=structlog.PrintLoggerFactory(target),  # type: ignore[arg-type]
        cache_logger_on_first_use=False,
    )
    # Libraries log through the standard library; keep their lines off unless they warn.
    handler = logging.StreamHandler(target)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)
