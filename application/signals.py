"""Signal use cases: intake from any channel, escalation to a complaint, STEM responses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate

from application.casework import Casework, NewComplaint
from application.errors import VersionMismatch
from domain.complaint import Complaint
from domain.errors import InvalidMoment, NotAllowed
from domain.signal import Signal
from domain.stem import StemDossier, StemRule, stem_trigger

STEM_ACTOR = "policy:stem_trigger"


@dataclass(frozen=True)
class NewSignal:
    received_at: datetime
    channel: str
    dossier_ref: str
    summary: str
    complainant: dict[str, Any] | None = None
    team: str = "unassigned"


@dataclass(frozen=True)
class StemResponse:
    dossier_ref: str
    answered_at: datetime
    scores: dict[str, int]
    comment: str | None = None


class Signals:
    """Signals live in the casework log beside complaints, so one transaction can hold both."""

    def __init__(self, casework: Casework) -> None:
        self._casework = casework

    def register(self, new: NewSignal, actor: str) -> Signal:
        signal = self._new_signal(new, actor, self._casework.clock.now())
        self._casework.save(signal)
        return signal

    def _new_signal(self, new: NewSignal, actor: str, now: datetime) -> Signal:
        year = new.received_at.year
        number = self._casework.references.next(f"signal:{year}")
        signal = Signal.receive(
            reference=f"S-{year}-{number:05d}",
            at=new.received_at,
            actor=actor,
            now=now,
            channel=new.channel,
            dossier_ref=new.dossier_ref,
            summary=new.summary,
            complainant=new.complainant,
            team=new.team,
            person_id=self._casework.person_for(new.complainant),
        )
        self._casework.judge(signal, now)
        return signal

    def escalate(
        self, signal_id: UUID, at: datetime, actor: str, expected_version: int | None
    ) -> Complaint:
        """The signal becomes a complaint received at `at`; both name each other, saved at once."""
        casework = self._casework
        signal = casework.signal(signal_id)
        if expected_version is not None and expected_version != signal.version:
            raise VersionMismatch(
                f"the signal is at version {signal.version}, not {expected_version}"
            )
        if signal.status.is_final:
            raise NotAllowed(f"the signal is already {signal.status}")
        if at < signal.received_at:
            raise InvalidMoment("the time lies before the signal was received")
        new = NewComplaint(
            received_at=at,
            channel="signal",
            complainant=signal.complainant or {"name": "(not given)"},
            dossier_ref=signal.dossier_ref,
            subject=f"Escalated signal {signal.reference}",
            description=signal.summary,
            team=signal.team,
            signal_id=signal.id,
        )
        complaint = casework.new_complaint(new, actor, person_id=UUID(signal.person_id))
        now = casework.clock.now()
        signal.escalate(complaint_id=complaint.id, at=at, actor=actor, now=now)
        casework.judge(signal, now)
        casework.save(signal, complaint)
        return complaint

    def record_stem(
        self, response: StemResponse, actor: str, rule: StemRule
    ) -> tuple[StemDossier, Signal | None]:
        """Store the response; a low score or a sharp drop opens a signal in the same save."""
        casework = self._casework
        now = casework.clock.now()
        dossier_id = StemDossier.create_id(response.dossier_ref)
        dossier: Aggregate
        try:
            dossier = casework.repository.get(dossier_id)
        except AggregateNotFoundError:  # the dossier's first response
            dossier = StemDossier(
                dossier_ref=response.dossier_ref,
                person_id=str(uuid4()),
                at=response.answered_at,
                actor=actor,
                timestamp=now,
            )
        assert isinstance(dossier, StemDossier)
        reason = stem_trigger(response.scores, dossier.last_scores, rule)
        signal = None
        if reason is not None:
            new = NewSignal(response.answered_at, "stem", response.dossier_ref, reason)
            signal = self._new_signal(new, STEM_ACTOR, now)
        dossier.record(
            answered_at=response.answered_at,
            scores=response.scores,
            comment=response.comment,
            signal_id=signal.id if signal else None,
            actor=actor,
            now=now,
        )
        casework.save(dossier, *([signal] if signal else []))
        return dossier, signal
