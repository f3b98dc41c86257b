"""Which recorded fields are personal data, so they can be sealed per case and erased.

Every free-text field of a case can hold a name, so every one is the person's personal data. A
path `agreements[].description` names a field inside each item of a list; the rest of the item
(numbers, dates, owner teams) stays readable, so clocks still run after an erasure."""

from __future__ import annotations

from typing import Any

ERASED = "[erased]"

PERSONAL_FIELDS: dict[str, tuple[str, ...]] = {
    "Complaint.Received": ("complainant", "description", "subject", "dossier_ref", "external_ref"),
    "Complaint.ConversationHeld": ("participants", "agreements[].description"),
    "Complaint.MinutesSent": ("sent_to",),
    "Complaint.ApologyGiven": ("summary",),
    "Complaint.MeasuresCommunicated": ("measures[].description",),
    "Complaint.MeasureDone": ("evidence",),
    "Complaint.Suspended": ("reason",),
    "Complaint.Resumed": ("reason",),
    "Complaint.DeadlineExtended": ("reason",),
    "Complaint.Withdrawn": ("reason",),
    "Complaint.Closed": ("reason",),
    "Complaint.Reopened": ("reason",),
    "Complaint.LegalHoldPlaced": ("reason",),
    "Signal.Received": ("complainant", "summary", "dossier_ref"),
    "Signal.ConversationHeld": ("participants", "outcome"),
    "Signal.Resolved": ("outcome",),
    "Signal.LegalHoldPlaced": ("reason",),
    "StemDossier.Opened": ("dossier_ref",),
    "StemDossier.ResponseRecorded": ("comment",),
}
"""Per event class (qualified name): the fields holding names, contact details or free text.
Not here: a measure's public summary (written for publication and approved by a second manager),
staff names, teams, dates, verdicts, themes and everything a clock or a report counts."""


def shape_of(value: Any) -> str:
    return "dict" if isinstance(value, dict) else "list" if isinstance(value, list) else "text"


def erased_like(shape: str) -> Any:
    """What a reader sees instead of erased personal data, in the shape the field had."""
    if shape == "dict":
        return {"name": ERASED, "email": ERASED, "phone": ERASED}
    if shape == "list":
        return [ERASED]
    return ERASED


def replace_personal(state: dict[str, Any], path: str, change: Any) -> None:
    """Apply `change(value) -> value` to the field `path` names in an event's state (in place);
    a `[]` step applies it to that field in every item of the list."""
    head, _, rest = path.partition("[].")
    if not rest:
        if state.get(head) is not None:
            state[head] = change(state[head])
        return
    items = state.get(head)
    if isinstance(items, list):
        state[head] = [dict(item) for item in items]
        for item in state[head]:
            replace_personal(item, rest, change)
