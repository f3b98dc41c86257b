"""Every text a person can type into a case is sealed, or named here as not personal and why."""

from __future__ import annotations

import typing

from eventsourcing.domain import DomainEvent

from domain.complaint import Complaint
from domain.personal_data import PERSONAL_FIELDS
from domain.signal import Signal
from domain.stem import StemDossier

NOT_PERSONAL = {
    # codes the service chooses or checks against a fixed list
    "reference", "channel", "team", "outcome", "clock", "key", "policy", "severity",
    "previous_severity", "policy_version", "verdict", "status", "themes", "originator_topic",
    # ids of other records
    "person_id", "signal_id", "complaint_id", "destruction_list",
    # staff data, not the client's (docs/PRIVACY.md)
    "actor", "mediator",
    # composed by the service from dates and rules, never from a typed text
    "explanation", "explained",
    # a measure's public summary: written for publication, approved by a second manager
    "text",
}  # fmt: skip


def holds_text(hint: object) -> bool:
    """str, or a list or dict whose items or values can be text (Any included)."""
    if hint is str or hint is typing.Any:
        return True
    if typing.get_origin(hint) is typing.ClassVar:  # the library's, not recorded
        return False
    args = typing.get_args(hint)
    if typing.get_origin(hint) is dict:
        args = args[1:]
    return any(holds_text(arg) for arg in args)


def text_fields(event: type) -> set[str]:
    return {name for name, hint in typing.get_type_hints(event).items() if holds_text(hint)}


def recorded_events() -> dict[str, type]:
    """Each event class a case records, by the name its stored events carry."""
    events = {}
    for aggregate in (Complaint, Signal, StemDossier):
        for name in dir(aggregate):
            event = getattr(aggregate, name)
            if isinstance(event, type) and issubclass(event, DomainEvent) and name != "Snapshot":
                events[f"{aggregate.__name__}.{name}"] = event
    return events


def test_every_typed_text_of_a_case_is_sealed_or_named_as_not_personal() -> None:
    unaccounted = {}
    for name, event in recorded_events().items():
        sealed = {path.partition("[].")[0] for path in PERSONAL_FIELDS.get(name, ())}
        left = text_fields(event) - sealed - NOT_PERSONAL
        if left:
            unaccounted[name] = sorted(left)
    assert unaccounted == {}
