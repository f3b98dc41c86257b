"""One sweep of every policy: judge each case whose next deadline check is due, once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import eventsourcing.persistence

from application.casework import Casework
from application.judging import Judge
from application.ports import CaseBatches, CaseList, Clock, UnitOfWork
from domain.flagging import Flagged

PAGE = 500
CHUNK = 250  # cases judged in one transaction; a collision falls back to one case at a time
ATTEMPTS = 3


@dataclass(frozen=True)
class SweepResult:
    checked: int
    raised: int
    cleared: int


class Sweep:
    """Pages through the due cases in (moment, id) order, so each is judged once per sweep."""

    def __init__(
        self,
        casework: Casework,
        judge: Judge,
        due: CaseList,
        clock: Clock,
        unit_of_work: UnitOfWork,
        after_commit: Callable[[], object],
        batches: CaseBatches,
        before_commit: Callable[[Sequence[Flagged]], object] = lambda cases: None,
    ) -> None:
        self._casework = casework
        self._judge = judge
        self._due = due
        self._clock = clock
        self._unit_of_work = unit_of_work
        self._after_commit = after_commit
        self._batches = batches
        self._before_commit = before_commit

    def run(self, now: datetime) -> SweepResult:
        checked = raised = cleared = 0
        after: tuple[datetime, str] | None = None
        while True:
            page = self._due.due_for_check(now, after, PAGE)
            for start in range(0, len(page), CHUNK):
                chunk = [case_id for _, case_id in page[start : start + CHUNK]]
                up, down = self._judge_together(chunk, now)
                checked, raised, cleared = checked + len(chunk), raised + up, cleared + down
                self._after_commit()
            if page:
                moment, case_id = page[-1]
                after = (moment, str(case_id))
            if len(page) < PAGE:
                return SweepResult(checked, raised, cleared)

    def _judge_together(self, case_ids: list[UUID], now: datetime) -> tuple[int, int]:
        """The chunk loaded in one select, judged, and its new events saved in one insert; the
        read models take the judged cases as they are, in the same transaction."""
        try:
            with self._unit_of_work():
                cases = self._batches.load(case_ids)
                judged = [c for c in cases.values() if isinstance(c, Flagged)]
                results = [self._judge.judge(case, now, self._clock.now()) for case in judged]
                changed = [case for case in judged if case.pending_events]
                if changed:
                    self._casework.save(*changed)
                    self._before_commit(changed)
        except eventsourcing.persistence.IntegrityError:
            results = [self._judge_alone(case_id, now) for case_id in case_ids]
        return sum(r[0] for r in results), sum(r[1] for r in results)

    def _judge_alone(self, case_id: UUID, now: datetime) -> tuple[int, int]:
        for _ in range(ATTEMPTS):
            try:
                with self._unit_of_work():
                    return self._sweep_case(case_id, now)
            except eventsourcing.persistence.IntegrityError:
                continue  # another process changed the case: judge its new state
        return 0, 0

    def _sweep_case(self, case_id: UUID, at: datetime) -> tuple[int, int]:
        """Bring one case's flags in line with its deadlines at `at`; (raised, cleared)."""
        case = self._casework.load(Flagged, case_id)
        changes = self._judge.judge(case, at, self._clock.now())
        if case.pending_events:
            self._casework.save(case)
        return changes
