"""The report writes numbers and months as a Dutch or English reader writes them."""

from __future__ import annotations

from adapters.report_words import Words


def test_numbers_are_written_with_the_languages_decimal_mark_and_hidden_counts_stay() -> None:
    assert [Words("nl").number(v) for v in (2.5, 2, 1234, "<5")] == ["2,5", "2", "1.234", "<5"]
    assert [Words("en").number(v) for v in (2.5, 2, 1234)] == ["2.5", "2", "1,234"]


def test_months_are_abbreviated_in_the_readers_language() -> None:
    assert Words("nl").month("2026-03") == "mrt 2026"
    assert Words("en").month("2026-03") == "Mar 2026"
