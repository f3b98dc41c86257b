"""Puts an example on every request body and success answer, from api/openapi/examples.json
(requests written by hand as one storyline; answers recorded from it by the test that keeps
them true: `GEHOORD_RECORD_EXAMPLES=1 pytest tests/integration/test_openapi_examples.py`).

Per operation: `request` (a JSON body, or a multipart form's fields), `response` (the usual
success answer), `also` (other success statuses' answers) and `media` (a text answer's example
per media type, e.g. the analysis as CSV). A PDF answer has none: it is binary."""

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
            for body in operation.get("requestBody", {}).get("content", {}).values():
                if "request" in example:
                    body["example"] = example["request"]
            usual, answer = success(operation)
            if "schema" in answer and "response" in example:
                answer["example"] = example["response"]
            for code, also in example.get("also", {}).items():
                other = operation["responses"][code]["content"]["application/json"]
                other["example"] = also
            content = operation["responses"][usual].get("content", {})
            for media, text in example.get("media", {}).items():
                content[media]["example"] = text
