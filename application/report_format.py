"""The complaints analysis as CSV for spreadsheets and as one self-contained HTML page."""

from __future__ import annotations

import csv
import io
from html import escape
from typing import Any

from application.report_charts import bar_chart, grouped_bars


def to_csv(report: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "item", "value"])
    for section, item, value in _flatten(report):
        writer.writerow([section, item, value])
    return out.getvalue()


def _flatten(value: Any, path: tuple[str, ...] = ()) -> list[tuple[str, str, Any]]:
    if isinstance(value, dict):
        return [row for k, v in value.items() for row in _flatten(v, (*path, str(k)))]
    if isinstance(value, list):
        return [(path[0], ".".join(path[1:]) or str(i), v) for i, v in enumerate(value)]
    return [(path[0], ".".join(path[1:]), "" if value is None else value)]


LABELS = {
    "apology_and_measures": "apology and measures",
    "apology_only": "apology only",
    "measures_only": "measures only",
    "unanswered": "not answered",
    "upheld_response": "answer after an upheld ruling",
    "signal_acknowledgement": "signal acknowledgement",
}


def _table(title: str, cells: dict[str, Any]) -> str:
    rows = "".join(
        f"<tr><th scope='row'>{escape(LABELS.get(k, k.replace('_', ' ')))}</th>"
        f"<td>{escape(str(v))}</td></tr>"
        for k, v in cells.items()
    )
    return f"<table><caption>{escape(title)}</caption>{rows}</table>"


def _share(value: Any) -> str:
    return f"{value * 100:.0f}%" if isinstance(value, float) else str(value)


def to_html(report: dict[str, Any]) -> str:
    c, sig, up = report["complaints"], report["signals"], report["upheld"]
    months = sorted(set(c["by_month"]) | set(sig["by_month"]))
    trend = grouped_bars(
        "Signals and complaints per month",
        months,
        {
            "signals": [sig["by_month"].get(m, report["hidden"]) for m in months],
            "complaints": [c["by_month"].get(m, report["hidden"]) for m in months],
        },
    )
    distribution = bar_chart(
        "Working days from conversation to minutes (norm: 5)",
        report["minutes_distribution"],
        marker=str(report["minutes_norm_days"]),
    )
    answers = bar_chart(
        "How upheld rulings were answered",
        {LABELS[k]: v for k, v in up["answered"].items()},
    )
    on_time = {LABELS.get(k, k): _share(v["share"]) for k, v in report["on_time"].items()}
    days = {
        k.replace("_", " "): f"median {v['median']}, 90% within {v['p90']} ({v['cases']} cases)"
        if v["median"] is not None
        else f"too few cases to show ({v['cases']})"
        for k, v in report["working_days"].items()
    }
    measures = "".join(f"<li>{escape(m)}</li>" for m in report["measures"]) or "<li>none</li>"
    period = report["period"]
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Complaints analysis {escape(period["from"])} to {escape(period["to"])}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #1c1c1c; }}
h1 {{ font-size: 1.6rem; }} h2 {{ font-size: 1.2rem; margin-top: 2rem; }}
table {{ border-collapse: collapse; margin: 1rem 0; min-width: 20rem; }}
caption {{ text-align: left; font-weight: 600; padding-bottom: .3rem; }}
th, td {{ border-bottom: 1px solid #ddd; padding: .25rem .6rem; text-align: left; }}
td {{ text-align: right; }} .note {{ color: #555; font-size: .9rem; }}
.grid {{ display: flex; flex-wrap: wrap; gap: 1.5rem; }}
svg {{ max-width: 100%; height: auto; }}
@media print {{ body {{ margin: 0; }} }}
</style></head><body>
<h1>Complaints analysis {escape(period["from"])} to {escape(period["to"])}</h1>
<p class="note">Policy versions covered: {escape(", ".join(report["policy_versions"]) or "none")}.
Publishable: no names, no dossier references, no free text except the measures taken;
{escape(report["suppression"])}.</p>
<h2>What we heard</h2>
<p>{escape(str(c["total"]))} complaints and {escape(str(sig["received"]))} signals of
dissatisfaction.</p>
{trend}
<div class="grid">{_table("Complaints by channel", c["by_channel"])}
{_table("Complaints by team", c["by_team"])}{_table("Rulings by verdict", c["by_verdict"])}
{
        _table(
            "Signals",
            {
                "received": sig["received"],
                "acknowledged in time": sig["acknowledged_in_time"],
                **sig["outcome"],
            },
        )
    }</div>
<h2>How fast we answered</h2>
{distribution}
<div class="grid">{_table("Working days", days)}{_table("Share on time, per norm", on_time)}</div>
<h2>What we did with upheld complaints</h2>
{answers}
<p>{escape(str(up["rulings"]))} upheld rulings; share answered with an apology:
{escape(_share(up["share_with_apology"]))}.</p>
<h3>Measures taken</h3><ul>{measures}</ul>
</body></html>
"""
