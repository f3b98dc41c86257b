"""What a complaint teaches the organisation: measures followed until done with evidence, their
public summaries (written by one manager, approved by another), and the complaint's themes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from domain.calendar import AMSTERDAM
from domain.case_event import CaseEvent
from domain.errors import InvalidMoment, NotAllowed
from domain.moments import check_moment
from domain.policy import PolicyBook
from domain.records import Measure, MeasurePlan, Ruling
from domain.retention import Retained
from domain.values import Status


class Learning(Retained):
    """The part of a complaint that outlives its closing: measures are followed until done."""

    if TYPE_CHECKING:  # set by Complaint.Received and the events after it
        received_at: datetime
        status: Status
        ruling: Ruling | None
        measures: list[Measure]
        themes: tuple[str, ...]

        def _check_open(self, at: datetime, now: datetime) -> None: ...

    def communicate_measures(
        self,
        *,
        at: datetime,
        actor: str,
        now: datetime,
        measures: Sequence[MeasurePlan | str],
        book: PolicyBook,
    ) -> None:
        """What will change after the ruling; each measure with a due date starts a clock, under
        the version of the norms in force at `at`. A plain string is a measure with no owner
        and no due date."""
        self._check_open(at, now)
        if self.ruling is None:
            raise NotAllowed("measures follow a ruling, and the committee has not ruled yet")
        if at < self.ruling.at:
            raise InvalidMoment("the measures cannot precede the ruling")
        plans = [MeasurePlan(m) if isinstance(m, str) else m for m in measures]
        told = at.astimezone(AMSTERDAM).date()
        for number, plan in enumerate(plans):
            if plan.due is not None and plan.due < told:
                raise InvalidMoment(
                    f"a measure cannot be due ({plan.due.isoformat()}) before it was "
                    f"communicated ({told.isoformat()})",
                    field=f"measures.{number}.due",
                )
        recorded = [
            {
                "description": p.description,
                "owner_team": p.owner_team,
                "due": p.due.isoformat() if p.due else None,
            }
            for p in plans
        ]
        self.trigger_event(
            self.MeasuresCommunicated,
            at=at,
            actor=actor,
            measures=recorded,
            policy_version=book.in_force_at(at).version,
            timestamp=now,
        )

    def _measure(self, number: int) -> Measure:
        if not 1 <= number <= len(self.measures):
            raise NotAllowed(f"the complaint has no measure {number}")
        return self.measures[number - 1]

    def mark_measure_done(
        self, *, number: int, at: datetime, evidence: str, actor: str, now: datetime
    ) -> None:
        """Also after the complaint was closed: following a measure through outlives the case."""
        measure = self._measure(number)
        check_moment(at, now, measure.communicated_at)
        if measure.done_at is not None:
            raise NotAllowed(f"measure {number} is already done")
        self.trigger_event(
            self.MeasureDone, at=at, actor=actor, number=number, evidence=evidence, timestamp=now
        )

    def write_measure_summary(self, *, number: int, text: str, actor: str, now: datetime) -> None:
        """A manager's public summary of a measure; a new text needs a new approval."""
        self._measure(number)
        self.trigger_event(
            self.MeasureSummaryWritten, at=now, actor=actor, number=number, text=text, timestamp=now
        )

    def approve_measure_summary(self, *, number: int, actor: str, now: datetime) -> None:
        """Another manager than the writer makes the summary publishable."""
        measure = self._measure(number)
        if measure.summary is None:
            raise NotAllowed(f"measure {number} has no summary to approve")
        if measure.summary_approved_by is not None:
            raise NotAllowed(f"the summary of measure {number} is already approved")
        if measure.summary_by == actor:
            raise NotAllowed("a summary is approved by another manager than the one who wrote it")
        self.trigger_event(
            self.MeasureSummaryApproved, at=now, actor=actor, number=number, timestamp=now
        )

    def set_themes(self, *, themes: Sequence[str], at: datetime, actor: str, now: datetime) -> None:
        """Replace the complaint's themes (the configured list is checked by the use case)."""
        check_moment(at, now, self.received_at)
        chosen = sorted(set(themes))
        if tuple(chosen) == self.themes:
            raise NotAllowed("the complaint already has exactly these themes")
        self.trigger_event(self.ThemesSet, at=at, actor=actor, themes=chosen, timestamp=now)

    class MeasuresCommunicated(CaseEvent):
        """Version 2 gives each measure an owner team and due date, and records the version."""

        class_version = 2
        measures: list[dict[str, Any]]
        policy_version: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["measures"] = [
                {"description": m, "owner_team": None, "due": None} for m in state["measures"]
            ]
            state["policy_version"] = None

        def apply(self, c: Learning) -> None:
            first = len(c.measures) + 1
            c.measures += [
                Measure(
                    number=first + i,
                    description=m["description"],
                    owner_team=m["owner_team"],
                    due=date.fromisoformat(m["due"]) if m["due"] else None,
                    communicated_at=self.at,
                    policy_version=self.policy_version,
                )
                for i, m in enumerate(self.measures)
            ]
            c.status = Status.ANSWERED if c.status == Status.RULED else c.status

    class MeasureDone(CaseEvent):
        number: int
        evidence: str

        def apply(self, c: Learning) -> None:
            done = replace(c.measures[self.number - 1], done_at=self.at, evidence=self.evidence)
            c.measures[self.number - 1] = done

    class MeasureSummaryWritten(CaseEvent):
        number: int
        text: str

        def apply(self, c: Learning) -> None:
            measure = c.measures[self.number - 1]
            written = replace(measure, summary=self.text, summary_by=self.actor)
            c.measures[self.number - 1] = replace(written, summary_approved_by=None)

    class MeasureSummaryApproved(CaseEvent):
        number: int

        def apply(self, c: Learning) -> None:
            measure = c.measures[self.number - 1]
            c.measures[self.number - 1] = replace(measure, summary_approved_by=self.actor)

    class ThemesSet(CaseEvent):
        themes: list[str]

        def apply(self, c: Learning) -> None:
            c.themes = tuple(self.themes)
