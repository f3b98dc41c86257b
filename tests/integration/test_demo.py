"""The demo data set: every lifecycle path, and a queue whose every item explains itself."""

from __future__ import annotations

from adapters.bootstrap import Service
from adapters.demo import load_demo
from application.cases_projection import CaseFilter
from application.queue import QueueFilter


def test_the_demo_fills_the_queue_with_explained_flags_of_every_kind(service: Service) -> None:
    count = load_demo(service)
    cases = service.case_list.page(CaseFilter(), 500, None)
    signals = service.case_list.page(CaseFilter(case_type="signal"), 500, None)
    # 30 complaints and 7 signals, plus the complaint one signal escalated to and the signal a
    # falling STEM answer opened
    assert (count, len(cases), len(signals)) == (37, 31, 8)
    assert {s.channel for s in signals} == {
        "phone",
        "email",
        "social_media",
        "staff",
        "client_council",
        "other",
        "stem",
    }
    assert {s.status for s in signals} >= {"received", "acknowledged", "resolved", "escalated"}
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
        "signal_stale",
    }
    assert all("policy" in i.explanation and i.explanation.endswith(".") for i in items)
    for row in cases + signals:
        case = (
            service.casework.signal if row.case_type == "signal" else service.casework.complaint
        )(row.id)
        clocks = service.casework.policies.clocks(case, service.clock.now())
        assert clocks and all(c.explanation for c in clocks)
