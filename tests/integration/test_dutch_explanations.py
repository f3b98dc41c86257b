"""Explanations in Dutch: every clock and flag of the demo said in Dutch, nothing left in English,
and every Dutch template belongs to a template the domain still writes."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from adapters.bootstrap import Service
from adapters.demo import load_demo
from adapters.explanation_words import DUTCH, TEMPLATES, explained_in_dutch
from application.ports import CaseFilter
from application.queue import QueueFilter
from domain.complaint import Complaint
from domain.signal import Signal
from domain.wording import say
from tests.conftest import TESTER

DOMAIN = Path(__file__).resolve().parents[2] / "domain"
ENGLISH_WORDS = re.compile(
    r"\b(due|working days|received|skipped|warning|policy|suspended|extended|Met|Breached|"
    r"Stopped|Mon|Tue|Wed|Thu|Fri|Sat|Sun|upheld|King's Day|Christmas)\b"
)


def test_every_clock_and_flag_of_the_demo_reads_in_dutch(service: Service) -> None:
    load_demo(service)
    said = []
    for row in service.reads.page(CaseFilter(), 500, None, TESTER).rows:
        kind = Signal if row.case_type == "signal" else Complaint
        view = service.reads.case(kind, row.id, TESTER, None)
        said += [explained_in_dutch(clock) for clock in view.deadlines]
        said += [explained_in_dutch(flag) for flag in view.case.open_flags.values()]
    items = service.queue.page(QueueFilter(), 500, None, TESTER).items
    assert items and all(item.explained is not None for item in items)
    said += [explained_in_dutch(item) for item in items]
    assert len(said) > 100
    english = {text for text in said if ENGLISH_WORDS.search(text)}
    assert english == set()
    assert any("werkdagen na ontvangst" in text and "uiterlijk eind" in text for text in said)


def test_a_clock_over_a_holiday_names_it_in_dutch(service: Service) -> None:
    load_demo(service)
    clocks = [
        clock
        for row in service.reads.page(CaseFilter(), 500, None, TESTER).rows
        for clock in service.reads.case(Complaint, row.id, TESTER, None).deadlines
        if row.case_type == "complaint"
    ]
    skipped = [c for c in clocks if "skipped" in c.explanation]
    assert skipped, "the demo has clocks that skip weekends"
    dutch = say(skipped[0].explain(), DUTCH)
    assert "overgeslagen: " in dutch and re.search(r"\b(za|zo) \d+ [a-z]{3}\b", dutch), dutch


def template_strings() -> set[str]:
    """Every string constant in the domain's source (templates are among them)."""
    found = set()
    for path in DOMAIN.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def test_every_dutch_template_translates_one_the_domain_writes() -> None:
    assert set(TEMPLATES) - template_strings() == set()
    for english, dutch in TEMPLATES.items():
        blanks = set(re.findall(r"{(\w+)}", english))
        assert set(re.findall(r"{(\w+)}", dutch)) == blanks, english
