"""Examples for every request body and success answer, from api/openapi/examples.json."""

from __future__ import annotations

from typing import Any


def add_examples(document: dict[str, Any]) -> None:
    return None
