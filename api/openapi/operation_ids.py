"""Stable camelCase operationIds, made from each endpoint's name (`acknowledge_complaint`)."""

from __future__ import annotations

import re

from fastapi.routing import APIRoute


def operation_id(route: APIRoute) -> str:
    """`acknowledge_complaint` and `AcknowledgeComplaint` both become `acknowledgeComplaint`."""
    words = [w for w in re.split(r"_|(?<=[a-z0-9])(?=[A-Z])", route.name) if w]
    return words[0].lower() + "".join(w[:1].upper() + w[1:].lower() for w in words[1:])
