"""Signal use cases: intake from any channel, the mediator's steps, escalation, STEM answers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from application.complaint_use_cases import RegisterComplaint
from application.errors import CaseNotFound
from application.use_case import CaseAnswer, Command, Context
from domain.records import Contact
from domain.signal import Signal
from domain.stem import StemDossier, stem_trigger
from domain.values import Channel, SignalChannel

STEM_ACTOR = "policy:stem_trigger"


@dataclass(frozen=True)
class RegisterSignal(CaseAnswer):
    received_at: datetime
    channel: SignalChannel
    dossier_ref: str
    summary: str
    complainant: Contact | None = None
    team: str = "unassigned"

    creates = True

    def execute(self, context: Context) -> Sequence[Aggregate]:
        return [self.receive(context)]

    def receive(self, context: Context, person_id: UUID | None = None) -> Signal:
        """The received signal, numbered, not yet saved (a STEM answer saves it with more, and
        names the dossier's person: erasing the dossier erases the signals it opened)."""
        return Signal.receive(
            reference=context.reference("S", self.received_at),
            at=self.received_at,
            actor=context.actor,
            now=context.now,
            channel=str(self.channel),
            dossier_ref=self.dossier_ref,
            summary=self.summary,
            complainant=self.complainant.as_record() if self.complainant else None,
            team=self.team,
            person_id=person_id or context.person_for(self.complainant),
            book=context.judge.book,
        )


class ChangeSignal(CaseAnswer):
    """A command on one registered signal: load it, run one of its domain commands."""

    case_id: UUID

    def execute(self, context: Context) -> Sequence[Aggregate]:
        signal = context.load(Signal, self.case_id)
        self.decide(signal, context)
        return [signal]

    def decide(self, signal: Signal, context: Context) -> None:
        raise NotImplementedError


@dataclass(frozen=True)
class AcknowledgeSignal(ChangeSignal):
    """ "We hear you": the client is told their dissatisfaction was heard."""

    case_id: UUID
    at: datetime

    def decide(self, signal: Signal, context: Context) -> None:
        signal.acknowledge(at=self.at, actor=context.actor, now=context.now)


@dataclass(frozen=True)
class HoldSignalConversation(ChangeSignal):
    case_id: UUID
    at: datetime
    participants: tuple[str, ...]
    outcome: str

    def decide(self, signal: Signal, context: Context) -> None:
        signal.hold_conversation(
            at=self.at,
            actor=context.actor,
            now=context.now,
            participants=list(self.participants),
            outcome=self.outcome,
        )


@dataclass(frozen=True)
class ResolveSignal(ChangeSignal):
    case_id: UUID
    at: datetime
    outcome: str

    def decide(self, signal: Signal, context: Context) -> None:
        signal.resolve(at=self.at, actor=context.actor, now=context.now, outcome=self.outcome)


@dataclass(frozen=True)
class EscalateSignal(CaseAnswer):
    """The signal becomes a complaint received at `at`; both name each other, saved at once."""

    case_id: UUID
    at: datetime

    creates = True

    def execute(self, context: Context) -> Sequence[Aggregate]:
        signal = context.load(Signal, self.case_id)
        signal.check_escalation(self.at, context.now)
        registration = RegisterComplaint(
            received_at=self.at,
            channel=Channel.SIGNAL,
            complainant=signal.complainant or Contact("(not given)"),
            dossier_ref=signal.dossier_ref,
            subject=f"Escalated signal {signal.reference}",
            description=signal.summary,
            team=signal.team,
        )
        complaint = registration.receive(
            context, person_id=UUID(signal.person_id), signal_id=signal.id
        )
        signal.escalate(complaint_id=complaint.id, at=self.at, actor=context.actor, now=context.now)
        return [complaint, signal]


@dataclass(frozen=True)
class StemAnswerView:
    """What the service answers about a recorded STEM response."""

    dossier_ref: str
    answered_at: datetime
    scores: dict[str, int]
    signal_id: UUID | None
    response_number: int


@dataclass(frozen=True)
class RecordStemResponse(Command[StemAnswerView]):
    """Store the answer on its dossier; a low score or a sharp drop opens a signal, same save."""

    dossier_ref: str
    answered_at: datetime
    collaboration: int
    heard: int
    agreements_clear: int
    comment: str | None = None

    def execute(self, context: Context) -> Sequence[Aggregate]:
        scores = self.scores()
        dossier = self._dossier(context)
        reason = stem_trigger(scores, dossier.last_scores, context.stem_rule)
        signal = None
        if reason is not None:
            registration = RegisterSignal(
                self.answered_at, SignalChannel.STEM, self.dossier_ref, reason
            )
            signal = registration.receive(context.as_actor(STEM_ACTOR), UUID(dossier.person_id))
        dossier.record(
            answered_at=self.answered_at,
            scores=scores,
            comment=self.comment,
            signal_id=signal.id if signal else None,
            actor=context.actor,
            now=context.now,
        )
        return [dossier, *([signal] if signal else [])]

    def scores(self) -> dict[str, int]:
        return {
            "collaboration": self.collaboration,
            "heard": self.heard,
            "agreements_clear": self.agreements_clear,
        }

    def _dossier(self, context: Context) -> StemDossier:
        try:
            return context.casework.load(StemDossier, StemDossier.create_id(self.dossier_ref))
        except CaseNotFound:  # the dossier's first answer
            pass
        return StemDossier.open(
            dossier_ref=self.dossier_ref,
            person_id=context.person_for(None),
            at=self.answered_at,
            actor=context.actor,
            now=context.now,
        )

    def answer(self, saved: Sequence[Aggregate], context: Context) -> StemAnswerView:
        dossier = saved[0]
        assert isinstance(dossier, StemDossier)
        signal = saved[1].id if len(saved) > 1 else None
        return StemAnswerView(
            self.dossier_ref, self.answered_at, self.scores(), signal, len(dossier.responses)
        )

    def remember(self, answer: StemAnswerView) -> dict[str, Any]:
        signal = str(answer.signal_id) if answer.signal_id else None
        return {"signal_id": signal, "response_number": answer.response_number}

    def recall(self, memory: dict[str, Any], context: Context) -> StemAnswerView:
        signal = UUID(memory["signal_id"]) if memory["signal_id"] else None
        return StemAnswerView(
            self.dossier_ref, self.answered_at, self.scores(), signal, memory["response_number"]
        )
