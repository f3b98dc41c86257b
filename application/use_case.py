"""What every use case is: a command that decides on aggregates, and what it may use to decide.

A command is a frozen dataclass named after what a person asks (`AcknowledgeComplaint`). The
runner (application.runner) loads nothing itself: it opens the transaction, hands the command a
`Context`, judges every case the command returns, saves them together and asks the command for
its answer. A replay of an idempotent request asks the command to `recall` its first answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, ClassVar, Generic, TypeVar
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate

from application.casework import Casework
from application.judging import Judge
from application.ports import ImportedComplaints, ReferenceNumbers, SessionRecords, StaffDirectory
from domain.complaint import Complaint
from domain.deadlines import Deadline
from domain.flagging import Flagged
from domain.records import Contact
from domain.signal import Signal
from domain.stem import StemRule

R = TypeVar("R")
K = TypeVar("K", bound=Flagged)


@dataclass(frozen=True)
class Context:
    """What a use case may use: who asks, when, the log, the norms, the reference numbers and
    the register rows imported before."""

    actor: str
    now: datetime
    expected_version: int | None
    casework: Casework
    judge: Judge
    references: ReferenceNumbers
    stem_rule: StemRule
    themes: tuple[str, ...]
    staff: StaffDirectory
    sessions: SessionRecords
    imported: ImportedComplaints

    def load(self, kind: type[K], case_id: UUID) -> K:
        """The case to change; If-Match (the expected version) is checked here."""
        return self.casework.load(kind, case_id, expected_version=self.expected_version)

    def as_actor(self, actor: str) -> Context:
        """The same context for a step the service takes itself (e.g. `policy:stem_trigger`)."""
        return replace(self, actor=actor)

    def person_for(self, contact: Contact | None) -> UUID:
        """One pseudonymous person per e-mail address; without one, a person of its own."""
        email = contact.email if contact else None
        return self.casework.vault.person_for_email(email) if email else uuid4()

    def reference(self, prefix: str, received_at: datetime) -> str:
        """The next human reference of its series and year, e.g. K-2026-00022."""
        year = received_at.year
        number = self.references.next(f"{SERIES[prefix]}:{year}")
        return f"{prefix}-{year}-{number:05d}"


SERIES = {"K": "complaint", "S": "signal", "AV": "subject_access"}


@dataclass(frozen=True)
class CaseView:
    """A case with its deadlines at the moment it was read or changed."""

    case: Complaint | Signal
    deadlines: list[Deadline]
    created: bool = False


class Command(Generic[R]):
    """A use case. `execute` decides and returns the aggregates to save (the answer's first)."""

    def execute(self, context: Context) -> Sequence[Aggregate]:
        raise NotImplementedError

    def answer(self, saved: Sequence[Aggregate], context: Context) -> R:
        raise NotImplementedError

    def remember(self, answer: R) -> dict[str, Any]:
        """What an Idempotency-Key keeps of the answer, to give it again on a replay."""
        raise NotImplementedError

    def recall(self, memory: dict[str, Any], context: Context) -> R:
        raise NotImplementedError


class CaseAnswer(Command[CaseView]):
    """A command whose answer is a case as it stood right after the command."""

    creates: ClassVar[bool] = False

    def answer(self, saved: Sequence[Aggregate], context: Context) -> CaseView:
        case = saved[0]
        assert isinstance(case, Complaint | Signal)
        return CaseView(case, context.judge.deadlines(case, context.now), self.creates)

    def remember(self, answer: CaseView) -> dict[str, Any]:
        kind = "signal" if isinstance(answer.case, Signal) else "complaint"
        return {"kind": kind, "case_id": str(answer.case.id), "version": answer.case.version}

    def recall(self, memory: dict[str, Any], context: Context) -> CaseView:
        kind: type[Complaint | Signal] = Signal if memory["kind"] == "signal" else Complaint
        case = context.casework.load(kind, UUID(memory["case_id"]), version=memory["version"])
        return CaseView(case, context.judge.deadlines(case, context.now), self.creates)
