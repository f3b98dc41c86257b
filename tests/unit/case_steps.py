"""Random but valid complaint histories for property tests: each step is a public command."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta
from uuid import UUID

from hypothesis import strategies as st

from domain.calendar import WorkingDayCalendar
from domain.complaint import Complaint
from domain.complaint_deadlines import complaint_deadlines
from domain.errors import DomainError
from domain.policy import DEFAULT_POLICY_BOOK
from domain.values import ClockName, Outcome, Verdict

PERSON = UUID(int=1)

M = "mediator:test"
COMMANDS = [
    "acknowledge",
    "conversation",
    "minutes",
    "refer",
    "ruling",
    "apology",
    "measures",
    "suspend",
    "resume",
    "extend",
    "close",
    "reopen",
    "agreement_done",
]

received_moments = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 1), timezones=st.just(UTC)
)
steps = st.lists(
    st.tuples(st.sampled_from(COMMANDS), st.integers(min_value=0, max_value=20 * 24)),
    max_size=12,
)


def decision_due(c: Complaint, at: datetime) -> datetime:
    """Where the decision clock stands at `at`: an extension must be decided before it."""
    clocks = complaint_deadlines(c, DEFAULT_POLICY_BOOK, WorkingDayCalendar(), at)
    return next(d.due_at for d in clocks if d.clock == ClockName.DECISION)


def apply(c: Complaint, command: str, at: datetime) -> None:
    """Run one command; a command the rules refuse is simply not recorded."""
    now = at + timedelta(minutes=1)
    actions = {
        "acknowledge": lambda: c.acknowledge(at=at, actor=M, now=now),
        "conversation": lambda: c.hold_conversation(
            at=at,
            actor=M,
            now=now,
            participants=["X"],
            outcome=Outcome.UNRESOLVED,
            agreements=[("Bellen", (at + timedelta(days=9)).date())],
            book=DEFAULT_POLICY_BOOK,
        ),
        "minutes": lambda: c.send_minutes(at=at, actor=M, now=now, sent_to="X"),
        "refer": lambda: c.refer(at=at, actor=M, now=now),
        "ruling": lambda: c.receive_ruling(
            at=at, actor=M, now=now, verdict=Verdict.UPHELD, book=DEFAULT_POLICY_BOOK
        ),
        "apology": lambda: c.give_apology(at=at, actor=M, now=now, summary="Sorry"),
        "measures": lambda: c.communicate_measures(
            at=at, actor=M, now=now, measures=["M"], book=DEFAULT_POLICY_BOOK
        ),
        "suspend": lambda: c.suspend(at=at, actor=M, now=now, reason="r"),
        "resume": lambda: c.resume(at=at, actor=M, now=now, reason="r"),
        "extend": lambda: c.extend(
            clock=ClockName.DECISION,
            weeks=2,
            reason="r",
            actor=M,
            now=now,
            at=now,
            book=DEFAULT_POLICY_BOOK,
            due_at=decision_due(c, at),
        ),
        "close": lambda: c.close(at=at, actor=M, now=now, reason="r"),
        "reopen": lambda: c.reopen(at=at, actor=M, now=now, reason="r"),
        "agreement_done": lambda: c.mark_agreement_done(number=1, at=at, actor=M, now=now),
    }
    with contextlib.suppress(DomainError):
        actions[command]()


def build(received: datetime, history: list[tuple[str, int]]) -> tuple[Complaint, datetime]:
    """The complaint after the steps (hours after the previous step) and the last moment."""
    c = Complaint.receive(
        person_id=PERSON,
        book=DEFAULT_POLICY_BOOK,
        reference="K-1",
        at=received,
        actor=M,
        now=received,
        channel="email",
        complainant={"name": "X"},
        dossier_ref="D",
        subject="S",
        description="",
        team="T",
    )
    moment = received
    for command, hours in history:
        moment += timedelta(hours=hours)
        apply(c, command, moment)
    return c, moment
