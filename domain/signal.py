"""The Signal aggregate: dissatisfaction heard outside the formal route, acknowledged early."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.case_event import CaseEvent
from domain.errors import NotAllowed
from domain.moments import check_moment
from domain.policy import PolicyBook
from domain.records import Contact
from domain.retention import Retained
from domain.values import SignalStatus


@dataclass(frozen=True)
class SignalConversation:
    at: datetime
    participants: tuple[str, ...]
    outcome: str


@dataclass(frozen=True)
class Resolution:
    at: datetime
    outcome: str


class Signal(Retained):
    """A signal of dissatisfaction: received, acknowledged, talked about, resolved or escalated."""

    if TYPE_CHECKING:  # set by Received and the events after it
        reference: str
        person_id: str
        received_at: datetime
        policy_version: str | None
        channel: str
        dossier_ref: str
        summary: str
        complainant: Contact | None
        team: str
        status: SignalStatus
        acknowledged_at: datetime | None
        conversations: list[SignalConversation]
        resolution: Resolution | None
        complaint_id: str | None
        escalated_at: datetime | None

    class Received(Aggregate.Created):
        """Version 2 records the policy version the signal's clocks started under."""

        class_version = 2
        at: datetime
        actor: str
        reference: str
        channel: str
        dossier_ref: str
        summary: str
        complainant: dict[str, Any] | None
        team: str
        person_id: str
        policy_version: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["policy_version"] = None  # judged by the version in force at receipt

        def apply(self, s: Signal) -> None:
            s.reference, s.person_id, s.received_at = self.reference, self.person_id, self.at
            s.policy_version = self.policy_version
            s.channel, s.dossier_ref, s.summary = self.channel, self.dossier_ref, self.summary
            s.complainant = Contact.from_record(self.complainant) if self.complainant else None
            s.team, s.status = self.team, SignalStatus.RECEIVED
            s.acknowledged_at = s.resolution = s.complaint_id = s.escalated_at = None
            s.conversations, s.open_flags = [], {}

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
        book: PolicyBook,
        complainant: dict[str, Any] | None = None,
        team: str = "unassigned",
    ) -> Signal:
        """Both clocks start at receipt, under the version in force then, recorded here."""
        check_moment(at, now, field="received_at")
        return cls._create(
            cls.Received,
            reference=reference,
            at=at,
            actor=actor,
            channel=channel,
            dossier_ref=dossier_ref,
            summary=summary,
            complainant=complainant,
            team=team,
            person_id=str(person_id),
            policy_version=book.in_force_at(at).version,
            timestamp=now,
        )

    @property
    def ended_at(self) -> datetime | None:
        return self.resolution.at if self.resolution is not None else self.escalated_at

    def _check_open(self, at: datetime, now: datetime) -> None:
        if self.status.is_final:
            detail = f" to complaint {self.complaint_id}" if self.complaint_id else ""
            raise NotAllowed(f"the signal is already {self.status}{detail}")
        check_moment(at, now, self.received_at)

    def acknowledge(self, *, at: datetime, actor: str, now: datetime) -> None:
        self._check_open(at, now)
        if self.acknowledged_at is not None:
            raise NotAllowed("the signal has already been acknowledged")
        self.trigger_event(self.Acknowledged, at=at, actor=actor, timestamp=now)

    def hold_conversation(
        self, *, at: datetime, actor: str, now: datetime, participants: list[str], outcome: str
    ) -> None:
        self._check_open(at, now)
        self.trigger_event(
            self.ConversationHeld,
            at=at,
            actor=actor,
            participants=list(participants),
            outcome=outcome,
            timestamp=now,
        )

    def resolve(self, *, at: datetime, actor: str, now: datetime, outcome: str) -> None:
        self._check_open(at, now)
        self.trigger_event(self.Resolved, at=at, actor=actor, outcome=outcome, timestamp=now)

    def check_escalation(self, at: datetime, now: datetime) -> None:
        """Refuse escalating a signal that is closed, or at a moment it cannot have happened."""
        self._check_open(at, now)

    def escalate(self, *, complaint_id: UUID, at: datetime, actor: str, now: datetime) -> None:
        """Record that the signal became a complaint; the complaint names this signal."""
        self.check_escalation(at, now)
        self.trigger_event(
            self.EscalatedToComplaint,
            at=at,
            actor=actor,
            complaint_id=str(complaint_id),
            timestamp=now,
        )

    class Acknowledged(CaseEvent):
        def apply(self, s: Signal) -> None:
            s.acknowledged_at = self.at
            if s.status == SignalStatus.RECEIVED:
                s.status = SignalStatus.ACKNOWLEDGED

    class ConversationHeld(CaseEvent):
        participants: list[str]
        outcome: str

        def apply(self, s: Signal) -> None:
            conversation = SignalConversation(self.at, tuple(self.participants), self.outcome)
            s.conversations.append(conversation)
            s.status = SignalStatus.IN_CONVERSATION

    class Resolved(CaseEvent):
        outcome: str

        def apply(self, s: Signal) -> None:
            s.resolution, s.status = Resolution(self.at, self.outcome), SignalStatus.RESOLVED

    class EscalatedToComplaint(CaseEvent):
        complaint_id: str

        def apply(self, s: Signal) -> None:
            s.complaint_id, s.escalated_at = self.complaint_id, self.at
            s.status = SignalStatus.ESCALATED
