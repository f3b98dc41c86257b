"""Which recorded fields are personal data, so they can be sealed per person and erased."""

from __future__ import annotations

from typing import Any

ERASED = "[erased]"

PERSONAL_FIELDS: dict[str, tuple[str, ...]] = {
    "Complaint.Received": ("complainant", "description"),
    "Complaint.ConversationHeld": ("participants",),
    "Complaint.MinutesSent": ("sent_to",),
    "Complaint.ApologyGiven": ("summary",),
    "Complaint.Suspended": ("reason",),
    "Complaint.Resumed": ("reason",),
    "Complaint.Withdrawn": ("reason",),
    "Complaint.Closed": ("reason",),
    "Complaint.Reopened": ("reason",),
    "Signal.Received": ("complainant", "summary"),
    "Signal.ConversationHeld": ("participants", "outcome"),
    "Signal.Resolved": ("outcome",),
    "StemDossier.ResponseRecorded": ("comment",),
}
"""Per event class (qualified name): the fields holding names, contact details or free text."""


def shape_of(value: Any) -> str:
    return "dict" if isinstance(value, dict) else "list" if isinstance(value, list) else "text"


def erased_like(shape: str) -> Any:
    """What a reader sees instead of erased personal data, in the shape the field had."""
    if shape == "dict":
        return {"name": ERASED, "email": ERASED, "phone": ERASED}
    if shape == "list":
        return [ERASED]
    return ERASED
