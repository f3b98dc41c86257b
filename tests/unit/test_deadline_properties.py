"""Properties of the deadline rules over random cases: suspensions never shorten a deadline, and a
policy version configured later never changes a clock that has started."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.calendar import WorkingDayCalendar
from domain.complaint import Complaint
from domain.complaint_deadlines import complaint_deadlines
from domain.policy import DEFAULT_POLICY_BOOK, Policy, PolicyBook
from domain.values import Outcome, Verdict
from tests.unit.case_steps import build, received_moments, steps
from tests.unit.complaints import PERSON

CALENDAR = WorkingDayCalendar()
M = "mediator:test"


def decision_due(history: list[tuple[str, int]], received: datetime, hours: int) -> datetime:
    c, last = build(received, history)
    clocks = complaint_deadlines(c, DEFAULT_POLICY_BOOK, CALENDAR, last + timedelta(hours=hours))
    return next(d.due_at for d in clocks if d.clock == "decision")


@settings(max_examples=150, deadline=None)
@given(
    received_moments,
    st.integers(min_value=0, max_value=60 * 24),
    st.integers(min_value=1, max_value=40 * 24),
    st.integers(min_value=0, max_value=10 * 24),
)
def test_a_suspension_never_shortens_the_decision_deadline(
    received: datetime, before: int, length: int, after: int
) -> None:
    """Suspending moves the due date by the calendar days between suspension and resumption,
    never back; a suspension still open counts up to now, and never less than none."""
    unsuspended = decision_due([], received, before + length + after)
    suspended = decision_due([("suspend", before), ("resume", length)], received, after)
    still_open = decision_due([("suspend", before)], received, length + after)
    assert suspended >= unsuspended
    assert still_open >= unsuspended


later_versions = st.builds(
    Policy,
    version=st.just("later"),
    effective_from=st.dates(min_value=date(2018, 1, 1), max_value=date(2028, 12, 31)),
    acknowledgement_days=st.integers(1, 20),
    minutes_days=st.integers(1, 20),
    decision_weeks=st.integers(1, 20),
    upheld_response_months=st.integers(1, 6),
    agreement_warn_days=st.integers(0, 5),
)


@settings(max_examples=150, deadline=None)
@given(received_moments, steps, later_versions, st.integers(0, 90 * 24))
def test_a_version_configured_later_never_changes_a_started_clock(
    received: datetime, history: list[tuple[str, int]], later: Policy, hours: int
) -> None:
    c, last = build(received, history)
    now = last + timedelta(hours=hours)
    extended = PolicyBook([*DEFAULT_POLICY_BOOK.versions, later])
    before = complaint_deadlines(c, DEFAULT_POLICY_BOOK, CALENDAR, now)
    after = complaint_deadlines(c, extended, CALENDAR, now)
    assert after == before


def test_receipt_conversation_and_ruling_record_the_version_in_force_at_their_moment() -> None:
    book = PolicyBook(
        [
            Policy(version="old", effective_from=date(2019, 1, 1)),
            Policy(version="new", effective_from=date(2026, 3, 4)),
        ]
    )
    at = datetime(2026, 3, 2, 9, tzinfo=UTC)
    c = Complaint.receive(
        reference="K-1",
        at=at,
        actor=M,
        now=at,
        channel="email",
        complainant={"name": "X"},
        dossier_ref="D",
        subject="S",
        description="",
        team="T",
        person_id=PERSON,
        book=book,
    )
    talked, ruled = at + timedelta(days=3), at + timedelta(days=5)
    c.hold_conversation(
        at=talked,
        actor=M,
        now=talked,
        participants=[],
        outcome=Outcome.UNRESOLVED,
        agreements=[],
        book=book,
    )
    c.refer(at=talked, actor=M, now=talked)
    c.receive_ruling(at=ruled, actor=M, now=ruled, verdict=Verdict.UPHELD, book=book)
    assert c.policy_version == "old"
    assert c.conversations[0].policy_version == "new"
    assert c.ruling is not None and c.ruling.policy_version == "new"
