"""Builders for complaints in unit tests: one received complaint and the moments around it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID

from domain.complaint import Complaint
from domain.policy import DEFAULT_POLICY_BOOK

PERSON = UUID(int=1)

RECEIVED = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


def day(n: int) -> datetime:
    """A moment n days after receipt."""
    return RECEIVED + timedelta(days=n)


def received(now: datetime = NOW) -> Complaint:
    return Complaint.receive(
        person_id=PERSON,
        book=DEFAULT_POLICY_BOOK,
        reference="K-2026-00001",
        at=RECEIVED,
        actor="intake:ilse",
        now=now,
        channel="email",
        complainant={"name": "Fatima de Vries", "email": "f.devries@example.nl"},
        dossier_ref="D-2026-0142",
        subject="Afspraken niet nagekomen",
        description="De gezinsvoogd kwam niet.",
        team="Team Noord",
    )
