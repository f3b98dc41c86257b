"""An erasure request, recorded as an event that names the pseudonymous person, never their data."""

from __future__ import annotations

from datetime import datetime

from eventsourcing.domain import Aggregate, event


class Erasure(Aggregate):
    """Someone's personal data was erased by deleting their key: who asked, on what basis, when."""

    @event("Recorded")
    def __init__(
        self, person_id: str, basis: str, at: datetime, actor: str, timestamp: datetime
    ) -> None:
        self.person_id = person_id
        self.basis = basis
