"""The complaints analysis as CSV for spreadsheets and as one self-contained HTML page (which
the PDF is printed from), in Dutch by default or in English."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from html import escape
from typing import Any

from adapters.report_charts import bar_chart, grouped_bars
from adapters.report_words import DASH, Words

STYLE = """
@page { size: A4; margin: 18mm 16mm 20mm;
  @bottom-right { content: "PAGE " counter(page) " OF " counter(pages);
                  font-size: 9pt; color: #555; }
  @bottom-left { content: "FOOTER"; font-size: 9pt; color: #555; } }
body { font-family: "DejaVu Sans", system-ui, sans-serif; margin: 2rem auto; max-width: 60rem;
       color: #1c1c1c; line-height: 1.45; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; } h2 { font-size: 1.25rem; margin-top: 2rem; }
.made { color: #444; margin-top: 0; } .note { color: #444; font-size: .9rem; }
table { border-collapse: collapse; margin: .8rem 0; min-width: 18rem; break-inside: avoid; }
caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
th, td { border-bottom: 1px solid #ddd; padding: .25rem .6rem; text-align: left; }
td { text-align: right; }
.grid > table { display: inline-table; vertical-align: top; margin-right: 1.5rem; }
figure { margin: .8rem 0; break-inside: avoid; } svg { max-width: 100%; height: auto; }
@media print { body { margin: 0; max-width: none; font-size: 9.5pt; } h2 { margin-top: 1.2rem; } }
"""


def to_csv(report: dict[str, Any]) -> str:
    words = Words(report["language"])
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([words["section"], words["item"], words["value"]])
    for section, item, value in _flatten(report):
        writer.writerow([section, words.label(item) if item else item, value])
    return out.getvalue()


def _flatten(value: Any, path: tuple[str, ...] = ()) -> list[tuple[str, str, Any]]:
    if isinstance(value, dict):
        return [row for k, v in value.items() for row in _flatten(v, (*path, str(k)))]
    if isinstance(value, list):  # a list of records (policy versions) flattened per record
        return [
            row
            for i, v in enumerate(value)
            for row in (
                _flatten(v, (*path, str(i)))
                if isinstance(v, dict)
                else [(path[0], ".".join(path[1:]) or str(i), v)]
            )
        ]
    if isinstance(value, datetime):
        value = value.isoformat().replace("+00:00", "Z")
    return [(path[0], ".".join(path[1:]), "" if value is None else value)]


def _table(words: Words, title: str, cells: dict[str, Any], labelled: bool = True) -> str:
    rows = "".join(
        f"<tr><th scope='row'>{escape(words.label(k) if labelled else k)}</th>"
        f"<td>{escape(v if isinstance(v, str) else words.number(v))}</td></tr>"
        for k, v in cells.items()
    )
    return f"<table><caption>{escape(title)}</caption>{rows}</table>"


def _css_text(text: str) -> str:
    """Text safe inside a CSS string and inside the page's <style> element."""
    return "".join(c if c.isalnum() or c in " ·-.,()" else f"\\{ord(c):x} " for c in text)


def _title(words: Words, period: dict[str, str]) -> str:
    first, last = date.fromisoformat(period["from"]), date.fromisoformat(period["to"])
    whole_year = (first.month, first.day, last.month, last.day) == (1, 1, 12, 31)
    if whole_year and first.year == last.year:
        return f"{words['title']} {first.year}"
    return f"{words['title']} {words.day(first)} {DASH} {words.day(last)}"


def to_html(report: dict[str, Any]) -> str:
    w = Words(report["language"])
    c, sig, up = report["complaints"], report["signals"], report["upheld"]
    title = _title(w, report["period"])
    made = w.day(report["generated_at"])
    style = (
        STYLE.replace("PAGE", w["page"])
        .replace("OF", w["of"])
        .replace("FOOTER", _css_text(f"{report['organisation']} · {title}"))
    )
    hidden = report["hidden"]
    months = report["months"]
    trend = grouped_bars(
        w["per_month"],
        [w.month(m) for m in months],
        {
            "complaints": [c["by_month"].get(m, 0) for m in months],
            "signals": [sig["by_month"].get(m, 0) for m in months],
        },
        {"complaints": w["complaints"], "signals": w["signals"]},
    )
    return f"""<!doctype html>
<html lang="{w.language}"><head><meta charset="utf-8">
<title>{escape(title)} · {escape(report["organisation"])}</title>
<style>{style}</style></head><body>
<h1>{escape(title)}</h1>
<p class="made">{escape(report["organisation"])} · {escape(w["made"])} {escape(made)}</p>
<p class="note">{
        escape(
            w["publishable"].format(
                limit=report["minimum_count"] - 1,
                hidden=hidden,
                judged=report["judged_for_a_share"],
            )
        )
    }</p>
<h2>{escape(w["heard"])}</h2>
<p>{
        escape(
            w["heard_text"].format(
                complaints=w.number(c["total"]), signals=w.number(sig["received"])
            )
        )
    }</p>
{trend}
<div class="grid">{_table(w, w["by_channel"], c["by_channel"])}
{_table(w, w["by_verdict"], c["by_verdict"])}
{_table(w, w["by_team"], c["by_team"], labelled=False)}
{_table(w, w["by_theme"], c["by_theme"], labelled=False)}
{_table(w, w["signal_outcome"], sig["outcome"])}</div>
{_speed(w, report)}
<h2>{escape(w["upheld"])}</h2>
{bar_chart(w["answered_chart"], {w.label(k): v for k, v in up["answered"].items()})}
<p>{
        escape(
            w["upheld_text"].format(
                rulings=w.number(up["rulings"]), share=w.percent(up["share_with_apology"])
            )
        )
    }</p>
{_measures(w, report)}
</body></html>
"""


def _speed(w: Words, report: dict[str, Any]) -> str:
    norms = "".join(
        _table(
            w,
            f"{w['version']} {v['version']}",
            {w.label(k).format(n=n): "" for k, n in (v["norms"] or {}).items()},
            labelled=False,
        )
        for v in report["policy_versions"]
    )
    days = {
        w.label(k): w["median"].format(
            median=w.number(v["median"]), p90=w.number(v["p90"]), cases=w.number(v["cases"])
        )
        if v["median"] is not None
        else w["too_few"].format(cases=w.number(v["cases"]))
        for k, v in report["working_days"].items()
    }
    judged = report["judged_for_a_share"]
    on_time = {
        w.label(k): w["judged"].format(share=w.percent(v["share"]), judged=w.number(v["judged"]))
        if v["share"] is not None
        else w["not_enough"].format(judged=judged)
        for k, v in report["on_time"].items()
    }
    shares = {
        w.label(k): v["share"] for k, v in report["on_time"].items() if v["share"] is not None
    }
    norm = report["minutes_norm_days"]
    distribution = bar_chart(
        w["minutes_chart"].format(norm=norm if norm is not None else DASH),
        report["minutes_distribution"],
        marker=str(norm) if norm is not None else None,
        marker_label=w["norm"],
    )
    chart = bar_chart(w["on_time_chart"], shares, suffix="%", top=100) if shares else ""
    return f"""<h2>{escape(w["speed"])}</h2>
<p class="note">{escape(w["norms_text"])}</p>
<div class="grid">{norms}</div>
{chart}
<div class="grid">{_table(w, w["on_time"], on_time, labelled=False)}
{_table(w, w["working_days"], days, labelled=False)}</div>
{distribution}"""


def _measures(w: Words, report: dict[str, Any]) -> str:
    counts = dict(report["measures"])
    counts["open_measures"] = counts.pop("open")
    summaries = "".join(f"<li>{escape(text)}</li>" for text in report["summaries"])
    listed = f"<ul>{summaries}</ul>" if summaries else f"<p>{escape(w['no_summaries'])}</p>"
    return f"""<h2>{escape(w["measures"])}</h2>
{_table(w, w["measures_table"], counts)}
<h3>{escape(w["summaries"])}</h3>
{listed}"""
