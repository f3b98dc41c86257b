"""The Complaint aggregate: public commands check the rules, each event class records one fact."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.calendar import AMSTERDAM
from domain.case_event import CaseEvent
from domain.errors import ExtensionRefused, InvalidMoment, NotAllowed
from domain.learning import Learning
from domain.moments import check_moment
from domain.policy import PolicyBook
from domain.records import (
    Agreement,
    Apology,
    Contact,
    Conversation,
    Extension,
    Measure,
    Minutes,
    Ruling,
    Suspension,
)
from domain.values import ClockName, Outcome, Status, Verdict

EXTENDABLE_CLOCKS = (ClockName.DECISION,)
WITH_THE_COMMITTEE = (Status.REFERRED, Status.RULED, Status.ANSWERED)
BEFORE_THE_COMMITTEE = (
    Status.RECEIVED,
    Status.ACKNOWLEDGED,
    Status.IN_CONVERSATION,
    Status.RESOLVED,
)


class Complaint(Learning):
    """A complaint about a youth-protection dossier, from receipt to closing."""

    if TYPE_CHECKING:  # set by Received and the events after it
        reference: str
        person_id: str
        received_at: datetime
        policy_version: str | None
        channel: str
        complainant: Contact
        dossier_ref: str
        subject: str
        description: str
        team: str
        external_ref: str | None
        signal_id: str | None
        status: Status
        suspended_since: datetime | None
        suspensions: list[Suspension]
        acknowledged_at: datetime | None
        mediator: str | None
        conversations: list[Conversation]
        agreements: list[Agreement]
        minutes: list[Minutes]
        referred_at: datetime | None
        ruling: Ruling | None
        apologies: list[Apology]
        measures: list[Measure]
        themes: tuple[str, ...]
        extensions: list[Extension]
        ended_at: datetime | None
        status_before_end: Status

    class Received(Aggregate.Created):
        """Version 2 records the policy version the receipt clocks started under."""

        class_version = 2
        at: datetime
        actor: str
        reference: str
        channel: str
        complainant: dict[str, Any]
        dossier_ref: str
        subject: str
        description: str
        team: str
        external_ref: str | None
        signal_id: str | None
        person_id: str
        policy_version: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["policy_version"] = None  # judged by the version in force at receipt

        def apply(self, c: Complaint) -> None:
            c.reference, c.person_id, c.received_at = self.reference, self.person_id, self.at
            c.policy_version = self.policy_version
            c.channel, c.complainant = self.channel, Contact.from_record(self.complainant)
            c.dossier_ref, c.subject, c.description = (
                self.dossier_ref,
                self.subject,
                self.description,
            )
            c.team, c.external_ref, c.signal_id = self.team, self.external_ref, self.signal_id
            c.status = c.status_before_end = Status.RECEIVED
            c.suspended_since, c.suspensions = None, []
            c.acknowledged_at = c.mediator = c.referred_at = c.ruling = c.ended_at = None
            c.conversations, c.agreements, c.minutes = [], [], []
            c.apologies, c.measures, c.extensions, c.themes = [], [], [], ()
            c.open_flags = {}

    @classmethod
    def receive(
        cls,
        *,
        reference: str,
        at: datetime,
        actor: str,
        now: datetime,
        channel: str,
        complainant: dict[str, Any],
        dossier_ref: str,
        subject: str,
        description: str,
        team: str,
        person_id: UUID,
        book: PolicyBook,
        external_ref: str | None = None,
        signal_id: UUID | None = None,
    ) -> Complaint:
        """`person_id` names whose personal data this case holds (a pseudonym, erasable).

        The acknowledgement and decision clocks start at receipt: the version of the norms in
        force then is recorded with the case, so later configuration never re-judges them."""
        check_moment(at, now, field="received_at")
        return cls._create(
            cls.Received,
            reference=reference,
            at=at,
            actor=actor,
            channel=channel,
            complainant=complainant,
            dossier_ref=dossier_ref,
            subject=subject,
            description=description,
            team=team,
            external_ref=external_ref,
            signal_id=str(signal_id) if signal_id else None,
            person_id=str(person_id),
            policy_version=book.in_force_at(at).version,
            timestamp=now,
        )

    @property
    def is_suspended(self) -> bool:
        return self.suspended_since is not None

    def _check_open(self, at: datetime, now: datetime) -> None:
        if self.status.is_final:
            raise NotAllowed(f"the complaint is {self.status}; only reopen is allowed")
        check_moment(at, now, self.received_at)

    # -- commands ------------------------------------------------------------------------------

    def acknowledge(self, *, at: datetime, actor: str, now: datetime) -> None:
        self._check_open(at, now)
        if self.acknowledged_at is not None:
            raise NotAllowed("the complaint has already been acknowledged")
        self.trigger_event(self.Acknowledged, at=at, actor=actor, timestamp=now)

    def assign(self, *, mediator: str, actor: str, now: datetime) -> None:
        self._check_open(now, now)
        self.trigger_event(
            self.MediatorAssigned, at=now, actor=actor, mediator=mediator, timestamp=now
        )

    def hold_conversation(
        self,
        *,
        at: datetime,
        actor: str,
        now: datetime,
        participants: list[str],
        outcome: Outcome,
        agreements: list[tuple[str, date]],
        book: PolicyBook,
    ) -> None:
        """The minutes and agreement clocks start now, under the version in force at `at`."""
        self._check_open(at, now)
        if self.status in WITH_THE_COMMITTEE:
            raise NotAllowed("the complaint is with the committee; no complaint conversation now")
        held = at.astimezone(AMSTERDAM).date()
        for number, (_, due) in enumerate(agreements):
            if due < held:
                raise InvalidMoment(
                    f"an agreement cannot be due ({due.isoformat()}) before the conversation "
                    f"it was made in ({held.isoformat()})",
                    field=f"agreements.{number}.due",
                )
        first = len(self.agreements) + 1
        recorded = [
            {"number": first + i, "description": what, "due": due.isoformat()}
            for i, (what, due) in enumerate(agreements)
        ]
        self.trigger_event(
            self.ConversationHeld,
            at=at,
            actor=actor,
            participants=list(participants),
            outcome=str(outcome),
            agreements=recorded,
            policy_version=book.in_force_at(at).version,
            timestamp=now,
        )

    def send_minutes(self, *, at: datetime, actor: str, now: datetime, sent_to: str) -> None:
        self._check_open(at, now)
        if not self.conversations:
            raise NotAllowed("no conversation has been held, so there are no minutes to send")
        if at < self.conversations[-1].at:
            raise InvalidMoment("the minutes cannot be sent before the conversation was held")
        self.trigger_event(self.MinutesSent, at=at, actor=actor, sent_to=sent_to, timestamp=now)

    def refer(self, *, at: datetime, actor: str, now: datetime) -> None:
        self._check_open(at, now)
        if self.status in WITH_THE_COMMITTEE:
            raise NotAllowed("the complaint has already been referred to the committee")
        self.trigger_event(self.ReferredToCommittee, at=at, actor=actor, timestamp=now)

    def receive_ruling(
        self, *, at: datetime, actor: str, now: datetime, verdict: Verdict, book: PolicyBook
    ) -> None:
        """An upheld ruling starts the answer clock, under the version in force at `at`."""
        self._check_open(at, now)
        if self.referred_at is None:
            raise NotAllowed("the complaint has not been referred to the committee")
        if self.ruling is not None:
            raise NotAllowed("the committee has already ruled on this complaint")
        if at < self.referred_at:
            raise InvalidMoment("the ruling cannot precede the referral")
        self.trigger_event(
            self.RulingReceived,
            at=at,
            actor=actor,
            verdict=str(verdict),
            policy_version=book.in_force_at(at).version,
            timestamp=now,
        )

    def give_apology(self, *, at: datetime, actor: str, now: datetime, summary: str) -> None:
        self._check_open(at, now)
        self.trigger_event(self.ApologyGiven, at=at, actor=actor, summary=summary, timestamp=now)

    def suspend(self, *, at: datetime, actor: str, now: datetime, reason: str) -> None:
        self._check_open(at, now)
        if self.suspended_since is not None:
            raise NotAllowed("the complaint is already suspended")
        self.trigger_event(self.Suspended, at=at, actor=actor, reason=reason, timestamp=now)

    def resume(self, *, at: datetime, actor: str, now: datetime, reason: str) -> None:
        self._check_open(at, now)
        if self.suspended_since is None:
            raise NotAllowed("the complaint is not suspended")
        if at < self.suspended_since:
            raise InvalidMoment("the complaint cannot resume before it was suspended")
        self.trigger_event(self.Resumed, at=at, actor=actor, reason=reason, timestamp=now)

    def extend(
        self,
        *,
        clock: ClockName,
        weeks: int,
        reason: str,
        at: datetime,
        actor: str,
        now: datetime,
        book: PolicyBook,
        due_at: datetime,
    ) -> None:
        """Extend a clock, within the cap of the policy it started under, by a decision taken
        and told to the complainant at `at`, before the clock's due moment `due_at` (Awb 9:11:
        verdaging vóór afloop van de termijn)."""
        self._check_open(at, now)
        if clock not in EXTENDABLE_CLOCKS:
            raise ExtensionRefused(f"the {clock} clock cannot be extended")
        policy = book.for_clock(self.policy_version, self.received_at).policy
        if weeks < 1 or weeks > policy.max_extension_weeks:
            raise ExtensionRefused(
                f"an extension is 1 to {policy.max_extension_weeks} weeks, not {weeks}"
            )
        done = [e for e in self.extensions if e.clock == clock]
        if len(done) >= policy.max_extensions:
            raise ExtensionRefused(
                f"the {clock} clock has already been extended {len(done)} time(s), "
                f"the maximum is {policy.max_extensions}"
            )
        if at > due_at:
            raise ExtensionRefused(
                f"an extension must be decided before the {clock} clock falls due "
                f"({due_at.isoformat()}); it was decided at {at.isoformat()}"
            )
        self.trigger_event(
            self.DeadlineExtended,
            at=at,
            actor=actor,
            clock=str(clock),
            weeks=weeks,
            reason=reason,
            timestamp=now,
        )

    def withdraw(self, *, at: datetime, actor: str, now: datetime, reason: str) -> None:
        self._check_open(at, now)
        self.trigger_event(self.Withdrawn, at=at, actor=actor, reason=reason, timestamp=now)

    def close(self, *, at: datetime, actor: str, now: datetime, reason: str) -> None:
        self._check_open(at, now)
        self.trigger_event(self.Closed, at=at, actor=actor, reason=reason, timestamp=now)

    def reopen(self, *, at: datetime, actor: str, now: datetime, reason: str) -> None:
        if not self.status.is_final:
            raise NotAllowed("only a closed or withdrawn complaint can be reopened")
        check_moment(at, now, self.ended_at)
        self.trigger_event(
            self.Reopened,
            at=at,
            actor=actor,
            reason=reason,
            status=str(self.status_before_end),
            timestamp=now,
        )

    def mark_agreement_done(self, *, number: int, at: datetime, actor: str, now: datetime) -> None:
        self._check_open(at, now)
        if not 1 <= number <= len(self.agreements):
            raise NotAllowed(f"the complaint has no agreement {number}")
        if self.agreements[number - 1].done_at is not None:
            raise NotAllowed(f"agreement {number} is already done")
        self.trigger_event(self.AgreementDone, at=at, actor=actor, number=number, timestamp=now)

    # -- recorded facts: each event moves the state, the status included -----------------------

    class Acknowledged(CaseEvent):
        def apply(self, c: Complaint) -> None:
            c.acknowledged_at = self.at
            if c.status == Status.RECEIVED:
                c.status = Status.ACKNOWLEDGED

    class MediatorAssigned(CaseEvent):
        mediator: str

        def apply(self, c: Complaint) -> None:
            c.mediator = self.mediator

    class ConversationHeld(CaseEvent):
        """Version 2 records the policy version the minutes and agreement clocks started under."""

        class_version = 2
        participants: list[str]
        outcome: str
        agreements: list[dict[str, Any]]
        policy_version: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["policy_version"] = None  # judged by the version in force when it was held

        def apply(self, c: Complaint) -> None:
            outcome, version = Outcome(self.outcome), self.policy_version
            talk = Conversation(self.at, tuple(self.participants), outcome, version)
            c.conversations.append(talk)
            held = len(c.conversations)
            c.agreements += [
                Agreement(
                    a["number"], a["description"], date.fromisoformat(a["due"]), held, self.at
                )
                for a in self.agreements
            ]
            if c.status in BEFORE_THE_COMMITTEE:
                resolved = outcome == Outcome.RESOLVED
                c.status = Status.RESOLVED if resolved else Status.IN_CONVERSATION

    class MinutesSent(CaseEvent):
        """Version 2 names who received the minutes; version 1 recorded only the moment."""

        class_version = 2
        sent_to: str

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["sent_to"] = "(not recorded)"

        def apply(self, c: Complaint) -> None:
            c.minutes.append(Minutes(self.at, self.sent_to))

    class ReferredToCommittee(CaseEvent):
        def apply(self, c: Complaint) -> None:
            c.referred_at, c.status = self.at, Status.REFERRED

    class RulingReceived(CaseEvent):
        """Version 2 records the policy version the answer clock started under."""

        class_version = 2
        verdict: str
        policy_version: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["policy_version"] = None  # judged by the version in force at the ruling

        def apply(self, c: Complaint) -> None:
            c.ruling = Ruling(self.at, Verdict(self.verdict), self.policy_version)
            c.status = Status.RULED

    class ApologyGiven(CaseEvent):
        summary: str

        def apply(self, c: Complaint) -> None:
            c.apologies.append(Apology(self.at, self.summary))
            c.status = Status.ANSWERED if c.status == Status.RULED else c.status

    class Suspended(CaseEvent):
        reason: str

        def apply(self, c: Complaint) -> None:
            c.suspended_since = self.at

    class Resumed(CaseEvent):
        reason: str

        def apply(self, c: Complaint) -> None:
            assert c.suspended_since is not None
            c.suspensions.append(Suspension(c.suspended_since, self.at))
            c.suspended_since = None

    class DeadlineExtended(CaseEvent):
        clock: str
        weeks: int
        reason: str

        def apply(self, c: Complaint) -> None:
            c.extensions.append(Extension(self.at, ClockName(self.clock), self.weeks, self.reason))

    class Withdrawn(CaseEvent):
        reason: str

        def apply(self, c: Complaint) -> None:
            c.status_before_end, c.ended_at, c.status = c.status, self.at, Status.WITHDRAWN

    class Closed(CaseEvent):
        reason: str

        def apply(self, c: Complaint) -> None:
            c.status_before_end, c.ended_at, c.status = c.status, self.at, Status.CLOSED

    class Reopened(CaseEvent):
        reason: str
        status: str

        def apply(self, c: Complaint) -> None:
            c.ended_at, c.status = None, Status(self.status)

    class AgreementDone(CaseEvent):
        number: int

        def apply(self, c: Complaint) -> None:
            done = replace(c.agreements[self.number - 1], done_at=self.at)
            c.agreements[self.number - 1] = done
