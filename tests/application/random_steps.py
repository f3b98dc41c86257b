"""Random domain commands wrapped as use cases, for property and rebuild tests."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from application.complaint_use_cases import ChangeComplaint
from application.signal_use_cases import ChangeSignal
from application.use_case import Context
from domain.complaint import Complaint
from domain.errors import DomainError
from domain.signal import Signal
from tests.unit.case_steps import apply


@dataclass(frozen=True)
class RandomComplaintStep(ChangeComplaint):
    """One of the complaint's commands by name; a command the rules refuse records nothing."""

    case_id: UUID
    command: str
    at: datetime

    def decide(self, complaint: Complaint, context: Context) -> None:
        apply(complaint, self.command, self.at)


@dataclass(frozen=True)
class RandomSignalStep(ChangeSignal):
    """Acknowledge or resolve a signal; a command the rules refuse records nothing."""

    case_id: UUID
    command: str
    at: datetime

    def decide(self, signal: Signal, context: Context) -> None:
        actor, now = context.actor, context.now
        with contextlib.suppress(DomainError):
            if self.command in ("acknowledge", "conversation"):
                signal.acknowledge(at=self.at, actor=actor, now=now)
            else:
                signal.resolve(at=self.at, actor=actor, now=now, outcome="Klaar")
