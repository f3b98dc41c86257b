"""The cases projection: the case list, each case's next deadline check, and the flag queue.
A subject-access request is listed as a case of its own type, so its clock is swept and its
flag reaches the queue like any other."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID, uuid5

from application.case_cache import CaseCache
from application.judging import Judge
from application.personal_data import stored_text
from application.ports import CaseRow
from domain.complaint import Complaint
from domain.signal import Signal
from domain.subject_access import SubjectAccessRequest
from domain.wording import column_text

Listed = Complaint | Signal | SubjectAccessRequest


@dataclass(frozen=True)
class FlagRow:
    flag_id: UUID
    case_id: UUID
    policy: str
    severity: str
    due_at: datetime
    raised_at: datetime
    policy_version: str
    explanation: str  # phrase data as JSON, or English text (domain.wording.column_text)


def flag_id(case_id: UUID, key: str) -> UUID:
    """A flag's id is stable for its case and key, so the queue can be rebuilt identically."""
    return uuid5(case_id, key)


class CasesView(Protocol):
    """Where the projection writes, inside the transaction that also moves its tracking position."""

    def save_cases(self, rows: list[CaseRow]) -> None:
        """Insert each row, or update every column but `position` if the case is listed."""
        ...

    def put_flags(self, rows: list[FlagRow]) -> None: ...

    def drop_flags(self, flags: list[UUID]) -> None: ...

    def replace_flags(self, case_id: UUID, rows: list[FlagRow]) -> None:
        """The case's flags are exactly `rows` from now on."""
        ...


class CasesProjection:
    """Each case's row is rewritten from the case itself, so the row cannot drift. Rows are
    written once per case per batch of events, from the case as it stands after the batch.

    The cases it sees hold their personal fields sealed (projections never decrypt): the
    subject and dossier reference are kept as their sealed envelopes, opened when read."""

    name = "cases"

    def __init__(self, cases: CaseCache, judge: Judge) -> None:
        self._cases = cases
        self._judge = judge
        self._touched: dict[UUID, tuple[Listed, int, datetime]] = {}
        self._flags: dict[UUID, set[str]] = {}

    def begin(self) -> None:
        self._touched.clear()
        self._flags.clear()

    def process(self, event: Any, position: int) -> None:
        case = self._cases.after(event)
        if not isinstance(case, Listed):
            return  # STEM dossiers, staff and the like are not cases
        if type(event).__name__ in ("FlagRaised", "FlagCleared"):
            self._flags.setdefault(case.id, set()).add(event.key)
        first = self._touched.get(case.id)
        self._touched[case.id] = (case, first[1] if first else position, event.timestamp)

    def refresh(self, case_id: UUID, position: int, view: CasesView) -> None:
        """Rewrite the case's row and flags from the case as it stands now (a retried event may
        be older than others already applied, so the row is not written from it)."""
        case = self._cases.now(case_id)
        if not isinstance(case, Listed):
            return
        view.save_cases([self._row(case, position, case.modified_on)])
        view.replace_flags(case.id, [_flag_row(case, key) for key in case.open_flags])

    def flush(self, view: CasesView) -> None:
        """Each touched case's row and each flag its events raised or cleared, as the case
        stands after the batch (a flag raised and cleared within it is dropped)."""
        view.save_cases([self._row(*entry) for entry in self._touched.values()])
        raised: list[FlagRow] = []
        cleared: list[UUID] = []
        for case_id, keys in self._flags.items():
            case = self._touched[case_id][0]
            for key in sorted(keys):
                if key in case.open_flags:
                    raised.append(_flag_row(case, key))
                else:
                    cleared.append(flag_id(case_id, key))
        view.put_flags(raised)
        view.drop_flags(cleared)
        self.begin()

    def _row(self, case: Listed, position: int, now: datetime) -> CaseRow:
        if isinstance(case, SubjectAccessRequest):
            return CaseRow(
                id=case.id,
                position=position,
                case_type="subject_access",
                reference=case.reference,
                status=case.status,
                suspended=False,
                received_at=case.received_at,
                channel="request",
                dossier_ref="",
                subject="Subject access request (AVG art. 15)",
                team="privacy",
                mediator=None,
                open_flags=len(case.open_flags),
                version=case.version,
                next_check_at=self._judge.next_check(case, now),
                themes=(),
            )
        complaint = case if isinstance(case, Complaint) else None
        return CaseRow(
            id=case.id,
            position=position,
            case_type="complaint" if complaint else "signal",
            reference=case.reference,
            status=str(case.status),
            suspended=complaint.is_suspended if complaint else False,
            received_at=case.received_at,
            channel=case.channel,
            dossier_ref=stored_text(case.dossier_ref),
            subject=stored_text(complaint.subject) if complaint else f"Signal via {case.channel}",
            team=case.team,
            mediator=complaint.mediator if complaint else None,
            open_flags=len(case.open_flags),
            version=case.version,
            next_check_at=self._judge.next_check(case, now),
            themes=complaint.themes if complaint else (),
            ended_at=case.ended_at,
            on_hold=case.on_hold,
            destroyed=case.destroyed_at is not None,
        )


def _flag_row(case: Listed, key: str) -> FlagRow:
    flag = case.open_flags[key]
    return FlagRow(
        flag_id=flag_id(case.id, key),
        case_id=case.id,
        policy=flag.policy,
        severity=flag.severity,
        due_at=flag.due_at,
        raised_at=flag.raised_at,
        policy_version=flag.policy_version,
        explanation=column_text(flag.explanation, flag.explained),
    )
