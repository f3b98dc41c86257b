"""The overview's chart as server-side SVG: cases received per month, complaints and signals
side by side; a count the report hides ("<5") is drawn low and dashed, and labelled "<5"."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 720, 260, 40, 40, 20
HIDDEN_HEIGHT = 2.5
"""How tall a hidden small count is drawn, in counts: somewhere between 1 and 4."""


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    """A fill with enough contrast on white (presentation attribute: no inline style)."""
    values: dict[str, int | str]


def month_label(month: str) -> str:
    """ "2026-03" → "mrt"."""
    return MONTHS[int(month[5:7]) - 1]


def _height(value: int | str) -> float:
    return HIDDEN_HEIGHT if isinstance(value, str) else float(value)


def month_chart(title: str, months: list[str], series: list[Series]) -> Markup:
    """An accessible bar chart: `role="img"` with a `<title>` and a description; the page
    shows the same numbers as a table next to it."""
    top = max([_height(s.values.get(m, 0)) for s in series for m in months] + [5.0])
    plot_height = HEIGHT - BOTTOM - TOP
    slot = (WIDTH - LEFT) / max(len(months), 1)
    bar = slot * 0.8 / max(len(series), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafiek" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" aria-labelledby="grafiek-titel grafiek-uitleg">',
        f'<title id="grafiek-titel">{escape(title)}</title>',
        '<desc id="grafiek-uitleg">Staafdiagram per maand; dezelfde aantallen staan in de '
        "tabel eronder.</desc>",
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH}" y2="{HEIGHT - BOTTOM}" '
        'class="as" stroke="currentColor"/>',
        f'<text x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end" font-size="12">{int(top)}</text>',
        f'<text x="{LEFT - 6}" y="{HEIGHT - BOTTOM}" text-anchor="end" font-size="12">0</text>',
    ]
    for i, month in enumerate(months):
        x0 = LEFT + i * slot + slot * 0.1
        for j, s in enumerate(series):
            value = s.values.get(month, 0)
            h = plot_height * _height(value) / top
            x, y = x0 + j * bar, HEIGHT - BOTTOM - h
            dashed = (
                ' stroke-dasharray="3 2" stroke="currentColor"' if isinstance(value, str) else ""
            )
            parts.append(
                f'<rect fill="{s.colour}" x="{x:.1f}" y="{y:.1f}" width="{bar * 0.9:.1f}" '
                f'height="{h:.1f}"{dashed}><title>{escape(s.name)}, {month_label(month)}: '
                f"{escape(str(value))}</title></rect>"
            )
            if value:
                parts.append(
                    f'<text x="{x + bar * 0.45:.1f}" y="{y - 3:.1f}" text-anchor="middle" '
                    f'font-size="10">{escape(str(value))}</text>'
                )
        parts.append(
            f'<text x="{x0 + slot * 0.4:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
            f'font-size="12">{month_label(month)}</text>'
        )
    for j, s in enumerate(series):
        y = HEIGHT - 8
        x = LEFT + j * 140
        parts.append(f'<rect fill="{s.colour}" x="{x}" y="{y - 10}" width="12" height="12"/>')
        parts.append(f'<text x="{x + 18}" y="{y}" font-size="12">{escape(s.name)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
