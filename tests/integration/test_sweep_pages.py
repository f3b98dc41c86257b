"""Sweeps with more due cases than one page, all due at the same moment, judge every one of
them: the case list's moments are stored so that the store orders and compares them as time
(a page ends in the middle of cases due at the same moment)."""

from __future__ import annotations

from datetime import timedelta

from adapters.bootstrap import Service
from adapters.clock import SettableClock
from application.complaint_use_cases import RegisterComplaint
from application.sweep import PAGE
from bench.dataset import RegisterMany
from domain.records import Contact
from domain.values import Channel

CASES = 2 * PAGE + 150


def test_no_due_case_is_left_behind_when_a_page_ends_among_equal_moments(
    service: Service, clock: SettableClock
) -> None:
    received = clock.now()
    registrations = tuple(
        RegisterComplaint(received, Channel.EMAIL, Contact(f"Ouder {n}"), f"D-{n}", "", "", "Noord")
        for n in range(CASES)
    )
    service.commands.run(RegisterMany(registrations), actor="intake:test")

    judged = 0
    for _ in range(10 * 7):  # a sweep each day for ten weeks: warnings, then breaches
        clock.set(clock.now() + timedelta(days=1))
        judged += service.sweep.run(clock.now()).checked
        assert service.sweep.run(clock.now()).checked == 0  # none left behind for later

    assert judged >= 2 * CASES  # each case warned and breached at least once
