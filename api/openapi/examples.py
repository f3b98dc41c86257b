"""Puts an example on every request body and success answer, from api/openapi/examples.json
(requests written by hand as one storyline; answers recorded from it by the test that keeps
them true: `GEHOORD_RECORD_EXAMPLES=1 pytest tests/integration/test_openapi_examples.py`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).with_name("examples.json")
PREFERRED = ["201", "200", "202", "204"]


def load() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = json.loads(EXAMPLES.read_text(encoding="utf-8"))
    return found


def success(operation: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The answer a request normally gets (a creation's 201 before a "nothing new" 200), and
    its JSON content."""
    code = min((c for c in operation["responses"] if c.startswith("2")), key=PREFERRED.index)
    content = operation["responses"][code].setdefault("content", {})
    return code, content.get("application/json", {})


def add_examples(document: dict[str, Any]) -> None:
    examples = load()
    for ops in document["paths"].values():
        for operation in ops.values():
            example = examples.get(operation["operationId"], {})
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body is not None and "request" in example:
                body["example"] = example["request"]
            _, answer = success(operation)
            if "schema" in answer and "response" in example:
                answer["example"] = example["response"]
