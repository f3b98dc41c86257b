"""The demo data set: every lifecycle path, and a queue whose every item explains itself."""

from __future__ import annotations

from adapters.bootstrap import Service
from adapters.demo import load_demo
from application.cases_projection import CaseFilter
from application.queue import QueueFilter


def test_the_demo_fills_the_queue_with_explained_flags_of_every_kind(service: Service) -> None:
    count = load_demo(service)
    cases = service.case_list.page(CaseFilter(), 500, None)
    assert len(cases) == count
    assert {c.status for c in cases} >= {
        "received",
        "acknowledged",
        "in_conversation",
        "resolved",
        "referred",
        "ruled",
        "answered",
        "closed",
        "withdrawn",
    }
    items = service.queue.page(QueueFilter(), 500, None)
    assert {i.policy for i in items} >= {
        "minutes_overdue",
        "upheld_unanswered",
        "upheld_without_apology",
        "agreement_overdue",
        "decision_overdue",
    }
    assert all("policy" in i.explanation and i.explanation.endswith(".") for i in items)
    for row in cases:
        complaint = service.casework.complaint(row.id)
        clocks = service.casework.policies.clocks(complaint, service.clock.now())
        assert clocks and all(c.explanation for c in clocks)
