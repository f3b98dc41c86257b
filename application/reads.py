"""Reading cases: one case (now or as known at a moment), its deadlines, history and timeline,
and the case list. Every read is in the access log before it is answered: one record per case
it shows."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID

from application.access import Accessor, AccessRecorder
from application.casework import Casework
from application.judging import Judge
from application.personal_data import open_stored_text
from application.ports import AccessAction, CaseFilter, CaseList, CaseRow, Clock
from application.use_case import CaseView
from domain.complaint import Complaint
from domain.deadlines import Deadline
from domain.errors import InvalidValue
from domain.flagging import Flagged
from domain.records import OpenFlag
from domain.signal import Signal

K = TypeVar("K", Complaint, Signal)
ENVELOPE = {"originator_id", "originator_version", "timestamp", "originator_topic", "at", "actor"}


@dataclass(frozen=True)
class HistoryEntry:
    position: int
    type: str
    at: datetime
    recorded_at: datetime
    actor: str
    data: dict[str, Any]


@dataclass(frozen=True)
class TimelineStep:
    """An event, and the case's status, deadlines and open flags right after it was recorded."""

    entry: HistoryEntry
    status: str
    deadlines: list[Deadline]
    open_flags: list[OpenFlag]


def history_entry(event: Any) -> HistoryEntry:
    fields = vars(event)
    return HistoryEntry(
        position=event.originator_version,
        type=type(event).__name__,
        at=fields["at"],
        recorded_at=event.timestamp,
        actor=fields["actor"],
        data={k: v for k, v in fields.items() if k not in ENVELOPE},
    )


@dataclass(frozen=True)
class CasePage:
    rows: list[CaseRow]
    next_cursor: str | None


class CaseReads:
    """The read use cases; `who` is the person asking, through which endpoint or page."""

    def __init__(
        self,
        casework: Casework,
        judge: Judge,
        cases: CaseList,
        access: AccessRecorder,
        clock: Clock,
        themes: tuple[str, ...],
    ) -> None:
        self._themes = themes
        self._casework = casework
        self._judge = judge
        self._cases = cases
        self._access = access
        self._clock = clock

    def case(self, kind: type[K], case_id: UUID, who: Accessor, as_of: datetime | None) -> CaseView:
        """The case now, or as the service knew it at `as_of`, with its deadlines then."""
        if as_of is not None:
            who = replace(who, access_point=f"{who.access_point}?as_of={as_of.isoformat()}")
        self._logged(who, case_id)
        case = self._casework.load(kind, case_id, as_of=as_of)
        return CaseView(case, self._judge.deadlines(case, as_of or self._clock.now()))

    def find(self, case_type: str, reference: str) -> UUID | None:
        """The id of the case with this reference (no personal data, so not an access)."""
        rows = self._cases.page(CaseFilter(case_type=case_type, reference=reference), 1, None)
        return rows[0].id if rows else None

    def case_with_history(
        self, kind: type[K], case_id: UUID, who: Accessor
    ) -> tuple[CaseView, list[HistoryEntry]]:
        """The case now with every event of it: one page, one access."""
        self._logged(who, case_id)
        case = self._casework.load(kind, case_id)
        view = CaseView(case, self._judge.deadlines(case, self._clock.now()))
        return view, [history_entry(e) for e in self._casework.events_of(kind, case_id)]

    def history(self, kind: type[Flagged], case_id: UUID, who: Accessor) -> list[HistoryEntry]:
        """Every event of the case, oldest first, nothing left out."""
        self._logged(who, case_id)
        return [history_entry(e) for e in self._casework.events_of(kind, case_id)]

    def timeline(self, kind: type[Flagged], case_id: UUID, who: Accessor) -> list[TimelineStep]:
        """Each event with the case's state right after it was recorded, replayed through the
        same aggregate and deadline code that serves the case itself."""
        self._logged(who, case_id)
        steps: list[TimelineStep] = []
        case: Any = None
        for event in self._casework.events_of(kind, case_id):
            case = event.mutate(case)
            entry = history_entry(event)
            flags = [flag for _, flag in sorted(case.open_flags.items())]
            deadlines = self._judge.deadlines(case, entry.recorded_at)
            steps.append(TimelineStep(entry, str(case.status), deadlines, flags))
        return steps

    def page(self, where: CaseFilter, limit: int, cursor: str | None, who: Accessor) -> CasePage:
        """One page of the case list, newest first; the cursor is the last row's log position.
        A search by reference is logged as a search, any other page as a list."""
        if where.theme is not None and where.theme not in self._themes:
            known = ", ".join(self._themes)
            raise InvalidValue(f"{where.theme!r} is not a configured theme: {known}", "theme")
        rows = self._cases.page(where, limit + 1, int(cursor) if cursor else None)
        more = len(rows) > limit
        rows = [self.opened(row) for row in rows[:limit]]
        action = AccessAction.SEARCH if where.reference is not None else AccessAction.LIST
        self._access.cases(who, action, [row.id for row in rows])
        return CasePage(rows, str(rows[-1].position) if more else None)

    def opened(self, row: CaseRow) -> CaseRow:
        """The row with its sealed subject and dossier reference opened, or "[erased]"."""
        opened = open_stored_text(self._casework.vault)
        return replace(row, subject=opened(row.subject), dossier_ref=opened(row.dossier_ref))

    def _logged(self, who: Accessor, case_id: UUID) -> None:
        """Attempts on unknown ids are logged too: they are reads someone tried."""
        self._access.cases(who, AccessAction.READ, [case_id])
