"""For random command sequences, the case as of every moment equals what was known then."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.clock import SettableClock
from application.complaint_use_cases import RegisterComplaint
from domain.complaint import Complaint
from domain.records import Contact
from domain.values import Channel
from tests.application.fakes import in_memory_work
from tests.application.random_steps import RandomComplaintStep
from tests.unit.case_steps import COMMANDS

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def state(case: Any) -> dict[str, Any]:
    return {k: v for k, v in vars(case).items() if k != "_pending_events"}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(COMMANDS), st.integers(1, 72)), max_size=15))
def test_the_case_as_of_each_moment_is_the_case_as_it_was_then(
    history: list[tuple[str, int]],
) -> None:
    clock = SettableClock(START + timedelta(hours=1))
    work = in_memory_work(clock)
    new = RegisterComplaint(START, Channel.EMAIL, Contact("X"), "D", "S", "", "T")
    case_id = work.commands.run(new, actor="intake:test").case.id
    load = work.casework.load
    known = [(clock.now(), state(load(Complaint, case_id)))]
    for command, hours in history:
        clock.set(clock.now() + timedelta(hours=hours))
        moment = clock.now() - timedelta(minutes=2)
        before = load(Complaint, case_id).version
        work.commands.run(RandomComplaintStep(case_id, command, moment), actor="mediator:test")
        if load(Complaint, case_id).version == before:
            continue
        known.append((clock.now(), copy.deepcopy(state(load(Complaint, case_id)))))
    for moment, expected in known:
        assert state(load(Complaint, case_id, as_of=moment)) == expected
        between = moment + timedelta(minutes=30)
        later = [s for m, s in known if m <= between][-1]
        assert state(load(Complaint, case_id, as_of=between)) == later
