"""Aggregates as of each event, for projections: applied in memory, loaded only when out of step."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any
from uuid import UUID

from eventsourcing.application import Repository
from eventsourcing.domain import Aggregate

MAX_CASES = 2_000  # the log keeps a case's events close together; a miss reloads the case


class CaseCache:
    """Follows the log: each event is applied to the cached case if it is the next one."""

    def __init__(self, repository: Repository[UUID]) -> None:
        self._repository = repository
        self._cases: OrderedDict[UUID, Aggregate] = OrderedDict()

    def after(self, event: Any) -> Aggregate:
        """The case right after `event` was applied."""
        case_id: UUID = event.originator_id
        case: Aggregate | None = self._cases.pop(case_id, None)
        if event.originator_version == 1:
            case = event.mutate(None)
        elif case is not None and case.version == event.originator_version - 1:
            case = event.mutate(case)
        else:
            case = self._repository.get(case_id, version=event.originator_version)
        assert case is not None
        self._cases[case_id] = case
        if len(self._cases) > MAX_CASES:
            self._cases.popitem(last=False)
        return case

    def now(self, case_id: UUID) -> Aggregate:
        """The case as it stands now, loaded afresh (and cached)."""
        case: Aggregate = self._repository.get(case_id)
        self._cases.pop(case_id, None)
        self._cases[case_id] = case
        if len(self._cases) > MAX_CASES:
            self._cases.popitem(last=False)
        return case

    def forget(self) -> None:
        self._cases.clear()
