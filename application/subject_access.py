"""Subject access (AVG art. 15): register a request, and hand the person everything held about
them — every complaint, signal and STEM answer, decrypted, and who saw their data — once.

The export holds the person's own cases only: those linked to their pseudonymous id, and the
STEM dossiers of the dossier references on those cases. Handing it over is an `export` in the
access log and stops the request's clock."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from application.access import Accessor, AccessRecorder
from application.casework import Casework
from application.errors import CaseNotFound
from application.judging import Judge
from application.ports import AccessAction, AccessLog, AccessQuery, AccessRecord, Clock
from application.reads import HistoryEntry, history_entry
from application.runner import CommandRunner
from application.use_case import Command, Context
from domain.complaint import Complaint
from domain.deadlines import Deadline
from domain.moments import check_moment
from domain.signal import Signal
from domain.stem import StemDossier
from domain.subject_access import SubjectAccessRequest


@dataclass(frozen=True)
class SubjectAccessView:
    request: SubjectAccessRequest
    deadlines: list[Deadline]


class _RequestAnswer(Command[SubjectAccessView]):
    def answer(self, saved: Sequence[Aggregate], context: Context) -> SubjectAccessView:
        request = saved[0]
        assert isinstance(request, SubjectAccessRequest)
        return SubjectAccessView(request, context.judge.deadlines(request, context.now))

    def remember(self, answer: SubjectAccessView) -> dict[str, Any]:
        return {"request_id": str(answer.request.id), "version": answer.request.version}

    def recall(self, memory: dict[str, Any], context: Context) -> SubjectAccessView:
        request = context.casework.load(
            SubjectAccessRequest, UUID(memory["request_id"]), version=memory["version"]
        )
        return SubjectAccessView(request, context.judge.deadlines(request, context.now))


@dataclass(frozen=True)
class RequestSubjectAccess(_RequestAnswer):
    """A person asked, by their e-mail address, for their data; the clock starts when the
    request came in. The address itself is never recorded: only the person's pseudonymous id."""

    complainant_email: str
    received_at: datetime

    def __repr__(self) -> str:
        return f"RequestSubjectAccess(received_at={self.received_at.isoformat()})"

    def execute(self, context: Context) -> Sequence[Aggregate]:
        check_moment(self.received_at, context.now, field="received_at")
        person = context.casework.vault.person_for_email(self.complainant_email)
        request = SubjectAccessRequest.request(
            reference=context.reference("AV", self.received_at),
            person_id=person,
            received_at=self.received_at,
            book=context.judge.book,
            actor=context.actor,
            now=context.now,
        )
        return [request]


@dataclass(frozen=True)
class AnswerSubjectAccess(_RequestAnswer):
    request_id: UUID

    def execute(self, context: Context) -> Sequence[Aggregate]:
        request = context.load(SubjectAccessRequest, self.request_id)
        request.answer(actor=context.actor, now=context.now)
        return [request]


@dataclass(frozen=True)
class ExportedCase:
    """One case of the person, as held: what it is, its state, and every event, decrypted."""

    case_id: UUID
    kind: str
    reference: str
    status: str
    received_at: datetime
    history: list[HistoryEntry]


@dataclass(frozen=True)
class ExportedStemAnswer:
    dossier_ref: str
    answered_at: datetime
    scores: dict[str, int]
    comment: str | None


@dataclass(frozen=True)
class SubjectAccessExport:
    reference: str
    person_id: UUID
    received_at: datetime
    generated_at: datetime
    cases: list[ExportedCase]
    stem_answers: list[ExportedStemAnswer]
    accesses: list[AccessRecord]


class SubjectAccessExports:
    def __init__(
        self,
        casework: Casework,
        judge: Judge,
        commands: CommandRunner,
        log: AccessLog,
        access: AccessRecorder,
        clock: Clock,
    ) -> None:
        self._casework = casework
        self._judge = judge
        self._commands = commands
        self._log = log
        self._access = access
        self._clock = clock

    def view(self, request_id: UUID) -> SubjectAccessView:
        request = self._casework.load(SubjectAccessRequest, request_id)
        return SubjectAccessView(request, self._judge.deadlines(request, self._clock.now()))

    def export(self, request_id: UUID, who: Accessor) -> SubjectAccessExport:
        """Everything held about the request's person; logged as an export before it is
        returned, and the first one stops the request's clock."""
        request = self._casework.load(SubjectAccessRequest, request_id)
        person = UUID(request.person_id)
        cases = [c for c in map(self._case, self._casework.vault.cases_of_person(person)) if c]
        dossiers = {self._dossier_ref(c) for c in cases} - {None}
        answers = {ref: self._stem_answers(ref) for ref in sorted(d for d in dossiers if d)}
        stem = [answer for found in answers.values() for answer in found]
        answered = [StemDossier.create_id(ref) for ref, found in answers.items() if found]
        shown = [c.case_id for c in cases] + answered  # the STEM dossiers are read too
        accesses = self._accesses(person, shown)
        self._access.person(who, AccessAction.EXPORT, person, shown)
        self._commands.run(AnswerSubjectAccess(request_id), actor=who.actor)
        return SubjectAccessExport(
            reference=request.reference,
            person_id=person,
            received_at=request.received_at,
            generated_at=self._clock.now(),
            cases=cases,
            stem_answers=stem,
            accesses=accesses,
        )

    def _case(self, case_id: UUID) -> ExportedCase | None:
        kinds: tuple[type[Complaint | Signal], ...] = (Complaint, Signal)
        for kind in kinds:
            try:
                case = self._casework.load(kind, case_id)
            except CaseNotFound:
                continue
            history = [history_entry(e) for e in self._casework.events_of(kind, case_id)]
            return ExportedCase(
                case_id=case.id,
                kind=kind.__name__.lower(),
                reference=case.reference,
                status=str(case.status),
                received_at=case.received_at,
                history=history,
            )
        return None  # a STEM dossier of theirs: its answers are exported by dossier

    @staticmethod
    def _dossier_ref(case: ExportedCase) -> str | None:
        first = case.history[0].data.get("dossier_ref") if case.history else None
        return first if isinstance(first, str) else None

    def _stem_answers(self, dossier_ref: str) -> list[ExportedStemAnswer]:
        try:
            dossier = self._casework.load(StemDossier, StemDossier.create_id(dossier_ref))
        except CaseNotFound:
            return []
        return [
            ExportedStemAnswer(dossier.dossier_ref, a.at, dict(a.scores), a.comment)
            for a in dossier.responses
        ]

    def _accesses(self, person: UUID, cases: list[UUID]) -> list[AccessRecord]:
        """Who saw the person's data: records naming them, and records of their cases."""
        found: dict[int, AccessRecord] = {}
        queries = [AccessQuery(person_id=person), *(AccessQuery(case_id=c) for c in cases)]
        for query in queries:
            after = 0
            while page := self._log.page(query, after, 500):
                found.update((r.id, r) for r in page)
                after = page[-1].id
        return [found[key] for key in sorted(found)]
