"""The yearly complaints analysis, publishable by construction: every small count is "<5"."""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import date, datetime, time, timedelta
from typing import Any, Protocol

from domain.calendar import AMSTERDAM

Cell = int | str


class Suppressor:
    """Shows counts below `minimum` as "<5", also where a subtraction from a total would tell."""

    def __init__(self, minimum: int = 5) -> None:
        self.minimum = minimum
        self.hidden = f"<{minimum}"

    def count(self, value: int) -> Cell:
        return self.hidden if value < self.minimum else value

    def breakdown(self, cells: dict[str, int], total: int) -> dict[str, Cell]:
        """Cells that add up to a shown total: hide small ones, and never exactly one."""
        if total < self.minimum:
            return {key: self.hidden for key in cells}
        hidden = {key for key, value in cells.items() if value < self.minimum}
        if len(hidden) == 1 and len(cells) > 1:  # total minus the others would reveal it
            rest = sorted((v, k) for k, v in cells.items() if k not in hidden)
            hidden.add(rest[0][1])
        return {key: self.hidden if key in hidden else value for key, value in cells.items()}

    def part(self, value: int, total: int) -> Cell:
        """A part of a shown total: hidden when it or the rest of the total is small."""
        return self.hidden if value < self.minimum or total - value < self.minimum else value

    def share(self, value: int, total: int) -> float | str:
        """A share, unless it would reveal fewer than `minimum` cases on either side."""
        if total == 0:
            return "no cases"
        if self.part(value, total) == self.hidden:
            return f"hidden (under {self.minimum} cases on one side)"
        return round(value / total, 3)

    def spread(self, values: list[int]) -> dict[str, Any]:
        """Median and 90th percentile of working days, only over enough cases to hide each."""
        if len(values) < self.minimum:
            return {"cases": self.count(len(values)), "median": None, "p90": None}
        ordered = sorted(values)
        p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
        return {"cases": len(values), "median": statistics.median(ordered), "p90": p90}


NORMS = {
    "acknowledgement": "acknowledgement_on_time",
    "minutes": "minutes_on_time",
    "decision": "decision_on_time",
    "upheld_response": "answer_on_time",
    "signal_acknowledgement": "acknowledged_on_time",
}


def analyse(rows: list[dict[str, Any]], period: dict[str, str], minimum: int = 5) -> dict[str, Any]:
    s = Suppressor(minimum)
    complaints = [r for r in rows if r["case_type"] == "complaint"]
    signals = [r for r in rows if r["case_type"] == "signal"]
    total = len(complaints)

    def by(key: str, among: list[dict[str, Any]]) -> dict[str, Cell]:
        counted = Counter(str(r[key]) for r in among if r.get(key) is not None)
        return s.breakdown(dict(sorted(counted.items())), sum(counted.values()))

    ruled = [r for r in complaints if r.get("verdict")]
    upheld = [r for r in complaints if r.get("upheld")]
    answered = Counter(_answer(r) for r in upheld)
    with_apology = answered["apology_and_measures"] + answered["apology_only"]
    outcome = Counter(
        "escalated" if r["escalated"] else "resolved" if r["resolved"] else "open" for r in signals
    )
    acknowledged = sum(1 for r in signals if r.get("acknowledged_on_time"))
    minutes = [r["minutes_days"] for r in complaints if r.get("minutes_days") is not None]
    return {
        "period": period,
        "policy_versions": sorted({str(r["policy_version"]) for r in rows if r["policy_version"]}),
        "hidden": s.hidden,
        "suppression": f"every count below {minimum} is shown as {s.hidden}, and so is any "
        "count that could be worked out by subtraction from a total",
        "complaints": {
            "total": s.count(total),
            "by_channel": by("channel", complaints),
            "by_verdict": by("verdict", ruled),
            "by_team": by("team", complaints),
            "by_month": by("month", complaints),
        },
        "signals": {
            "received": s.count(len(signals)),
            "acknowledged_in_time": s.part(acknowledged, len(signals)),
            "outcome": s.breakdown(
                {k: outcome[k] for k in ("resolved", "escalated", "open")}, len(signals)
            ),
            "by_month": by("month", signals),
        },
        "working_days": {
            "to_acknowledgement": s.spread(
                [
                    r["acknowledgement_days"]
                    for r in complaints
                    if r.get("acknowledgement_days") is not None
                ]
            ),
            "to_minutes": s.spread(minutes),
            "to_answer_after_upheld": s.spread(
                [r["answer_days"] for r in upheld if r.get("answer_days") is not None]
            ),
        },
        "on_time": {norm: _on_time(s, rows, field) for norm, field in NORMS.items()},
        "upheld": {
            "rulings": s.count(len(upheld)),
            "answered": s.breakdown(
                {
                    k: answered[k]
                    for k in ("apology_and_measures", "apology_only", "measures_only", "unanswered")
                },
                len(upheld),
            ),
            "share_with_apology": s.share(with_apology, len(upheld)),
        },
        "measures": sorted({m for r in upheld for m in r.get("measures", [])}),
        "minutes_distribution": _distribution(s, minutes),
        "minutes_norm_days": 5,
    }


def _answer(row: dict[str, Any]) -> str:
    if row.get("apology") and row.get("measures_given"):
        return "apology_and_measures"
    if row.get("apology"):
        return "apology_only"
    return "measures_only" if row.get("measures_given") else "unanswered"


def _on_time(s: Suppressor, rows: list[dict[str, Any]], field: str) -> dict[str, Any]:
    judged = [r[field] for r in rows if r.get(field) is not None]
    return {"judged": s.count(len(judged)), "share": s.share(sum(judged), len(judged))}


def _distribution(s: Suppressor, days: list[int]) -> dict[str, Cell]:
    bins = Counter(str(d) if d < 10 else "10+" for d in days)
    ordered = {str(d): bins[str(d)] for d in range(10)} | {"10+": bins["10+"]}
    return s.breakdown(ordered, len(days))


class ReportRows(Protocol):
    def received_between(self, start: datetime, end: datetime) -> list[dict[str, Any]]: ...


def complaints_analysis(
    rows: ReportRows, first: date, last: date, minimum: int = 5
) -> dict[str, Any]:
    """The analysis of every case received from `first` to `last` (inclusive, Amsterdam days)."""
    start = datetime.combine(first, time(), tzinfo=AMSTERDAM)
    end = datetime.combine(last + timedelta(days=1), time(), tzinfo=AMSTERDAM)
    period = {"from": first.isoformat(), "to": last.isoformat()}
    return analyse(rows.received_between(start, end), period, minimum)
