"""What a case remembers of each step, as typed values: conversations, agreements, rulings, ..."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from domain.values import ClockName, Outcome, Verdict


@dataclass(frozen=True)
class Contact:
    """How to reach the person a case is about; every part is their personal data."""

    name: str
    email: str | None = None
    phone: str | None = None

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Contact:
        return cls(record.get("name", ""), record.get("email"), record.get("phone"))

    def as_record(self) -> dict[str, str]:
        """The stored shape: only the parts that were given."""
        parts = {"name": self.name, "email": self.email, "phone": self.phone}
        return {key: value for key, value in parts.items() if value is not None}


@dataclass(frozen=True)
class Agreement:
    """Something promised in a conversation, numbered from 1 over the whole complaint."""

    number: int
    description: str
    due: date
    conversation: int
    agreed_at: datetime
    done_at: datetime | None = None


@dataclass(frozen=True)
class Conversation:
    """A complaint conversation; its minutes and agreement clocks start when it is held."""

    at: datetime
    participants: tuple[str, ...]
    outcome: Outcome
    policy_version: str | None


@dataclass(frozen=True)
class Minutes:
    at: datetime
    sent_to: str


@dataclass(frozen=True)
class Ruling:
    """The committee's ruling; an upheld one starts the clock for an answer."""

    at: datetime
    verdict: Verdict
    policy_version: str | None


@dataclass(frozen=True)
class Apology:
    at: datetime
    summary: str


@dataclass(frozen=True)
class MeasurePlan:
    """A measure as it is communicated: what will change, which team owns it, by when."""

    description: str
    owner_team: str | None = None
    due: date | None = None


@dataclass(frozen=True)
class Measure:
    """What the organisation said it would change after a ruling, followed until it is done.

    Numbered from 1 over the whole complaint, in the order communicated. Its public summary is
    written by one manager and approved by another before any report may show it."""

    number: int
    description: str
    owner_team: str | None
    due: date | None
    communicated_at: datetime
    policy_version: str | None
    done_at: datetime | None = None
    evidence: str | None = None
    summary: str | None = None
    summary_by: str | None = None
    summary_approved_by: str | None = None

    @property
    def publishable_summary(self) -> str | None:
        return self.summary if self.summary_approved_by else None


@dataclass(frozen=True)
class Extension:
    at: datetime
    clock: ClockName
    weeks: int
    reason: str


@dataclass(frozen=True)
class Suspension:
    """A closed period in which the decision clock did not run."""

    start: datetime
    end: datetime


@dataclass(frozen=True)
class OpenFlag:
    """A flag a policy raised on the case and that no command or sweep has cleared yet."""

    key: str
    policy: str
    severity: str
    due_at: datetime
    raised_at: datetime
    policy_version: str
    explanation: str
    explained: dict[str, Any] | None = None  # the explanation as phrase data (domain.wording)
