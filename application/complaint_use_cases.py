"""Every command a person can give on a complaint, one named use case each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from uuid import UUID

from eventsourcing.domain import Aggregate

from application.use_case import CaseAnswer, Context
from domain.complaint import Complaint
from domain.errors import InvalidValue
from domain.records import Contact, MeasurePlan
from domain.values import Channel, ClockName, Outcome, Verdict


@dataclass(frozen=True)
class RegisterComplaint(CaseAnswer):
    """Intake registers a complaint from any channel; the answer is the new, judged case."""

    received_at: datetime
    channel: Channel
    complainant: Contact
    dossier_ref: str
    subject: str
    description: str
    team: str
    external_ref: str | None = None

    creates = True

    def execute(self, context: Context) -> Sequence[Aggregate]:
        return [self.receive(context, person_id=context.person_for(self.complainant))]

    def receive(
        self, context: Context, *, person_id: UUID, signal_id: UUID | None = None
    ) -> Complaint:
        """The received complaint, numbered, not yet saved (an escalation saves it with more)."""
        return Complaint.receive(
            reference=context.reference("K", self.received_at),
            at=self.received_at,
            actor=context.actor,
            now=context.now,
            channel=str(self.channel),
            complainant=self.complainant.as_record(),
            dossier_ref=self.dossier_ref,
            subject=self.subject,
            description=self.description,
            team=self.team,
            external_ref=self.external_ref,
            signal_id=signal_id,
            person_id=person_id,
            book=context.judge.book,
        )


class ChangeComplaint(CaseAnswer):
    """A command on one registered complaint: load it, run one of its domain commands."""

    case_id: UUID

    def execute(self, context: Context) -> Sequence[Aggregate]:
        complaint = context.load(Complaint, self.case_id)
        self.decide(complaint, context)
        return [complaint]

    def decide(self, complaint: Complaint, context: Context) -> None:
        raise NotImplementedError


@dataclass(frozen=True)
class AcknowledgeComplaint(ChangeComplaint):
    case_id: UUID
    at: datetime

    def decide(self, complaint: Complaint, context: Context) -> None:
        complaint.acknowledge(at=self.at, actor=context.actor, now=context.now)


@dataclass(frozen=True)
class AssignMediator(ChangeComplaint):
    """The mediator is a staff member, named by e-mail address; the digest follows them."""

    case_id: UUID
    mediator: str

    def decide(self, complaint: Complaint, context: Context) -> None:
        member = context.staff.by_email(self.mediator)
        if member is None or not member.active:
            raise InvalidValue(f"{self.mediator} is not an active staff member", "mediator")
        complaint.assign(mediator=member.email, actor=context.actor, now=context.now)


@dataclass(frozen=True)
class AgreementMade:
    description: str
    due: date


@dataclass(frozen=True)
class HoldConversation(ChangeComplaint):
    case_id: UUID
    at: datetime
    participants: tuple[str, ...]
    outcome: Outcome
    agreements: tuple[AgreementMade, ...] = field(default=())

    def decide(self, complaint: Complaint, context: Context) -> None:
        complaint.hold_conversation(
            at=self.at,
            actor=context.actor,
            now=context.now,
            participants=list(self.participants),
            outcome=self.outcome,
            agreements=[(a.description, a.due) for a in self.agreements],
            book=context.judge.book,
        )


@dataclass(frozen=True)
class SendMinutes(ChangeComplaint):
    case_id: UUID
    at: datetime
    sent_to: str

    def decide(self, complaint: Complaint, context: Context) -> None:
        complaint.send_minutes(
            at=self.at, actor=context.actor, now=context.now, sent_to=self.sent_to
        )


@dataclass(frozen=True)
class ReferToCommittee(ChangeComplaint):
    case_id: UUID
    at: datetime

    def decide(self, complaint: Complaint, context: Context) -> None:
        complaint.refer(at=self.at, actor=context.actor, now=context.now)


@dataclass(frozen=True)
class RecordRuling(ChangeComplaint):
    case_id: UUID
    at: datetime
    verdict: Verdict

    def decide(self, complaint: Complaint, context: Context) -> None:
        complaint.receive_ruling(
            at=self.at,
            actor=context.actor,
            now=context.now,
            verdict=self.verdict,
            book=context.judge.book,
        )


@dataclass(frozen=True)
class GiveApology(ChangeComplaint):
    case_id: UUID
    at: datetime
    summary: str

    def decide(self, complaint: Complaint, context: Context) -> None:
        complaint.give_apology(
            at=self.at, actor=context.actor, now=context.now, summary=self.summary
        )


@dataclass(frozen=True)
class CommunicateMeasures(ChangeComplaint):
    """What will change after the ruling: each measure with an owner team and a due date."""

    case_id: UUID
    at: datetime
    measures: tuple[MeasurePlan, ...]

    def decide(self, complaint: Complaint, context: Context) -> None:
        complaint.communicate_measures(
            at=self.at,
            actor=context.actor,
            now=context.now,
            measures=self.measures,
            book=context.judge.book,
        )


@dataclass(frozen=True)
class ExtendDeadline(ChangeComplaint):
    """Extend a clock, decided and told to the complainant at `at` (default: now)."""

    case_id: UUID
    clock: ClockName
    weeks: int
    reason: str
    at: datetime | None = None

    def decide(self, complaint: Complaint, context: Context) -> None:
        at = self.at or context.now
        clocks = context.judge.deadlines(complaint, at)
        due = next((d.due_at for d in clocks if d.clock == self.clock), None)
        complaint.extend(
            clock=self.clock,
            weeks=self.weeks,
            reason=self.reason,
            at=at,
            actor=context.actor,
            now=context.now,
            book=context.judge.book,
            due_at=due or at,
        )


@dataclass(frozen=True)
class MarkAgreementDone(ChangeComplaint):
    case_id: UUID
    number: int
    at: datetime

    def decide(self, complaint: Complaint, context: Context) -> None:
        complaint.mark_agreement_done(
            number=self.number, at=self.at, actor=context.actor, now=context.now
        )


@dataclass(frozen=True)
class ChangeWithReason(ChangeComplaint):
    """Suspend, resume, withdraw, close and reopen: a moment and the reason, in words."""

    case_id: UUID
    at: datetime
    reason: str


class SuspendComplaint(ChangeWithReason):
    """The decision clock pauses, e.g. while waiting for the complainant."""

    def decide(self, complaint: Complaint, context: Context) -> None:
        complaint.suspend(at=self.at, actor=context.actor, now=context.now, reason=self.reason)


class ResumeComplaint(ChangeWithReason):
    def decide(self, complaint: Complaint, context: Context) -> None:
        complaint.resume(at=self.at, actor=context.actor, now=context.now, reason=self.reason)


class WithdrawComplaint(ChangeWithReason):
    def decide(self, complaint: Complaint, context: Context) -> None:
        complaint.withdraw(at=self.at, actor=context.actor, now=context.now, reason=self.reason)


class CloseComplaint(ChangeWithReason):
    def decide(self, complaint: Complaint, context: Context) -> None:
        complaint.close(at=self.at, actor=context.actor, now=context.now, reason=self.reason)


class ReopenComplaint(ChangeWithReason):
    def decide(self, complaint: Complaint, context: Context) -> None:
        complaint.reopen(at=self.at, actor=context.actor, now=context.now, reason=self.reason)
