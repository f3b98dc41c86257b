"""One register row becomes a complaint with its whole history, dated as the register says.

Each step is the decision of the same named use case a person's command runs, applied in the
order the register's dates give, with the register's moment as `at`. The runner judges the
complaint once, after its whole history is in: a step done on time never raises a flag, a late
one shows as met late, a step still missing past its due moment is an open breach.

The conversation's outcome is not in a register: it counts as `resolved` when the case was
closed afterwards without going to the committee, and as `unresolved` otherwise (referred,
withdrawn, or still open: the talk did not settle it). Its participants are the complainant
and the mediator ("klachtenbemiddelaar"); the minutes went to the complainant.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from uuid import UUID

from eventsourcing.domain import Aggregate

from application.complaint_use_cases import (
    AcknowledgeComplaint,
    ChangeComplaint,
    CloseComplaint,
    CommunicateMeasures,
    GiveApology,
    HoldConversation,
    RecordRuling,
    ReferToCommittee,
    RegisterComplaint,
    SendMinutes,
    WithdrawComplaint,
)
from application.ports import ImportedComplaint
from application.register_rows import STEPS, RegisterRow
from application.use_case import CaseAnswer, Context
from domain.calendar import AMSTERDAM
from domain.complaint import Complaint
from domain.errors import DomainError
from domain.records import MeasurePlan
from domain.values import Outcome

MEDIATOR = "klachtenbemiddelaar"
APOLOGY = "Excuses aangeboden (volgens het register)"
CLOSED = "Gesloten volgens het register"
WITHDRAWN = "Ingetrokken volgens het register"


class StepRefused(Exception):
    """Raised when a row's history breaks a rule of the domain; names the column of the step."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column


class Unnumbered:
    """Reference numbers for trying a row out: none is drawn, nothing is written."""

    def next(self, series: str) -> int:
        return 0


@dataclass(frozen=True)
class ImportComplaint(CaseAnswer):
    """A register row received as a complaint, with every step it records."""

    row: RegisterRow
    file_sha256: str

    creates = True

    def execute(self, context: Context) -> Sequence[Aggregate]:
        """The complaint, its key kept with what the row said so a re-import can find it."""
        row = self.row
        complaint = self.complaint(context, context.person_for(row.complainant))
        imported = ImportedComplaint(row.external_ref, complaint.id, row.fingerprint())
        context.imported.record([imported], self.file_sha256, context.now)
        return [complaint]

    def tried(self, context: Context, person_id: UUID) -> Complaint:
        """The complaint built in memory only, to find a row's problems before anything is
        written: no reference number is drawn and no person is looked up."""
        return self.complaint(replace(context, references=Unnumbered()), person_id)

    def complaint(self, context: Context, person_id: UUID) -> Complaint:
        """The received complaint with its history, numbered, judged and saved by the runner."""
        row = self.row
        registration = RegisterComplaint(
            received_at=row.received_at,
            channel=row.channel,
            complainant=row.complainant,
            dossier_ref=row.dossier_ref,
            subject=row.subject,
            description=row.description,
            team=row.team,
            external_ref=row.external_ref,
        )
        try:
            complaint = registration.receive(context, person_id=person_id)
        except DomainError as error:
            raise StepRefused("received_at", str(error)) from None
        for at, _, column in sorted((at, STEPS.index(c), c) for c, at in row.steps.items()):
            try:
                self._step(column, at, complaint.id).decide(complaint, context)
            except DomainError as error:
                when = at.astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M")
                raise StepRefused(column, f"{error} (at {when})") from None
        return complaint

    def _step(self, column: str, at: datetime, case: UUID) -> ChangeComplaint:
        row, name = self.row, self.row.complainant.name
        if column == "acknowledged_at":
            return AcknowledgeComplaint(case, at)
        if column == "conversation_at":
            return HoldConversation(case, at, (name, MEDIATOR), self._outcome())
        if column == "minutes_at":
            return SendMinutes(case, at, name)
        if column == "referred_at":
            return ReferToCommittee(case, at)
        if column == "ruling_at":
            assert row.verdict is not None
            return RecordRuling(case, at, row.verdict)
        if column == "apology_at":
            return GiveApology(case, at, APOLOGY)
        if column == "measures_at":
            return CommunicateMeasures(case, at, tuple(MeasurePlan(m) for m in row.measures))
        if column == "closed_at":
            return CloseComplaint(case, at, CLOSED)
        return WithdrawComplaint(case, at, WITHDRAWN)

    def _outcome(self) -> Outcome:
        steps = self.row.steps
        settled = "closed_at" in steps and "referred_at" not in steps
        return Outcome.RESOLVED if settled else Outcome.UNRESOLVED
