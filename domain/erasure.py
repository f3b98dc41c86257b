"""An erasure request, recorded as an event that names the pseudonymous person, never their data."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.domain import Aggregate


class Erasure(Aggregate):
    """Someone's personal data was erased by deleting their key: who asked, on what basis, when."""

    if TYPE_CHECKING:
        person_id: str
        basis: str

    class Recorded(Aggregate.Created):
        person_id: str
        basis: str
        at: datetime
        actor: str

        def apply(self, erasure: Erasure) -> None:
            erasure.person_id, erasure.basis = self.person_id, self.basis

    @classmethod
    def record(cls, *, person_id: UUID, basis: str, actor: str, now: datetime) -> Erasure:
        return cls._create(
            cls.Recorded,
            person_id=str(person_id),
            basis=basis,
            at=now,
            actor=actor,
            timestamp=now,
        )
