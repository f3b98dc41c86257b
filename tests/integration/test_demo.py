"""The demo data set: every lifecycle path, and a queue whose every item explains itself."""

from __future__ import annotations

from adapters.bootstrap import Service
from adapters.demo import REGISTER, load_demo
from application.ports import CaseFilter
from application.queue import QueueFilter
from domain.complaint import Complaint
from domain.signal import Signal
from tests.conftest import TESTER


def test_the_demo_fills_the_queue_with_explained_flags_of_every_kind(service: Service) -> None:
    count = load_demo(service)
    cases = service.reads.page(CaseFilter(), 500, None, TESTER).rows
    signals = service.reads.page(CaseFilter(case_type="signal"), 500, None, TESTER).rows
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
    items = service.queue.page(QueueFilter(), 500, None, TESTER).items
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
        kind = Signal if row.case_type == "signal" else Complaint
        clocks = service.reads.case(kind, row.id, TESTER, None).deadlines
        assert clocks and all(c.explanation for c in clocks)
        assert all("recorded when the clock started" in c.explanation for c in clocks), row


def test_the_demo_complaints_are_imported_as_a_register_and_no_breach_is_ever_cleared(
    service: Service,
) -> None:
    """The demo's histories come in as a register does: judged once the whole history is in,
    so no history shows a breach that was raised and then cleared by a later back-dated step."""
    load_demo(service)
    rows = service.reads.page(CaseFilter(), 500, None, TESTER).rows
    imported = 0
    for row in rows:
        events = service.reads.history(Complaint, row.id, TESTER)
        breaches = {
            e.data["key"]
            for e in events
            if e.type == "FlagRaised" and e.data["severity"] == "breach"
        }
        cleared = {e.data["key"] for e in events if e.type == "FlagCleared"}
        assert not breaches & cleared, (row.reference, breaches & cleared)
        imported += events[0].actor == f"import:{REGISTER}"
    assert imported == 30  # the complaint a signal escalated to is not from the register
