"""Aggregates as of each event, for projections: applied in memory, loaded only when out of step."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.application import Repository
from eventsourcing.domain import Aggregate

from application.ports import CaseBatches

MAX_CASES = 2_000  # the log keeps a case's events close together; a miss reloads the case


class CaseCache:
    """Follows the log: each event is applied to the cached case if it is the next one.

    One cache serves every projection of a batch, so a case is loaded and advanced once: a
    projection that asks for an event the case has already passed gets the case as it stands
    further on in the log. Projections therefore write a batch's rows from each case as it
    stands after the batch, never from a case at an event in the middle of it."""

    def __init__(self, repository: Repository[UUID], batches: CaseBatches) -> None:
        self._repository = repository
        self._batches = batches
        self._cases: OrderedDict[UUID, Aggregate] = OrderedDict()

    def prefetch(self, events: Sequence[Any]) -> None:
        """Load in one go every case that `events` continue and that is not cached just before
        them (a sweep's flags touch many cases the cache has long forgotten)."""
        before: dict[UUID, int] = {}
        for event in events:
            case_id = getattr(event, "originator_id", None)
            if case_id is None or case_id in before:
                continue
            cached = self._cases.get(case_id)
            previous = event.originator_version - 1
            if cached is not None:
                self._cases.move_to_end(case_id)  # kept while the missing ones come in
            known = previous == 0 or (cached is not None and cached.version >= previous)
            before[case_id] = 0 if known else previous
        missing = {case_id: version for case_id, version in before.items() if version}
        if missing:
            for case_id, case in self._batches.load(list(missing), missing).items():
                self._keep(case_id, case)

    def offer(self, cases: Iterable[Aggregate]) -> None:
        """Cases their writer has just saved, as the log will hold them once committed, with
        personal data sealed: their events then need no loading. If the transaction does not
        commit, `forget` must be called."""
        for case in cases:
            self._keep(case.id, case)

    def after(self, event: Any) -> Aggregate:
        """The case right after `event` was applied (or further on, if it already was)."""
        case_id: UUID = event.originator_id
        case: Aggregate | None = self._cases.pop(case_id, None)
        if event.originator_version == 1 and case is None:
            case = event.mutate(None)
        elif case is not None and case.version == event.originator_version - 1:
            case = event.mutate(case)
        elif case is None or case.version < event.originator_version:
            case = self._repository.get(case_id, version=event.originator_version)
        assert case is not None
        self._keep(case_id, case)
        return case

    def now(self, case_id: UUID) -> Aggregate:
        """The case as it stands now, loaded afresh (and cached)."""
        case: Aggregate = self._repository.get(case_id)
        self._keep(case_id, case)
        return case

    def _keep(self, case_id: UUID, case: Aggregate) -> None:
        self._cases.pop(case_id, None)
        self._cases[case_id] = case
        if len(self._cases) > MAX_CASES:
            self._cases.popitem(last=False)

    def forget(self) -> None:
        self._cases.clear()
