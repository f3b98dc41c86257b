"""The Complaint aggregate: public commands check the rules, private @event methods record facts."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.errors import ExtensionRefused, InvalidMoment, NotAllowed
from domain.flagging import Flagged
from domain.lifecycle import status_after
from domain.values import ClockName, Outcome, Status, Verdict

FUTURE_TOLERANCE = timedelta(minutes=5)
EXTENDABLE_CLOCKS = (ClockName.DECISION,)


def check_moment(at: datetime, now: datetime, not_before: datetime | None = None) -> None:
    """Refuse an effective time without offset, too far in the future, or before `not_before`."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise InvalidMoment("the time must carry a UTC offset")
    if at > now + FUTURE_TOLERANCE:
        raise InvalidMoment("the time lies more than 5 minutes in the future")
    if not_before is not None and at < not_before:
        raise InvalidMoment("the time lies before the case was received")


class Complaint(Flagged):
    """A complaint about a youth-protection dossier, from receipt to closing."""

    @event("Received")
    def __init__(
        self,
        *,
        reference: str,
        at: datetime,
        actor: str,
        channel: str,
        complainant: dict[str, Any],
        dossier_ref: str,
        subject: str,
        description: str,
        team: str,
        external_ref: str | None,
        signal_id: str | None,
        person_id: str,
        timestamp: datetime,
    ) -> None:
        self.reference = reference
        self.person_id = person_id
        self.received_at = at
        self.channel = channel
        self.complainant = complainant
        self.dossier_ref = dossier_ref
        self.subject = subject
        self.description = description
        self.team = team
        self.external_ref = external_ref
        self.signal_id = signal_id
        self.status = Status.RECEIVED
        self.suspended_since: datetime | None = None
        self.suspensions: list[tuple[datetime, datetime]] = []
        self.acknowledged_at: datetime | None = None
        self.mediator: str | None = None
        self.conversations: list[dict[str, Any]] = []
        self.minutes: list[dict[str, Any]] = []
        self.referred_at: datetime | None = None
        self.ruling: dict[str, Any] | None = None
        self.apologies: list[dict[str, Any]] = []
        self.measures: list[dict[str, Any]] = []
        self.extensions: list[dict[str, Any]] = []
        self.ended_at: datetime | None = None
        self._status_before_end = Status.RECEIVED
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
        complainant: dict[str, Any],
        dossier_ref: str,
        subject: str,
        description: str,
        team: str,
        person_id: UUID,
        external_ref: str | None = None,
        signal_id: UUID | None = None,
    ) -> Complaint:
        """`person_id` names whose personal data this case holds (a pseudonym, erasable)."""
        check_moment(at, now)
        return cls(
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
            timestamp=now,
        )

    # -- derived state -------------------------------------------------------------------------

    @property
    def is_suspended(self) -> bool:
        return self.suspended_since is not None

    @property
    def agreements(self) -> list[dict[str, Any]]:
        """All agreements of all conversations, numbered from 1 in the order they were made."""
        return [a for c in self.conversations for a in c["agreements"]]

    # -- rule checks ---------------------------------------------------------------------------

    def _check_open(self, at: datetime, now: datetime) -> None:
        if self.status.is_final:
            raise NotAllowed(f"the complaint is {self.status}; only reopen is allowed")
        check_moment(at, now, self.received_at)

    # -- commands ------------------------------------------------------------------------------

    def acknowledge(self, *, at: datetime, actor: str, now: datetime) -> None:
        self._check_open(at, now)
        if self.acknowledged_at is not None:
            raise NotAllowed("the complaint has already been acknowledged")
        self._acknowledge(at=at, actor=actor, timestamp=now)

    def assign(self, *, mediator: str, actor: str, now: datetime) -> None:
        self._check_open(now, now)
        self._assign(at=now, actor=actor, mediator=mediator, timestamp=now)

    def hold_conversation(
        self,
        *,
        at: datetime,
        actor: str,
        now: datetime,
        participants: list[str],
        outcome: Outcome,
        agreements: list[tuple[str, date]],
    ) -> None:
        self._check_open(at, now)
        if self.status in (Status.REFERRED, Status.RULED, Status.ANSWERED):
            raise NotAllowed("the complaint is with the committee; no complaint conversation now")
        first = len(self.agreements) + 1
        recorded = [
            {"number": first + i, "description": d, "due": due.isoformat()}
            for i, (d, due) in enumerate(agreements)
        ]
        self._hold_conversation(
            at=at,
            actor=actor,
            participants=list(participants),
            outcome=str(outcome),
            agreements=recorded,
            timestamp=now,
        )

    def send_minutes(self, *, at: datetime, actor: str, now: datetime, sent_to: str) -> None:
        self._check_open(at, now)
        if not self.conversations:
            raise NotAllowed("no conversation has been held, so there are no minutes to send")
        if at < self.conversations[-1]["at"]:
            raise InvalidMoment("the minutes cannot be sent before the conversation was held")
        self._send_minutes(at=at, actor=actor, sent_to=sent_to, timestamp=now)

    def refer(self, *, at: datetime, actor: str, now: datetime) -> None:
        self._check_open(at, now)
        if self.status in (Status.REFERRED, Status.RULED, Status.ANSWERED):
            raise NotAllowed("the complaint has already been referred to the committee")
        self._refer(at=at, actor=actor, timestamp=now)

    def receive_ruling(self, *, at: datetime, actor: str, now: datetime, verdict: Verdict) -> None:
        self._check_open(at, now)
        if self.referred_at is None:
            raise NotAllowed("the complaint has not been referred to the committee")
        if self.ruling is not None:
            raise NotAllowed("the committee has already ruled on this complaint")
        if at < self.referred_at:
            raise InvalidMoment("the ruling cannot precede the referral")
        self._receive_ruling(at=at, actor=actor, verdict=str(verdict), timestamp=now)

    def give_apology(self, *, at: datetime, actor: str, now: datetime, summary: str) -> None:
        self._check_open(at, now)
        self._give_apology(at=at, actor=actor, summary=summary, timestamp=now)

    def communicate_measures(
        self, *, at: datetime, actor: str, now: datetime, measures: list[str]
    ) -> None:
        self._check_open(at, now)
        if self.ruling is None:
            raise NotAllowed("measures follow a ruling, and the committee has not ruled yet")
        if at < self.ruling["at"]:
            raise InvalidMoment("the measures cannot precede the ruling")
        self._communicate_measures(at=at, actor=actor, measures=list(measures), timestamp=now)

    def suspend(self, *, at: datetime, actor: str, now: datetime, reason: str) -> None:
        self._check_open(at, now)
        if self.suspended_since is not None:
            raise NotAllowed("the complaint is already suspended")
        self._suspend(at=at, actor=actor, reason=reason, timestamp=now)

    def resume(self, *, at: datetime, actor: str, now: datetime, reason: str) -> None:
        self._check_open(at, now)
        if self.suspended_since is None:
            raise NotAllowed("the complaint is not suspended")
        if at < self.suspended_since:
            raise InvalidMoment("the complaint cannot resume before it was suspended")
        self._resume(at=at, actor=actor, reason=reason, timestamp=now)

    def extend(
        self,
        *,
        clock: ClockName,
        weeks: int,
        reason: str,
        actor: str,
        now: datetime,
        max_extensions: int,
        max_weeks: int,
    ) -> None:
        self._check_open(now, now)
        if clock not in EXTENDABLE_CLOCKS:
            raise ExtensionRefused(f"the {clock} clock cannot be extended")
        if weeks < 1 or weeks > max_weeks:
            raise ExtensionRefused(f"an extension is 1 to {max_weeks} weeks, not {weeks}")
        done = [e for e in self.extensions if e["clock"] == clock]
        if len(done) >= max_extensions:
            raise ExtensionRefused(
                f"the {clock} clock has already been extended {len(done)} time(s), "
                f"the maximum is {max_extensions}"
            )
        self._extend(
            at=now, actor=actor, clock=str(clock), weeks=weeks, reason=reason, timestamp=now
        )

    def withdraw(self, *, at: datetime, actor: str, now: datetime, reason: str) -> None:
        self._check_open(at, now)
        self._withdraw(at=at, actor=actor, reason=reason, timestamp=now)

    def close(self, *, at: datetime, actor: str, now: datetime, reason: str) -> None:
        self._check_open(at, now)
        self._close(at=at, actor=actor, reason=reason, timestamp=now)

    def reopen(self, *, at: datetime, actor: str, now: datetime, reason: str) -> None:
        if not self.status.is_final:
            raise NotAllowed("only a closed or withdrawn complaint can be reopened")
        check_moment(at, now, self.ended_at)
        self._reopen(
            at=at, actor=actor, reason=reason, status=str(self._status_before_end), timestamp=now
        )

    def mark_agreement_done(self, *, number: int, at: datetime, actor: str, now: datetime) -> None:
        self._check_open(at, now)
        agreements = self.agreements
        if not 1 <= number <= len(agreements):
            raise NotAllowed(f"the complaint has no agreement {number}")
        if agreements[number - 1].get("done_at") is not None:
            raise NotAllowed(f"agreement {number} is already done")
        self._mark_agreement_done(at=at, actor=actor, number=number, timestamp=now)

    # -- recorded facts ------------------------------------------------------------------------

    def _move(self, event_name: str, **data: Any) -> None:
        self.status = status_after(self.status, event_name, data)

    @event("Acknowledged")
    def _acknowledge(self, at: datetime, actor: str, timestamp: datetime) -> None:
        self.acknowledged_at = at
        self._move("Acknowledged")

    @event("MediatorAssigned")
    def _assign(self, at: datetime, actor: str, mediator: str, timestamp: datetime) -> None:
        self.mediator = mediator

    @event("ConversationHeld")
    def _hold_conversation(
        self,
        at: datetime,
        actor: str,
        participants: list[str],
        outcome: str,
        agreements: list[dict[str, Any]],
        timestamp: datetime,
    ) -> None:
        self.conversations.append(
            {
                "at": at,
                "participants": participants,
                "outcome": outcome,
                "agreements": [dict(a, done_at=None) for a in agreements],
            }
        )
        self._move("ConversationHeld", outcome=outcome)

    class MinutesSent(Aggregate.Event):
        """Version 2 names who received the minutes; version 1 recorded only the moment."""

        class_version = 2
        at: datetime
        actor: str
        sent_to: str

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["sent_to"] = "(not recorded)"

    @event(MinutesSent)
    def _send_minutes(self, at: datetime, actor: str, sent_to: str, timestamp: datetime) -> None:
        self.minutes.append({"at": at, "sent_to": sent_to})

    @event("ReferredToCommittee")
    def _refer(self, at: datetime, actor: str, timestamp: datetime) -> None:
        self.referred_at = at
        self._move("ReferredToCommittee")

    @event("RulingReceived")
    def _receive_ruling(self, at: datetime, actor: str, verdict: str, timestamp: datetime) -> None:
        self.ruling = {"at": at, "verdict": verdict}
        self._move("RulingReceived")

    @event("ApologyGiven")
    def _give_apology(self, at: datetime, actor: str, summary: str, timestamp: datetime) -> None:
        self.apologies.append({"at": at, "summary": summary})
        self._move("ApologyGiven")

    @event("MeasuresCommunicated")
    def _communicate_measures(
        self, at: datetime, actor: str, measures: list[str], timestamp: datetime
    ) -> None:
        self.measures.append({"at": at, "measures": measures})
        self._move("MeasuresCommunicated")

    @event("Suspended")
    def _suspend(self, at: datetime, actor: str, reason: str, timestamp: datetime) -> None:
        self.suspended_since = at

    @event("Resumed")
    def _resume(self, at: datetime, actor: str, reason: str, timestamp: datetime) -> None:
        assert self.suspended_since is not None
        self.suspensions.append((self.suspended_since, at))
        self.suspended_since = None

    @event("DeadlineExtended")
    def _extend(
        self, at: datetime, actor: str, clock: str, weeks: int, reason: str, timestamp: datetime
    ) -> None:
        self.extensions.append({"at": at, "clock": clock, "weeks": weeks, "reason": reason})

    @event("Withdrawn")
    def _withdraw(self, at: datetime, actor: str, reason: str, timestamp: datetime) -> None:
        self._end(at, "Withdrawn")

    @event("Closed")
    def _close(self, at: datetime, actor: str, reason: str, timestamp: datetime) -> None:
        self._end(at, "Closed")

    def _end(self, at: datetime, event_name: str) -> None:
        self._status_before_end = self.status
        self.ended_at = at
        self._move(event_name)

    @event("Reopened")
    def _reopen(
        self, at: datetime, actor: str, reason: str, status: str, timestamp: datetime
    ) -> None:
        self.ended_at = None
        self._move("Reopened", status=status)

    @event("AgreementDone")
    def _mark_agreement_done(
        self, at: datetime, actor: str, number: int, timestamp: datetime
    ) -> None:
        self.agreements[number - 1]["done_at"] = at
