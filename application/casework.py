"""The casework log: every case's events in one store, loaded whole, at a version or as known."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import InfrastructureFactory, Mapper

from application.errors import CaseNotFound, VersionMismatch
from application.personal_data import PersonalDataMapper, PersonalDataVault

A = TypeVar("A", bound=Aggregate)
VaultFactory = Callable[[InfrastructureFactory[Any]], PersonalDataVault]
"""Builds the vault on the store the application has just opened (the vault's keys live there)."""


class Casework(Application[UUID]):
    """Complaints, signals and STEM dossiers as event-sourced aggregates in one log."""

    name = "gehoord"

    def __init__(self, env: dict[str, str] | None = None, *, vault: VaultFactory) -> None:
        self._vault_factory = vault
        super().__init__(env)

    def construct_mapper(self) -> Mapper[UUID]:
        """The library's mapper, sealing personal data per person on the way in and out."""
        return PersonalDataMapper(super().construct_mapper(), self._vault_factory(self.factory))

    @property
    def vault(self) -> PersonalDataVault:
        """Where this log's personal data is sealed, per person."""
        assert isinstance(self.mapper, PersonalDataMapper)
        return self.mapper.vault

    def load(
        self,
        kind: type[A],
        case_id: UUID,
        *,
        version: int | None = None,
        as_of: datetime | None = None,
        expected_version: int | None = None,
    ) -> A:
        """The case of `kind`: now, at a version, or as known at `as_of` (events recorded by then).

        With `expected_version`, a case that has moved on raises VersionMismatch."""
        try:
            case = self.repository.get(case_id, version=version) if as_of is None else None
            if as_of is not None:
                case = self._replay(case_id, as_of)
        except AggregateNotFoundError:
            raise CaseNotFound(f"no case with id {case_id}") from None
        if not isinstance(case, kind):
            raise CaseNotFound(f"no {kind.__name__.lower()} with id {case_id}")
        if expected_version is not None and expected_version != case.version:
            raise VersionMismatch(f"the case is at version {case.version}, not {expected_version}")
        return case

    def events_of(self, kind: type[Aggregate], case_id: UUID) -> list[Any]:
        """Every event of the case, oldest first; CaseNotFound when it is not a case of `kind`."""
        events: list[Any] = list(self.events.get(case_id))
        if not events or type(events[0]).__qualname__ != f"{kind.__name__}.Received":
            raise CaseNotFound(f"no {kind.__name__.lower()} with id {case_id}")
        return events

    def _replay(self, case_id: UUID, as_of: datetime) -> Aggregate:
        """The case as the service knew it at `as_of`: only events recorded by then."""
        case: Aggregate | None = None
        event: Any
        for event in self.events.get(case_id):
            if event.timestamp <= as_of:
                case = event.mutate(case)
        if case is None:
            raise AggregateNotFoundError(case_id)
        return case
