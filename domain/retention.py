"""Retention: a case is kept for a set period after it ended, then destroyed by crypto-shredding
once a second person approves the destruction list; a legal hold keeps a case off every list.

Destroying a case deletes its data key: its personal data reads "[erased]" from then on, while
the case itself stays as its own tombstone (reference, dates, verdict, status), so yearly
reports keep their totals and the audit chain still verifies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.case_event import CaseEvent
from domain.errors import InvalidValue, NotAllowed
from domain.flagging import Flagged


def years_before(moment: datetime, years: int) -> datetime:
    """The same moment `years` earlier; 29 February becomes 28 February."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


@dataclass(frozen=True)
class RetentionPolicy:
    """How long ended cases are kept, in years from their closing, withdrawal or resolution."""

    closed_complaint_years: int = 5
    withdrawn_complaint_years: int = 1
    signal_years: int = 2

    def __post_init__(self) -> None:
        for name in ("closed_complaint_years", "withdrawn_complaint_years", "signal_years"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= 100:
                raise InvalidValue(f"{name} must be a whole number of years, 1 to 100", name)

    def cutoffs(self, now: datetime) -> list[tuple[str, tuple[str, ...], datetime]]:
        """(case type, ended statuses, ended before): what is due for destruction at `now`."""
        return [
            ("complaint", ("closed",), years_before(now, self.closed_complaint_years)),
            ("complaint", ("withdrawn",), years_before(now, self.withdrawn_complaint_years)),
            ("signal", ("resolved", "escalated"), years_before(now, self.signal_years)),
        ]


class Retained(Flagged):
    """The part of a case retention acts on: a legal hold, and the destruction itself."""

    # Unannotated class defaults: cases recorded before retention existed read these (an
    # annotation here would make them arguments of the case's first event).
    on_hold = False
    if not TYPE_CHECKING:
        destroyed_at = None

    if TYPE_CHECKING:
        destroyed_at: datetime | None

        @property
        def ended_at(self) -> datetime | None: ...

    class LegalHoldPlaced(CaseEvent):
        reason: str

        def apply(self, case: Retained) -> None:
            case.on_hold = True

    class LegalHoldLifted(CaseEvent):
        def apply(self, case: Retained) -> None:
            case.on_hold = False

    class Destroyed(CaseEvent):
        """Its data key was deleted under an approved destruction list."""

        destruction_list: str

        def apply(self, case: Retained) -> None:
            case.destroyed_at = self.at

    def place_hold(self, *, reason: str, actor: str, now: datetime) -> None:
        if self.on_hold:
            raise NotAllowed("the case is already on legal hold")
        if self.destroyed_at is not None:
            raise NotAllowed("the case was destroyed under the retention policy")
        self.trigger_event(self.LegalHoldPlaced, at=now, actor=actor, reason=reason, timestamp=now)

    def lift_hold(self, *, actor: str, now: datetime) -> None:
        if not self.on_hold:
            raise NotAllowed("the case is not on legal hold")
        self.trigger_event(self.LegalHoldLifted, at=now, actor=actor, timestamp=now)

    @property
    def destroyable(self) -> bool:
        return self.ended_at is not None and not self.on_hold and self.destroyed_at is None

    def destroy(self, *, destruction_list: UUID, actor: str, now: datetime) -> None:
        self.trigger_event(
            self.Destroyed,
            at=now,
            actor=actor,
            destruction_list=str(destruction_list),
            timestamp=now,
        )


def person_of(actor: str) -> str:
    """`role:name` → name: the same person proposing as admin and approving as manager is
    still one person."""
    return actor.partition(":")[2] or actor


class DestructionList(Aggregate):
    """The cases proposed for destruction, and the second person's approval."""

    if TYPE_CHECKING:
        proposed_by: str
        proposed_at: datetime
        cases: list[dict[str, Any]]
        approved_by: str | None
        approved_at: datetime | None
        destroyed: list[str]

    class Proposed(Aggregate.Created):
        at: datetime
        actor: str
        cases: list[dict[str, Any]]

        def apply(self, listed: DestructionList) -> None:
            listed.proposed_by, listed.proposed_at, listed.cases = self.actor, self.at, self.cases
            listed.approved_by = listed.approved_at = None
            listed.destroyed = []

    class Approved(CaseEvent):
        destroyed: list[str]
        kept: list[str]

        def apply(self, listed: DestructionList) -> None:
            listed.approved_by, listed.approved_at = self.actor, self.at
            listed.destroyed = list(self.destroyed)

    @classmethod
    def propose(cls, *, cases: list[dict[str, Any]], actor: str, now: datetime) -> DestructionList:
        return cls._create(cls.Proposed, at=now, actor=actor, cases=cases, timestamp=now)

    @property
    def status(self) -> str:
        return "approved" if self.approved_at is not None else "proposed"

    def check_approver(self, actor: str) -> None:
        """The second person rule: whoever proposed the list cannot approve it."""
        if person_of(actor) == person_of(self.proposed_by):
            raise NotAllowed(
                "the proposer cannot approve their own destruction list: another manager or "
                "admin must"
            )

    def approve(self, *, destroyed: list[str], kept: list[str], actor: str, now: datetime) -> None:
        self.check_approver(actor)
        if self.approved_at is not None:
            raise NotAllowed("this destruction list was approved already")
        self.trigger_event(
            self.Approved,
            at=now,
            actor=actor,
            destroyed=destroyed,
            kept=kept,
            timestamp=now,
        )
