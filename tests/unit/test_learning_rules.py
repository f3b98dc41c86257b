"""The learning loop's rules on the Complaint aggregate: measures followed through after the case
closed, summaries approved by a second manager, themes replaced whole."""

from __future__ import annotations

from datetime import date

import pytest

from domain.calendar import WorkingDayCalendar
from domain.complaint import Complaint
from domain.complaint_deadlines import complaint_deadlines
from domain.errors import InvalidMoment, NotAllowed
from domain.policy import DEFAULT_POLICY_BOOK
from domain.records import MeasurePlan
from domain.values import Verdict
from tests.unit.complaints import NOW, day, received

M = "mediator:anna"


def answered(*plans: MeasurePlan | str) -> Complaint:
    c = received()
    c.refer(at=day(2), actor=M, now=NOW)
    c.receive_ruling(at=day(5), actor=M, now=NOW, verdict=Verdict.UPHELD, book=DEFAULT_POLICY_BOOK)
    c.communicate_measures(at=day(6), actor=M, now=NOW, measures=plans, book=DEFAULT_POLICY_BOOK)
    return c


def test_measures_are_numbered_over_the_complaint_and_a_string_has_no_owner_or_due() -> None:
    c = answered(MeasurePlan("Rooster", "Team Noord", date(2026, 4, 1)), "Scholing")
    c.communicate_measures(
        at=day(7), actor=M, now=NOW, measures=["Terugbellen"], book=DEFAULT_POLICY_BOOK
    )
    assert [(m.number, m.owner_team, m.due) for m in c.measures] == [
        (1, "Team Noord", date(2026, 4, 1)),
        (2, None, None),
        (3, None, None),
    ]


def test_a_measure_with_a_due_date_keeps_its_clock_after_the_complaint_is_closed() -> None:
    c = answered(MeasurePlan("Rooster", "Team Noord", date(2026, 4, 1)))
    c.close(at=day(8), actor=M, now=NOW, reason="Afgerond")
    clocks = complaint_deadlines(c, DEFAULT_POLICY_BOOK, WorkingDayCalendar(), NOW)
    measure = next(d for d in clocks if d.clock == "measure")
    assert measure.state == "running" and "owned by Team Noord" in measure.explanation
    c.mark_measure_done(number=1, at=day(9), evidence="Nieuw rooster", actor=M, now=NOW)
    clocks = complaint_deadlines(c, DEFAULT_POLICY_BOOK, WorkingDayCalendar(), NOW)
    assert next(d for d in clocks if d.clock == "measure").state == "met"


def test_a_measure_done_before_it_was_communicated_is_refused() -> None:
    c = answered("Rooster")
    with pytest.raises(InvalidMoment):
        c.mark_measure_done(number=1, at=day(5), evidence="x", actor=M, now=NOW)


def test_a_summary_needs_a_second_manager_and_a_new_text_a_new_approval() -> None:
    c = answered("Rooster")
    c.write_measure_summary(number=1, text="Nieuw rooster", actor="manager:a", now=NOW)
    with pytest.raises(NotAllowed, match="another manager"):
        c.approve_measure_summary(number=1, actor="manager:a", now=NOW)
    c.approve_measure_summary(number=1, actor="manager:b", now=NOW)
    assert c.measures[0].publishable_summary == "Nieuw rooster"
    c.write_measure_summary(number=1, text="Beter rooster", actor="manager:b", now=NOW)
    assert c.measures[0].publishable_summary is None


def test_themes_replace_the_previous_ones_and_the_same_set_twice_is_refused() -> None:
    c = received()
    c.set_themes(themes=["privacy", "bejegening"], at=day(1), actor=M, now=NOW)
    c.set_themes(themes=["communicatie"], at=day(2), actor=M, now=NOW)
    assert c.themes == ("communicatie",)
    with pytest.raises(NotAllowed):
        c.set_themes(themes=["communicatie"], at=day(3), actor=M, now=NOW)
