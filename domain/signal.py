"""The Signal aggregate: dissatisfaction heard outside the formal route, acknowledged early."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.complaint import check_moment
from domain.errors import NotAllowed
from domain.flagging import Flagged
from domain.values import SignalStatus


class Signal(Flagged):
    """A signal of dissatisfaction: received, acknowledged, talked about, resolved or escalated."""

    @event("Received")
    def __init__(
        self,
        *,
        reference: str,
        at: datetime,
        actor: str,
        channel: str,
        dossier_ref: str,
        summary: str,
        complainant: dict[str, Any] | None,
        team: str,
        person_id: str,
        timestamp: datetime,
    ) -> None:
        self.reference = reference
        self.person_id = person_id
        self.received_at = at
        self.channel = channel
        self.dossier_ref = dossier_ref
        self.summary = summary
        self.complainant = complainant
        self.team = team
        self.status = SignalStatus.RECEIVED
        self.acknowledged_at: datetime | None = None
        self.conversations: list[dict[str, Any]] = []
        self.resolution: dict[str, Any] | None = None
        self.complaint_id: str | None = None
        self.escalated_at: datetime | None = None
        self.open_flags: dict[str, dict[str, Any]] = {}

    @classmethod
    def receive(
        cls,
        *,
        reference: str,
        at: datetime,
        actor: str,
        now: datetime,
        channel: str,
        dossier_ref: str,
        summary: str,
        person_id: UUID,
        complainant: dict[str, Any] | None = None,
        team: str = "unassigned",
    ) -> Signal:
        check_moment(at, now)
        return cls(
            reference=reference,
            at=at,
            actor=actor,
            channel=channel,
            dossier_ref=dossier_ref,
            summary=summary,
            complainant=complainant,
            team=team,
            person_id=str(person_id),
            timestamp=now,
        )

    @property
    def ended_at(self) -> datetime | None:
        if self.resolution is not None:
            ended: datetime = self.resolution["at"]
            return ended
        return self.escalated_at

    def _check_open(self, at: datetime, now: datetime) -> None:
        if self.status.is_final:
            detail = f" to complaint {self.complaint_id}" if self.complaint_id else ""
            raise NotAllowed(f"the signal is already {self.status}{detail}")
        check_moment(at, now, self.received_at)

    def acknowledge(self, *, at: datetime, actor: str, now: datetime) -> None:
        self._check_open(at, now)
        if self.acknowledged_at is not None:
            raise NotAllowed("the signal has already been acknowledged")
        self._acknowledge(at=at, actor=actor, timestamp=now)

    def hold_conversation(
        self, *, at: datetime, actor: str, now: datetime, participants: list[str], outcome: str
    ) -> None:
        self._check_open(at, now)
        self._hold_conversation(
            at=at, actor=actor, participants=list(participants), outcome=outcome, timestamp=now
        )

    def resolve(self, *, at: datetime, actor: str, now: datetime, outcome: str) -> None:
        self._check_open(at, now)
        self._resolve(at=at, actor=actor, outcome=outcome, timestamp=now)

    def escalate(self, *, complaint_id: UUID, at: datetime, actor: str, now: datetime) -> None:
        """Record that the signal became a complaint; the complaint names this signal."""
        self._check_open(at, now)
        self._escalate(at=at, actor=actor, complaint_id=str(complaint_id), timestamp=now)

    @event("Acknowledged")
    def _acknowledge(self, at: datetime, actor: str, timestamp: datetime) -> None:
        self.acknowledged_at = at
        if self.status == SignalStatus.RECEIVED:
            self.status = SignalStatus.ACKNOWLEDGED

    @event("ConversationHeld")
    def _hold_conversation(
        self, at: datetime, actor: str, participants: list[str], outcome: str, timestamp: datetime
    ) -> None:
        self.conversations.append({"at": at, "participants": participants, "outcome": outcome})
        self.status = SignalStatus.IN_CONVERSATION

    @event("Resolved")
    def _resolve(self, at: datetime, actor: str, outcome: str, timestamp: datetime) -> None:
        self.resolution = {"at": at, "outcome": outcome}
        self.status = SignalStatus.RESOLVED

    @event("EscalatedToComplaint")
    def _escalate(self, at: datetime, actor: str, complaint_id: str, timestamp: datetime) -> None:
        self.complaint_id = complaint_id
        self.escalated_at = at
        self.status = SignalStatus.ESCALATED
