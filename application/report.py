"""The yearly complaints analysis, written for publication: counts of complaints, signals or
people below 5 are "<5" (also where a subtraction would reveal them), shares on time are whole
percentages where at least 10 cases were judged, and free text is only approved summaries."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict
from datetime import date, datetime, time, timedelta
from typing import Any

from application.ports import Clock, ReportRows
from domain.calendar import AMSTERDAM
from domain.policy import PolicyBook
from domain.values import Verdict

Cell = int | str
JUDGED_FOR_A_SHARE = 10
NORMS = {
    "acknowledgement": "acknowledgement_on_time",
    "minutes": "minutes_on_time",
    "decision": "decision_on_time",
    "upheld_response": "answer_on_time",
    "signal_acknowledgement": "acknowledged_on_time",
}
UPHELD_VERDICTS = tuple(v.value for v in Verdict if v.is_upheld)
ANSWERS = ("apology_and_measures", "apology_only", "measures_only", "unanswered")


class Suppressor:
    """Shows counts of 1 to `minimum - 1` as "<5", also where a subtraction would tell them."""

    def __init__(self, minimum: int = 5) -> None:
        self.minimum = minimum
        self.hidden = f"<{minimum}"

    def _small(self, value: int) -> bool:
        return 0 < value < self.minimum  # no one is revealed by a count of nobody

    def count(self, value: int) -> Cell:
        return self.hidden if self._small(value) else value

    def breakdown(
        self, cells: dict[str, int], total: int, *, hide: Iterable[str] = ()
    ) -> dict[str, Cell]:
        """Cells that add up to a shown total: small ones hidden (with any in `hide`), then more,
        the smallest first and an empty one last, until no hidden cell follows from the total."""
        if self._small(total):
            return {key: self.hidden if value else 0 for key, value in cells.items()}
        hidden = {key for key, value in cells.items() if self._small(value)}
        hidden |= set(hide) & cells.keys()
        while hidden and self.derivable([cells[key] for key in hidden]):
            shown = sorted((value == 0, value, key) for key, value in cells.items())
            more = [key for _, _, key in shown if key not in hidden]
            if not more:
                break
            hidden.add(more[0])
        return {key: self.hidden if key in hidden else value for key, value in cells.items()}

    def derivable(self, hidden: list[int]) -> bool:
        """Whether a reader who knows their sum (the total minus the shown cells) and takes each
        hidden cell as 1 to `minimum - 1` can tell every one: one cell, all 1s or all 4s."""
        cells, rest = len(hidden), sum(hidden)
        return cells == 1 or rest in (cells, cells * (self.minimum - 1))

    def spread(self, values: list[int]) -> dict[str, Any]:
        """Median and 90th percentile of working days, only over at least `minimum` cases."""
        if len(values) < self.minimum:
            return {"cases": self.count(len(values)), "median": None, "p90": None}
        ordered = sorted(values)
        p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
        return {"cases": len(values), "median": _number(statistics.median(ordered)), "p90": p90}


def _number(value: float) -> int | float:
    """2.0 is written 2; 2.5 stays 2.5 (the renderer writes "2,5" in Dutch)."""
    return int(value) if float(value).is_integer() else round(value, 1)


def share(on_time: int, judged: int) -> int | None:
    """A whole percentage, where enough cases were judged for it to describe the organisation."""
    return round(100 * on_time / judged) if judged >= JUDGED_FOR_A_SHARE else None


def months_between(first: date, last: date) -> list[str]:
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def analyse(
    rows: list[dict[str, Any]],
    first: date,
    last: date,
    *,
    today: date,
    minimum: int = 5,
    book: PolicyBook | None = None,
) -> dict[str, Any]:
    """The analysis of the rows received from `first` to `last`, as things stood on `today`."""
    s = Suppressor(minimum)
    complaints = [r for r in rows if r["case_type"] == "complaint"]
    signals = [r for r in rows if r["case_type"] == "signal"]
    months = months_between(first, last)

    def by(
        key: str, among: list[dict[str, Any]], keys: Iterable[str] = (), hide: Iterable[str] = ()
    ) -> dict[str, Cell]:
        counted = Counter(str(r[key]) for r in among if r.get(key) is not None)
        cells = {k: counted[k] for k in keys} | dict(sorted(counted.items()))
        return s.breakdown(cells, sum(counted.values()), hide=hide)

    upheld = [r for r in complaints if r.get("upheld")]
    ruled = [r for r in complaints if r.get("verdict")]
    by_verdict = by("verdict", ruled)
    tied = [v for v in UPHELD_VERDICTS if by_verdict.get(v) == s.hidden]
    if len(tied) == 1:  # the upheld rulings' count minus the one shown would tell the other
        by_verdict = by("verdict", ruled, hide=UPHELD_VERDICTS)
    verdicts = Counter(str(r["verdict"]) for r in ruled)
    pair = [verdicts[v] for v in UPHELD_VERDICTS]
    told = all(by_verdict.get(v) == s.hidden for v in UPHELD_VERDICTS) and s.derivable(pair)
    rulings = s.hidden if told else s.count(len(upheld))  # 8 rulings as two hidden 4s: hide 8
    answered = Counter(_answer(r) for r in upheld)
    outcome = Counter(
        "escalated" if r["escalated"] else "resolved" if r["resolved"] else "open" for r in signals
    )
    themes = Counter(t for r in complaints for t in r.get("themes", []))
    minutes = [r["minutes_days"] for r in complaints if r.get("minutes_days") is not None]
    return {
        "period": {"from": first.isoformat(), "to": last.isoformat()},
        "months": months,
        "hidden": s.hidden,
        "minimum_count": minimum,
        "judged_for_a_share": JUDGED_FOR_A_SHARE,
        "policy_versions": _versions(rows, book),
        "complaints": {
            "total": s.count(len(complaints)),
            "by_channel": by("channel", complaints),
            "by_verdict": by_verdict,
            "by_team": by("team", complaints),
            "by_month": by("month", complaints, months),
            "by_theme": {t: s.count(n) for t, n in sorted(themes.items())},
        },
        "signals": {
            "received": s.count(len(signals)),
            "outcome": s.breakdown(
                {k: outcome[k] for k in ("resolved", "escalated", "open")}, len(signals)
            ),
            "by_month": by("month", signals, months),
        },
        "working_days": {
            "to_acknowledgement": s.spread(_values(complaints, "acknowledgement_days")),
            "to_minutes": s.spread(minutes),
            "to_answer_after_upheld": s.spread(_values(upheld, "answer_days")),
        },
        "on_time": {norm: _on_time(s, rows, field) for norm, field in NORMS.items()},
        "upheld": {
            "rulings": rulings,
            "answered": s.breakdown(
                {k: answered[k] for k in ANSWERS}, len(upheld), hide=ANSWERS if told else ()
            ),
            "share_with_apology": share(
                answered["apology_and_measures"] + answered["apology_only"], len(upheld)
            ),
        },
        "measures": _measures(complaints, today),
        "summaries": sorted({t for r in complaints for t in r.get("summaries", [])}),
        "minutes_distribution": _distribution(s, minutes),
        "minutes_norm_days": _usual(r.get("minutes_norm_days") for r in complaints),
    }


def _values(rows: list[dict[str, Any]], key: str) -> list[int]:
    return [r[key] for r in rows if r.get(key) is not None]


def _usual(values: Iterable[Any]) -> int | None:
    """The norm most of the period's cases were judged by (policy versions can differ)."""
    counted = Counter(v for v in values if v is not None)
    return counted.most_common(1)[0][0] if counted else None


def _answer(row: dict[str, Any]) -> str:
    if row.get("apology") and row.get("measures_given"):
        return "apology_and_measures"
    if row.get("apology"):
        return "apology_only"
    return "measures_only" if row.get("measures_given") else "unanswered"


def _on_time(s: Suppressor, rows: list[dict[str, Any]], field: str) -> dict[str, Any]:
    judged = [r[field] for r in rows if r.get(field) is not None]
    return {"judged": s.count(len(judged)), "share": share(sum(judged), len(judged))}


def _measures(complaints: list[dict[str, Any]], today: date) -> dict[str, int]:
    """Counts of measures (not of people): taken, done in time or late, overdue or open."""
    measures = [m for r in complaints for m in r.get("measures", [])]
    counted: Counter[str] = Counter()
    for m in measures:
        due = date.fromisoformat(m["due"]) if m["due"] else None
        done = _local_date(m["done_at"]) if m["done_at"] else None
        if done is not None:
            counted["done_on_time" if due is None or done <= due else "done_late"] += 1
        elif due is not None and due < today:
            counted["overdue"] += 1
        else:
            counted["open"] += 1
    keys = ("done_on_time", "done_late", "overdue", "open")
    return {"taken": len(measures)} | {k: counted[k] for k in keys}


def _local_date(moment: str) -> date:
    return datetime.fromisoformat(moment).astimezone(AMSTERDAM).date()


def _distribution(s: Suppressor, days: list[int]) -> dict[str, Cell]:
    bins = Counter(str(d) if d < 10 else "10+" for d in days)
    ordered = {str(d): bins[str(d)] for d in range(10)} | {"10+": bins["10+"]}
    return s.breakdown(ordered, len(days))


def _versions(rows: list[dict[str, Any]], book: PolicyBook | None) -> list[dict[str, Any]]:
    """Each version of the norms the period's cases were judged by, with its norms."""
    names = sorted({str(r["policy_version"]) for r in rows if r.get("policy_version")})
    found = {name: book.named(name) if book else None for name in names}
    return [
        {"version": name, "norms": _norms(asdict(policy)) if policy else None}
        for name, policy in found.items()
    ]


def _norms(policy: dict[str, Any]) -> dict[str, int]:
    keep = (
        "acknowledgement_days",
        "minutes_days",
        "decision_weeks",
        "upheld_response_months",
        "signal_acknowledgement_days",
        "measure_warn_days",
    )
    return {key: policy[key] for key in keep}


class Reports:
    """The published analyses, from the reports read model."""

    def __init__(
        self, rows: ReportRows, clock: Clock, book: PolicyBook, organisation: str, minimum: int = 5
    ) -> None:
        self._rows = rows
        self._clock = clock
        self._book = book
        self._organisation = organisation
        self._minimum = minimum

    def complaints_analysis(self, first: date, last: date, language: str = "nl") -> dict[str, Any]:
        """The analysis of every case received from `first` to `last` (inclusive, local days)."""
        start = datetime.combine(first, time(), tzinfo=AMSTERDAM)
        end = datetime.combine(last + timedelta(days=1), time(), tzinfo=AMSTERDAM)
        now = self._clock.now()
        rows = self._rows.received_between(start, end)
        analysis = analyse(
            rows,
            first,
            last,
            today=now.astimezone(AMSTERDAM).date(),
            minimum=self._minimum,
            book=self._book,
        )
        made = {"organisation": self._organisation, "language": language, "generated_at": now}
        return made | analysis
