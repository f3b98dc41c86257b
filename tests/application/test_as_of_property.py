"""For random command sequences, the case as of every moment equals what was known then."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.clock import SettableClock
from application.casework import NewComplaint
from domain.errors import DomainError
from tests.application.fakes import in_memory_casework
from tests.unit.case_steps import COMMANDS, apply

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def state(case: Any) -> dict[str, Any]:
    return {k: v for k, v in vars(case).items() if k != "_pending_events"}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(COMMANDS), st.integers(1, 72)), max_size=15))
def test_the_case_as_of_each_moment_is_the_case_as_it_was_then(
    history: list[tuple[str, int]],
) -> None:
    clock = SettableClock(START + timedelta(hours=1))
    casework = in_memory_casework(clock)
    new = NewComplaint(START, "email", {"name": "X"}, "D", "S", "", "T")
    case_id = casework.register(new, "intake:test").id
    known = [(clock.now(), state(casework.complaint(case_id)))]
    for command, hours in history:
        clock.set(clock.now() + timedelta(hours=hours))
        moment = clock.now() - timedelta(minutes=2)

        def decide(case: Any, now: datetime, command: str = command, at: datetime = moment) -> None:
            apply(case, command, at)

        try:
            casework.change(case_id, None, decide)
        except DomainError:
            continue
        known.append((clock.now(), copy.deepcopy(state(casework.complaint(case_id)))))
    for moment, expected in known:
        assert state(casework.complaint(case_id, as_of=moment)) == expected
        between = moment + timedelta(minutes=30)
        later = [s for m, s in known if m <= between][-1]
        assert state(casework.complaint(case_id, as_of=between)) == later
