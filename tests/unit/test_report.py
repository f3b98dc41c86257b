"""The complaints analysis against a hand-computed fixture, and its small-count suppression."""

from __future__ import annotations

from datetime import date
from typing import Any

from application.report import Suppressor, analyse, months_between, share


def complaint(**facts: Any) -> dict[str, Any]:
    row = {
        "case_type": "complaint",
        "month": "2026-03",
        "channel": "email",
        "team": "Noord",
        "policy_version": "2019-1",
        "verdict": None,
        "upheld": False,
        "acknowledgement_days": None,
        "acknowledgement_on_time": None,
        "minutes_days": None,
        "minutes_on_time": None,
        "decision_on_time": None,
        "answer_days": None,
        "answer_on_time": None,
        "apology": False,
        "measures_given": False,
        "measures": [],
        "summaries": [],
        "themes": [],
    }
    return row | facts


def signal(**facts: Any) -> dict[str, Any]:
    row = {
        "case_type": "signal",
        "month": "2026-03",
        "channel": "phone",
        "team": "Noord",
        "policy_version": "2019-1",
        "acknowledged_on_time": True,
        "resolved": True,
        "escalated": False,
    }
    return row | facts


MEASURES = [  # due and done dates of five measures, judged on 1 Nov 2026
    {"due": "2026-06-01", "done_at": "2026-05-20T10:00:00+00:00"},  # done on time
    {"due": "2026-06-01", "done_at": "2026-06-10T10:00:00+00:00"},  # done late
    {"due": "2026-10-01", "done_at": None},  # overdue
    {"due": "2026-09-01", "done_at": None},  # overdue
    {"due": "2026-12-01", "done_at": None},  # still open
]

FIXTURE = (
    # 6 by e-mail acknowledged in 1..6 working days (on time up to 5), minutes in 2 days
    [
        complaint(
            acknowledgement_days=d,
            acknowledgement_on_time=d <= 5,
            minutes_days=2,
            minutes_on_time=True,
        )
        for d in range(1, 7)
    ]
    # 6 by phone in April, acknowledged in 2 days, upheld; 5 answered with apology and measures
    + [
        complaint(
            channel="phone",
            month="2026-04",
            acknowledgement_days=2,
            acknowledgement_on_time=True,
            verdict="upheld",
            upheld=True,
            answer_days=10,
            answer_on_time=True,
            apology=True,
            measures_given=True,
            measures=[MEASURES[n]],
            summaries=["Elk gezin een vaste contactpersoon"] if n == 0 else [],
        )
        for n in range(5)
    ]
    + [
        complaint(
            channel="phone",
            month="2026-04",
            acknowledgement_days=2,
            acknowledgement_on_time=True,
            verdict="upheld",
            upheld=True,
        )
    ]
    + [signal() for _ in range(7)]
    + [signal(resolved=False, escalated=True) for _ in range(6)]
)


def analysed(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return analyse(rows, date(2026, 1, 1), date(2026, 12, 31), today=date(2026, 11, 1))


def test_the_numbers_match_the_hand_computed_fixture() -> None:
    report = analysed(FIXTURE)
    c = report["complaints"]
    assert c["total"] == 12
    assert c["by_channel"] == {"email": 6, "phone": 6}
    assert c["by_month"] == {f"2026-{m:02d}": 0 for m in range(1, 13)} | {
        "2026-03": 6,
        "2026-04": 6,
    }
    assert c["by_verdict"] == {"upheld": 6}
    # acknowledgement days: 1,2,3,4,5,6 and six times 2 -> sorted 1,2,2,2,2,2,2,2,3,4,5,6
    assert report["working_days"]["to_acknowledgement"] == {"cases": 12, "median": 2, "p90": 5}
    assert report["working_days"]["to_minutes"] == {"cases": 6, "median": 2, "p90": 2}
    assert report["working_days"]["to_answer_after_upheld"]["median"] == 10
    # 11 of 12 acknowledged on time: a share of the organisation's speed, shown from 10 judged
    assert report["on_time"]["acknowledgement"] == {"judged": 12, "share": 92}
    assert report["on_time"]["minutes"] == {"judged": 6, "share": None}  # too few judged
    assert report["signals"]["received"] == 13
    # no signal is open (0, shown: it reveals no one); 6 escalated and 7 resolved are shown
    assert report["signals"]["outcome"] == {"resolved": 7, "escalated": 6, "open": 0}
    assert report["upheld"]["rulings"] == 6
    # 1 unanswered is hidden, so the 5 answered with both are hidden too: 6 - 0 - 0 = 6 would
    # otherwise tell the unanswered one
    assert report["upheld"]["answered"] == {
        "apology_and_measures": "<5",
        "apology_only": 0,
        "measures_only": 0,
        "unanswered": "<5",
    }
    assert report["measures"] == {
        "taken": 5,
        "done_on_time": 1,
        "done_late": 1,
        "overdue": 2,
        "open": 1,
    }
    assert report["summaries"] == ["Elk gezin een vaste contactpersoon"]
    assert [v["version"] for v in report["policy_versions"]] == ["2019-1"]


def test_every_count_of_one_to_four_is_hidden_and_nobody_is_zero() -> None:
    s = Suppressor(5)
    assert [s.count(n) for n in (0, 1, 4, 5, 12)] == [0, "<5", "<5", 5, 12]


def test_a_single_small_cell_is_not_left_derivable_from_the_total() -> None:
    s = Suppressor(5)
    shown = s.breakdown({"upheld": 3, "unfounded": 20, "inadmissible": 9, "none": 0}, 32)
    assert shown == {"upheld": "<5", "unfounded": 20, "inadmissible": "<5", "none": 0}
    # 32 - 20 = 12 is what the two hidden cells share: neither can be told apart


def test_a_small_total_hides_every_cell_that_holds_someone() -> None:
    assert Suppressor(5).breakdown({"a": 2, "b": 2, "c": 0}, 4) == {"a": "<5", "b": "<5", "c": 0}


def test_hidden_cells_that_must_all_be_one_are_joined_by_the_smallest_shown_cell() -> None:
    # 8 signals: 1 resolved and 1 escalated hidden would be 8 - 6 = 2, so 1 each
    shown = Suppressor(5).breakdown({"resolved": 1, "escalated": 1, "open": 6}, 8)
    assert shown == {"resolved": "<5", "escalated": "<5", "open": "<5"}


def test_hidden_cells_that_must_all_be_four_are_joined_by_an_empty_cell_when_nothing_else() -> None:
    # 8 signals in October and November: two hidden cells sharing 8 are 4 each
    months = {"2026-09": 0, "2026-10": 4, "2026-11": 4, "2026-12": 0}
    shown = Suppressor(5).breakdown(months, 8)
    assert shown == {"2026-09": "<5", "2026-10": "<5", "2026-11": "<5", "2026-12": 0}


def test_no_hidden_cell_can_be_worked_out_from_its_total() -> None:
    s = Suppressor(5)
    for cells in ({"a": 1, "b": 1, "c": 1, "d": 9}, {"a": 4, "b": 4, "c": 4, "d": 30, "e": 0}):
        shown = s.breakdown(cells, sum(cells.values()))
        hidden = [cells[k] for k, v in shown.items() if v == s.hidden]
        assert hidden and not s.derivable(hidden), (cells, shown)


def test_the_upheld_rulings_count_does_not_tell_a_hidden_verdict() -> None:
    rows = (
        [complaint(verdict="upheld", upheld=True) for _ in range(3)]
        + [complaint(verdict="partly_upheld", upheld=True) for _ in range(6)]
        + [complaint(verdict="unfounded") for _ in range(20)]
    )
    report = analysed(rows)
    verdicts, rulings = report["complaints"]["by_verdict"], report["upheld"]["rulings"]
    assert rulings == 9  # upheld and partly upheld together: neither may then be shown
    assert verdicts["upheld"] == verdicts["partly_upheld"] == "<5"


def test_upheld_rulings_that_are_two_hidden_fours_are_hidden_with_their_answers() -> None:
    rows = (
        [complaint(verdict="upheld", upheld=True, apology=True) for _ in range(4)]
        + [complaint(verdict="partly_upheld", upheld=True, apology=True) for _ in range(4)]
        + [complaint(verdict="unfounded") for _ in range(20)]
    )
    report = analysed(rows)
    assert report["upheld"]["rulings"] == "<5"
    assert report["upheld"]["answered"]["apology_only"] == "<5"


def test_medians_over_too_few_cases_are_not_shown() -> None:
    assert Suppressor(5).spread([3, 4, 5]) == {"cases": "<5", "median": None, "p90": None}


def test_a_median_is_written_as_people_write_it() -> None:
    assert Suppressor(5).spread([1, 2, 2, 3, 3, 4])["median"] == 2.5
    whole = Suppressor(5).spread([2, 2, 2, 2, 2])["median"]
    assert whole == 2 and type(whole) is int  # "2", never "2.0"


def test_shares_on_time_are_whole_percentages_from_ten_judged() -> None:
    assert [share(9, 9), share(9, 10), share(2, 3), share(7, 11)] == [None, 90, None, 64]


def test_every_month_of_the_period_is_listed() -> None:
    assert months_between(date(2025, 11, 15), date(2026, 2, 1)) == [
        "2025-11",
        "2025-12",
        "2026-01",
        "2026-02",
    ]


def test_the_report_holds_no_names_dossiers_or_free_text_but_approved_summaries() -> None:
    report = analysed(FIXTURE)
    text = repr({k: v for k, v in report.items() if k != "summaries"})
    for forbidden in ("complainant", "dossier", "description", "contactpersoon", "evidence"):
        assert forbidden not in text
