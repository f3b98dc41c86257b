"""Structured logs: JSON lines on stdout, with request_id, actor and case_id bound per request.

Log calls pass identifiers and counts only; request bodies and case fields are never logged.
"""

from __future__ import annotations

import logging
import sys

import structlog


def configure_logging(level: str = "info") -> None:
    numeric = logging.getLevelName(level.upper())
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(numeric),
        logger_factory=structlog.PrintLoggerFactory(sys.stdout),
        cache_logger_on_first_use=False,
    )
    # Libraries log through the standard library; keep their lines off unless they warn.
    logging.basicConfig(level=logging.WARNING, stream=sys.stdout, format="%(message)s")
