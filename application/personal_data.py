"""Personal data sealed per case inside stored events; deleting a case's key erases its data.

The mapper seals the fields `domain.personal_data` names before an event is stored and opens
them when it is read. A field whose key is gone reads as "[erased]", in its shape; the stored
bytes never change, so the audit chain still verifies after an erasure. Erasing a person deletes
the keys of all their cases; retention deletes the key of one case.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any, Protocol
from uuid import UUID

from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import Mapper, StoredEvent

from domain.personal_data import PERSONAL_FIELDS, erased_like, replace_personal, shape_of

SEALED = "_sealed_"


def is_sealed(value: Any) -> bool:
    return isinstance(value, dict) and SEALED in value


class PersonalDataVault(Protocol):
    """Keeps one data key per case, wrapped by the master key; forgets it on erasure."""

    def seal(self, case_id: UUID, value: Any) -> dict[str, Any]: ...

    def open(self, sealed: dict[str, Any]) -> Any:
        """The value, or raises KeyError when its key was erased."""
        ...

    def readable(self, case_id: UUID) -> bool:
        """Whether the case's data can still be read (its keys were not erased)."""
        ...

    def link_case(self, case_id: UUID, person_id: UUID) -> None: ...

    def person_of_case(self, case_id: UUID) -> UUID | None: ...

    def persons_of_cases(self, case_ids: Sequence[UUID]) -> dict[UUID, UUID]:
        """The person of each case that has one, in one look-up."""
        ...

    def cases_of_person(self, person_id: UUID) -> list[UUID]: ...

    def person_for_email(self, email: str) -> UUID: ...

    def find_person_by_email(self, email: str) -> UUID | None: ...

    def erase(self, person_id: UUID) -> bool:
        """Delete the keys of all the person's cases and their e-mail index; False if nothing
        was left to erase."""
        ...

    def shred(self, case_id: UUID) -> bool:
        """Delete one case's key (retention); False if it was already gone."""
        ...


class PersonalDataMapper(Mapper[UUID]):
    """The library's mapper with the personal fields of each event sealed for their case."""

    def __init__(self, inner: Mapper[UUID], vault: PersonalDataVault) -> None:
        super().__init__(inner.transcoder, inner.compressor, inner.cipher)
        self.vault = vault

    def to_stored_event(self, domain_event: DomainEventProtocol[UUID]) -> StoredEvent:
        paths = PERSONAL_FIELDS.get(type(domain_event).__qualname__)
        state = dict(vars(domain_event))
        case_id: UUID = state["originator_id"]
        if "person_id" in state:  # a case's first event says whose data it holds
            self.vault.link_case(case_id, UUID(state["person_id"]))
        if not paths:
            return super().to_stored_event(domain_event)
        for path in paths:
            replace_personal(state, path, lambda value: self.vault.seal(case_id, value))
        sealed = object.__new__(type(domain_event))
        object.__setattr__(sealed, "__dict__", state)
        return super().to_stored_event(sealed)

    def to_domain_event(self, stored_event: StoredEvent) -> DomainEventProtocol[UUID]:
        event = super().to_domain_event(stored_event)
        paths = PERSONAL_FIELDS.get(type(event).__qualname__, ())
        state = vars(event)
        readable: list[bool] = []

        def opened(value: Any) -> Any:
            if is_sealed(value):
                try:
                    return self.vault.open(value)
                except KeyError:
                    return erased_like(value.get("shape", "text"))
            if not readable:  # stored plain, before every free text was sealed
                readable.append(self.vault.readable(event.originator_id))
            return value if readable[0] else erased_like(shape_of(value))

        for path in paths:
            replace_personal(state, path, opened)
        return event


def stored_text(value: Any) -> str:
    """A personal text field as a read model keeps it: its sealed envelope, never the text."""
    return json.dumps(value, sort_keys=True) if is_sealed(value) else str(value)


def open_stored_text(vault: PersonalDataVault) -> Callable[[str], str]:
    """Opens what `stored_text` kept: the text, or "[erased]" once its key is gone."""

    def opened(text: str) -> str:
        if not text.startswith("{"):
            return text
        sealed = json.loads(text)
        if not is_sealed(sealed):
            return text
        try:
            return str(vault.open(sealed))
        except KeyError:
            return str(erased_like("text"))

    return opened
