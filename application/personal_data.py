"""Personal data sealed per person inside stored events; erasing a person's key erases their data.

The mapper seals the fields `domain.personal_data` names before an event is stored and opens
them when it is read. A field whose person's key is gone reads as "[erased]", in its shape; the
stored bytes never change, so the audit chain still verifies after an erasure.
"""

from __future__ import annotations

from typing import Any, Protocol
from uuid import UUID

from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import Mapper, StoredEvent

from domain.personal_data import PERSONAL_FIELDS, erased_like

SEALED = "_sealed_"


class PersonalDataVault(Protocol):
    """Keeps one data key per person, wrapped by the master key; forgets it on erasure."""

    def seal(self, person_id: UUID, value: Any) -> dict[str, Any]: ...

    def open(self, sealed: dict[str, Any]) -> Any:
        """The value, or raises KeyError when the person's key was erased."""
        ...

    def link_case(self, case_id: UUID, person_id: UUID) -> None: ...

    def person_of_case(self, case_id: UUID) -> UUID | None: ...

    def person_for_email(self, email: str) -> UUID: ...

    def find_person_by_email(self, email: str) -> UUID | None: ...

    def erase(self, person_id: UUID) -> bool:
        """Delete the person's key and e-mail index; False if nothing was left to erase."""
        ...


class PersonalDataMapper(Mapper[UUID]):
    """The library's mapper with the personal fields of each event sealed for their person."""

    def __init__(self, inner: Mapper[UUID], vault: PersonalDataVault) -> None:
        super().__init__(inner.transcoder, inner.compressor, inner.cipher)
        self.vault = vault

    def to_stored_event(self, domain_event: DomainEventProtocol[UUID]) -> StoredEvent:
        fields = PERSONAL_FIELDS.get(type(domain_event).__qualname__)
        state = dict(vars(domain_event))
        if "person_id" in state:  # a case's first event says whose data it holds
            self.vault.link_case(state["originator_id"], UUID(state["person_id"]))
        if not fields:
            return super().to_stored_event(domain_event)
        person = self._person(state)
        for name in fields:
            if state.get(name) is not None:
                state[name] = self.vault.seal(person, state[name])
        sealed = object.__new__(type(domain_event))
        object.__setattr__(sealed, "__dict__", state)
        return super().to_stored_event(sealed)

    def _person(self, state: dict[str, Any]) -> UUID:
        case_id: UUID = state["originator_id"]
        if "person_id" in state:
            return UUID(state["person_id"])
        found = self.vault.person_of_case(case_id)
        if found is None:
            raise LookupError(f"no person is linked to case {case_id}")
        return found

    def to_domain_event(self, stored_event: StoredEvent) -> DomainEventProtocol[UUID]:
        event = super().to_domain_event(stored_event)
        state = vars(event)
        for name in PERSONAL_FIELDS.get(type(event).__qualname__, ()):
            value = state.get(name)
            if isinstance(value, dict) and SEALED in value:
                try:
                    state[name] = self.vault.open(value)
                except KeyError:
                    state[name] = erased_like(value.get("shape", "text"))
        return event
