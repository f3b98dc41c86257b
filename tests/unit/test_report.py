"""The complaints analysis against a hand-computed fixture, and its small-count suppression."""

from __future__ import annotations

from typing import Any

from application.report import Suppressor, analyse


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
            measures=["Vaste contactpersoon"],
        )
        for _ in range(5)
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


def test_the_numbers_match_the_hand_computed_fixture() -> None:
    report = analyse(FIXTURE, {"from": "2026-01-01", "to": "2026-12-31"})
    c = report["complaints"]
    assert c["total"] == 12
    assert c["by_channel"] == {"email": 6, "phone": 6}
    assert c["by_month"] == {"2026-03": 6, "2026-04": 6}
    assert c["by_verdict"] == {"upheld": 6}
    # acknowledgement days: 1,2,3,4,5,6 and six times 2 -> sorted 1,2,2,2,2,2,2,2,3,4,5,6
    assert report["working_days"]["to_acknowledgement"] == {"cases": 12, "median": 2.0, "p90": 5}
    assert report["working_days"]["to_minutes"] == {"cases": 6, "median": 2.0, "p90": 2}
    assert report["working_days"]["to_answer_after_upheld"]["median"] == 10
    # 11 of 12 acknowledged on time, but only 1 late: the share would reveal it
    assert report["on_time"]["acknowledgement"]["share"].startswith("hidden")
    assert report["signals"]["received"] == 13
    # no signal is open (0, hidden), so the smallest other cell is hidden too
    assert report["signals"]["outcome"] == {"resolved": 7, "escalated": "<5", "open": "<5"}
    assert report["upheld"]["rulings"] == 6
    assert report["measures"] == ["Vaste contactpersoon"]
    assert report["policy_versions"] == ["2019-1"]


def test_every_count_below_five_is_hidden() -> None:
    s = Suppressor(5)
    assert [s.count(n) for n in (0, 1, 4, 5, 12)] == ["<5", "<5", "<5", 5, 12]


def test_a_single_small_cell_is_not_left_derivable_from_the_total() -> None:
    s = Suppressor(5)
    shown = s.breakdown({"upheld": 3, "unfounded": 20, "inadmissible": 9}, 32)
    assert shown == {"upheld": "<5", "unfounded": 20, "inadmissible": "<5"}
    # 32 - 20 = 12 is what the two hidden cells share: neither can be told apart


def test_a_part_of_a_total_is_hidden_when_the_rest_is_small() -> None:
    s = Suppressor(5)
    assert s.part(10, 12) == "<5"  # 12 - 10 = 2 would reveal two cases
    assert s.part(10, 20) == 10


def test_a_small_total_hides_every_cell() -> None:
    assert Suppressor(5).breakdown({"a": 2, "b": 2}, 4) == {"a": "<5", "b": "<5"}


def test_medians_over_too_few_cases_are_not_shown() -> None:
    assert Suppressor(5).spread([3, 4, 5]) == {"cases": "<5", "median": None, "p90": None}


def test_the_report_holds_no_names_dossiers_or_free_text() -> None:
    text = repr(analyse(FIXTURE, {"from": "2026-01-01", "to": "2026-12-31"}))
    for forbidden in ("complainant", "dossier", "description", "summary"):
        assert forbidden not in text
