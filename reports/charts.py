"""Small inline SVG charts, drawn here so report.html needs no script, no library and no network.

Each chart is an ``<svg role="img">`` with an ``aria-label`` that reads out every value, so a screen
reader (or a reader with images off) loses nothing; colours come from CSS classes in report.css.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from reports.findings import SEVERITIES
from reports.history import TrendPoint

WIDTH = 560
LABEL_UNITS = 22


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value, and the CSS class that colours it."""

    label: str
    value: int
    css: str = "fill-accent"


def _units(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def fit_label(label: str, max_units: int) -> str:
    """Shorten a label to about ``max_units`` narrow characters (a Hangul syllable counts two)."""
    used = 0
    for i, ch in enumerate(label):
        used += _units(ch)
        if used > max_units:
            return label[: max(i - 1, 1)] + "…"
    return label


def _text(x: float, y: float, text: str, css: str, anchor: str = "start") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" class="{css}" text-anchor="{anchor}">{escape(text)}</text>'


def horizontal_bars(bars: Sequence[Bar], title: str, empty_text: str, unit: str = "") -> Markup:
    """Draw a horizontal bar chart, one row per bar, the value printed at the end of each bar."""
    if not bars or all(b.value == 0 for b in bars):
        return Markup('<p class="chart-empty">') + escape(empty_text) + Markup("</p>")
    widest = max(sum(_units(ch) for ch in fit_label(b.label, LABEL_UNITS)) for b in bars)
    label_w = min(max(widest * 7.5 + 18, 70), 210)  # about 7.5 px per narrow character at 13 px
    value_w, row_h, bar_h = 56, 30, 18
    height = row_h * len(bars) + 8
    top = max(b.value for b in bars)
    scale = (WIDTH - label_w - value_w) / top
    described = ", ".join(f"{b.label} {b.value}{unit}" for b in bars)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}: {escape(described)}" preserveAspectRatio="xMinYMin meet">'
    ]
    for i, b in enumerate(bars):
        y = 4 + i * row_h
        w = max(b.value * scale, 2 if b.value else 0)
        parts.append(f"<g><title>{escape(b.label)}: {b.value}{escape(unit)}</title>")
        parts.append(
            _text(label_w - 10, y + bar_h - 4, fit_label(b.label, LABEL_UNITS), "chart-label", "end")
        )
        parts.append(
            f'<rect x="{label_w:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" rx="3" class="{b.css}"/>'
        )
        parts.append(_text(label_w + w + 6, y + bar_h - 4, f"{b.value:,}", "chart-value"))
        parts.append("</g>")
    parts.append("</svg>")
    return Markup("".join(parts))


def axis_ticks(value: int) -> list[int]:
    """Return round ticks from 0 to at least ``value``: at most five, steps of 1, 2 or 5 times 10^k."""
    step = 1
    while step * 4 < value:
        for factor in (2, 2.5, 2):
            step = int(step * factor)
            if step * 4 >= value:
                break
    top = max(step * -(-value // step), step)
    return list(range(0, top + 1, step))


def _short_date(started_at: str) -> str:
    return started_at[5:10] if len(started_at) >= 10 and started_at[4] == "-" else started_at[:10]


def trend_columns(points: Sequence[TrendPoint], title: str, severity_names: dict[str, str]) -> Markup:
    """Draw stacked columns of violations per severity, one column per scan, oldest on the left."""
    height, left, bottom, top_pad = 220, 40, 28, 10
    plot_h = height - bottom - top_pad
    ticks = axis_ticks(max((p.total for p in points), default=0))
    top = ticks[-1]
    slot = (WIDTH - left - 8) / max(len(points), 1)
    col_w = min(36.0, slot * 0.6)
    described = "; ".join(
        f"{p.started_at[:16]}: " + ", ".join(f"{severity_names[s]} {p.counts.get(s, 0)}" for s in SEVERITIES)
        for p in points
    )
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}: {escape(described)}" preserveAspectRatio="xMinYMin meet">'
    ]
    for tick in ticks:
        y = top_pad + plot_h - (tick / top) * plot_h
        parts.append(f'<line x1="{left}" x2="{WIDTH - 4}" y1="{y:.1f}" y2="{y:.1f}" class="chart-grid"/>')
        parts.append(_text(left - 6, y + 4, f"{tick:,}", "chart-axis", "end"))
    for i, p in enumerate(points):
        x = left + slot * i + (slot - col_w) / 2
        y = top_pad + plot_h
        parts.append(f"<g><title>{escape(p.started_at[:16])} · {p.total}</title>")
        for severity in reversed(SEVERITIES):  # low at the bottom, critical on top where the eye lands
            n = p.counts.get(severity, 0)
            if not n:
                continue
            h = n / top * plot_h
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{col_w:.1f}" height="{h:.1f}" '
                f'class="fill-{severity}"/>'
            )
        parts.append(_text(x + col_w / 2, height - 10, _short_date(p.started_at), "chart-axis", "middle"))
        parts.append("</g>")
    parts.append("</svg>")
    return Markup("".join(parts))
