"""Inline SVG bar charts for the report; a hidden count ("<5") is drawn hatched, never to scale."""

from __future__ import annotations

import hashlib
from html import escape
from typing import Any

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 720, 260, 40, 40, 30
COLOURS = {"signals": "#6a8caf", "complaints": "#c0504d"}
PATTERN = (
    '<defs><pattern id="{id}" width="6" height="6" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="3" height="6" fill="#bbb"/></pattern></defs>'
)


def hatch_id(title: str) -> str:
    """Each chart's own pattern id: one page holds many charts, and an id is unique."""
    return "hidden-" + hashlib.sha1(title.encode()).hexdigest()[:10]


def _frame(title: str, body: str, top: float) -> str:
    axis = (
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - 10}" y2="{HEIGHT - BOTTOM}" '
        'stroke="#333"/>'
    )
    scale = f'<text x="4" y="{TOP + 4}" font-size="11">{top:g}</text>'
    return (
        f'<figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(title)}">{PATTERN.format(id=hatch_id(title))}'
        f'<text x="{LEFT}" y="18" font-size="14" font-weight="600">{escape(title)}</text>'
        f"{axis}{scale}{body}</svg></figure>"
    )


def _bar(
    x: float, width: float, value: Any, top: float, colour: str, hatch: str, suffix: str = ""
) -> str:
    base = HEIGHT - BOTTOM
    if not isinstance(value, int):  # hidden: a fixed small hatched bar, labelled, not to scale
        height, fill, label = 12.0, f"url(#{hatch})", str(value)
    else:
        height, fill, label = (base - TOP) * value / top, colour, f"{value}{suffix}"
    return (
        f'<rect x="{x:.1f}" y="{base - height:.1f}" width="{width:.1f}" height="{height:.1f}" '
        f'fill="{fill}"><title>{escape(label)}</title></rect>'
        f'<text x="{x + width / 2:.1f}" y="{base - height - 3:.1f}" font-size="10" '
        f'text-anchor="middle">{escape(label)}</text>'
    )


def _top(values: list[Any]) -> float:
    return float(max([v for v in values if isinstance(v, int)] + [5]))


def bar_chart(
    title: str,
    cells: dict[str, Any],
    marker: str | None = None,
    marker_label: str = "norm",
    suffix: str = "",
    top: float | None = None,
) -> str:
    """One bar per cell; `marker` draws the norm after that cell, `suffix` follows each value
    (e.g. "%"), `top` fixes the scale (100 for percentages)."""
    keys = list(cells)
    top = top or _top(list(cells.values()))
    slot = (WIDTH - LEFT - 20) / max(len(keys), 1)
    parts = []
    for i, key in enumerate(keys):
        x = LEFT + i * slot + slot * 0.15
        parts.append(_bar(x, slot * 0.7, cells[key], top, "#4f7f5f", hatch_id(title), suffix))
        parts.append(
            f'<text x="{x + slot * 0.35:.1f}" y="{HEIGHT - BOTTOM + 15}" font-size="11" '
            f'text-anchor="middle">{escape(key)}</text>'
        )
        if key == marker:
            line_x = x + slot * 0.85
            parts.append(
                f'<line x1="{line_x:.1f}" y1="{TOP}" x2="{line_x:.1f}" y2="{HEIGHT - BOTTOM}" '
                'stroke="#c0504d" stroke-dasharray="4 3"/>'
                f'<text x="{line_x + 3:.1f}" y="{TOP + 10}" font-size="11" fill="#c0504d">'
                f"{escape(marker_label)}</text>"
            )
    return _frame(title, "".join(parts), top)


def grouped_bars(
    title: str, groups: list[str], series: dict[str, list[Any]], names: dict[str, str]
) -> str:
    """Bars per group (e.g. a month), one per series; `names` are the legend's words."""
    top = _top([v for values in series.values() for v in values])
    slot = (WIDTH - LEFT - 20) / max(len(groups), 1)
    width = slot * 0.8 / max(len(series), 1)
    parts = []
    for i, group in enumerate(groups):
        for j, (name, values) in enumerate(series.items()):
            x = LEFT + i * slot + slot * 0.1 + j * width
            colour = COLOURS.get(name, "#888")
            parts.append(_bar(x, width, values[i], top, colour, hatch_id(title)))
        parts.append(
            f'<text x="{LEFT + i * slot + slot / 2:.1f}" y="{HEIGHT - BOTTOM + 15}" '
            f'font-size="10" text-anchor="middle">{escape(group)}</text>'
        )
    legend = "".join(
        f'<rect x="{WIDTH - 200 + k * 100}" y="8" width="10" height="10" '
        f'fill="{COLOURS.get(name, "#888")}"/><text x="{WIDTH - 186 + k * 100}" y="17" '
        f'font-size="11">{escape(names.get(name, name))}</text>'
        for k, name in enumerate(series)
    )
    return _frame(title, "".join(parts) + legend, top)
