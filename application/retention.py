"""Retention's use cases: propose the destruction list due under the policy, approve it as a
second person (which crypto-shreds every listed case still due), and place or lift a legal hold.

Destruction records the case's `Destroyed` event first and deletes its key after the commit: a
crash in between leaves a case recorded as destroyed whose key still exists, and approving the
list again (it answers as approved) deletes the keys that remain. Never the other way round: no
key is deleted without its record."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from application.casework import Casework
from application.errors import CaseNotFound
from application.ports import (
    CaseList,
    CaseRow,
    Clock,
    DestructionListRecord,
    DestructionLists,
    UnitOfWork,
)
from domain.errors import NotAllowed
from domain.retention import DestructionList, Retained, RetentionPolicy

MOST_CASES_ON_ONE_LIST = 5000


@dataclass(frozen=True)
class Approval:
    record: DestructionListRecord
    destroyed: int
    kept: int


def _listed(row: CaseRow) -> dict[str, Any]:
    """What a destruction list keeps of a case: nothing personal."""
    assert row.ended_at is not None
    return {
        "case_id": str(row.id),
        "reference": row.reference,
        "case_type": row.case_type,
        "status": row.status,
        "received_at": row.received_at.isoformat(),
        "ended_at": row.ended_at.isoformat(),
    }


def _record(listed: DestructionList) -> DestructionListRecord:
    return DestructionListRecord(
        id=listed.id,
        status=listed.status,
        proposed_by=listed.proposed_by,
        proposed_at=listed.proposed_at,
        approved_by=listed.approved_by,
        approved_at=listed.approved_at,
        cases=listed.cases,
    )


class Retention:
    def __init__(
        self,
        casework: Casework,
        cases: CaseList,
        lists: DestructionLists,
        policy: RetentionPolicy,
        unit_of_work: UnitOfWork,
        clock: Clock,
        after_commit: Callable[[], object],
    ) -> None:
        self._casework = casework
        self._cases = cases
        self._lists = lists
        self._policy = policy
        self._unit_of_work = unit_of_work
        self._clock = clock
        self._after_commit = after_commit

    @property
    def policy(self) -> RetentionPolicy:
        return self._policy

    def propose(self, actor: str) -> DestructionListRecord | None:
        """The cases due now that are on no open list yet, as a new list; None when none are."""
        now = self._clock.now()
        taken = self._lists.proposed_cases()
        rows = self._cases.due_for_destruction(self._policy.cutoffs(now), MOST_CASES_ON_ONE_LIST)
        due = [_listed(row) for row in rows if row.id not in taken]
        if not due:
            return None
        listed = DestructionList.propose(cases=due, actor=actor, now=now)
        with self._unit_of_work():
            self._casework.save(listed)
            self._lists.save(_record(listed))
        return _record(listed)

    def approve(self, list_id: UUID, actor: str) -> Approval:
        """Destroy every listed case that is still due (a case put on hold or reopened since
        is kept); the proposer cannot approve. Approving an approved list again only finishes
        deleting the keys of its destroyed cases."""
        listed = self._load(list_id)
        listed.check_approver(actor)
        if listed.approved_at is not None:
            finished = [UUID(c) for c in listed.destroyed]
            self._shred(finished)
            return Approval(_record(listed), len(finished), len(listed.cases) - len(finished))
        now = self._clock.now()
        with self._unit_of_work():
            cases = [self._case(UUID(c["case_id"])) for c in listed.cases]
            due = [c for c in cases if c is not None and c.destroyable]
            destroyed = [str(c.id) for c in due]
            kept = [c["case_id"] for c in listed.cases if c["case_id"] not in destroyed]
            listed.approve(destroyed=destroyed, kept=kept, actor=actor, now=now)
            for case in due:
                case.destroy(destruction_list=listed.id, actor=actor, now=now)
            self._casework.save(listed, *due)
            self._lists.save(_record(listed))
        self._after_commit()
        self._shred([case.id for case in due])
        return Approval(_record(listed), len(due), len(kept))

    def place_hold(self, case_id: UUID, reason: str, actor: str) -> Retained:
        def hold(case: Retained, now: datetime) -> None:
            case.place_hold(reason=reason, actor=actor, now=now)

        return self._change(case_id, hold)

    def lift_hold(self, case_id: UUID, actor: str) -> Retained:
        return self._change(case_id, lambda case, now: case.lift_hold(actor=actor, now=now))

    def lists(self) -> list[DestructionListRecord]:
        return self._lists.all()

    def one(self, list_id: UUID) -> DestructionListRecord:
        found = self._lists.by_id(list_id)
        if found is None:
            raise CaseNotFound(f"no destruction list with id {list_id}")
        return found

    def _change(self, case_id: UUID, change: Callable[[Retained, datetime], None]) -> Retained:
        with self._unit_of_work():
            case = self._case(case_id)
            if case is None:
                raise CaseNotFound(f"no complaint or signal with id {case_id}")
            change(case, self._clock.now())
            self._casework.save(case)
        self._after_commit()
        return case

    def _case(self, case_id: UUID) -> Retained | None:
        try:
            return self._casework.load(Retained, case_id)
        except CaseNotFound:
            return None

    def _load(self, list_id: UUID) -> DestructionList:
        try:
            return self._casework.load(DestructionList, list_id)
        except CaseNotFound:
            raise CaseNotFound(f"no destruction list with id {list_id}") from None

    def _shred(self, cases: list[UUID]) -> None:
        """Delete each case's key; a person left with no readable case loses their e-mail
        index too (nothing of theirs remains to find)."""
        vault = self._casework.vault
        persons = {p for p in (vault.person_of_case(c) for c in cases) if p is not None}
        for case in cases:
            vault.shred(case)
        for person in persons:
            if not any(vault.readable(c) for c in vault.cases_of_person(person)):
                vault.erase(person)


__all__ = ["Approval", "NotAllowed", "Retention"]
