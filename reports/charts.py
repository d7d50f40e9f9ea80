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
from reports.times import shown

WIDTH = 560
LABEL_UNITS = 22
UNIT_PX = 8.4  # the widest a narrow character gets at 13 px (m, w, digits), so a wrapped line always fits


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value, and the CSS class that colours it."""

    label: str
    value: int
    css: str = "fill-accent"


def _units(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def wrap_label(label: str, max_units: int) -> list[str]:
    """Break a label into lines of about ``max_units`` narrow characters (a Hangul syllable counts two).

    Lines break after a space, ``·``, ``/``, ``,``, ``#``, ``_``, ``.`` or before ``(`` where one is near,
    else between characters; every character of the label stays, so no two bars ever read the same.
    """
    lines: list[str] = []
    line, used, last_break = "", 0, -1
    for ch in label:
        if used + _units(ch) > max_units and line:
            cut = last_break + 1 if last_break >= 0 else len(line)
            lines.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
            used = sum(_units(c) for c in line)
            last_break = -1
        line += ch
        used += _units(ch)
        if ch in " ·/,(#_.":
            last_break = len(line) - 1 if ch != "(" else len(line) - 2
    if line:
        lines.append(line)
    return lines


def _text(x: float, y: float, text: str, css: str, anchor: str = "start") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" class="{css}" text-anchor="{anchor}">{escape(text)}</text>'


def horizontal_bars(bars: Sequence[Bar], title: str, empty_text: str, unit: str = "") -> Markup:
    """Draw a horizontal bar chart, one row per bar, the value printed at the end of each bar."""
    if not bars or all(b.value == 0 for b in bars):
        return Markup('<p class="chart-empty">') + escape(empty_text) + Markup("</p>")
    wrapped = [wrap_label(b.label, LABEL_UNITS) for b in bars]
    widest = max(sum(_units(ch) for ch in line) for lines in wrapped for line in lines)
    label_w = min(max(widest * UNIT_PX + 18, 70), LABEL_UNITS * UNIT_PX + 18)
    value_w, line_h, bar_h, gap = 56, 16, 18, 12
    heights = [max(len(lines) * line_h, bar_h) + gap for lines in wrapped]
    height = sum(heights) + 8
    top = max(b.value for b in bars)
    scale = (WIDTH - label_w - value_w) / top
    described = ", ".join(f"{b.label} {b.value}{unit}" for b in bars)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}: {escape(described)}" preserveAspectRatio="xMinYMin meet">'
    ]
    y = 4
    for b, lines, row_h in zip(bars, wrapped, heights, strict=True):
        w = max(b.value * scale, 2 if b.value else 0)
        bar_y = y + (row_h - gap - bar_h) / 2
        first = y + (row_h - gap - len(lines) * line_h) / 2 + 12
        parts.append(f"<g><title>{escape(b.label)}: {b.value}{escape(unit)}</title>")
        spans = "".join(
            f'<tspan x="{label_w - 10:.1f}" y="{first + k * line_h:.1f}">{escape(line)}</tspan>'
            for k, line in enumerate(lines)
        )
        parts.append(f'<text class="chart-label" text-anchor="end">{spans}</text>')
        parts.append(
            f'<rect x="{label_w:.1f}" y="{bar_y:.1f}" width="{w:.1f}" height="{bar_h}" rx="3" '
            f'class="{b.css}"/>'
        )
        parts.append(_text(label_w + w + 6, bar_y + bar_h - 4, f"{b.value:,}", "chart-value"))
        parts.append("</g>")
        y += row_h
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


def scan_labels(points: Sequence[TrendPoint], zone: str | None) -> list[str]:
    """One axis label per scan, in the clinic's zone, never two alike.

    The day (``06-02``) when every scan fell on its own day, else day and time (``06-02 11:00``).
    """
    days = [shown(p.started_at, zone, with_zone=False) for p in points]
    short = [d[5:10] for d in days]
    if len(set(short)) == len(short):
        return short
    return [d[5:16] for d in days]


def trend_columns(
    points: Sequence[TrendPoint], title: str, severity_names: dict[str, str], zone: str | None = None
) -> Markup:
    """Draw stacked columns of violations per severity, one column and one axis label per scan, oldest left.

    Labels that would not fit under their column are drawn turned by 45 degrees rather than cut.
    """
    height, left, bottom, top_pad = 220, 40, 28, 10
    plot_h = height - bottom - top_pad
    ticks = axis_ticks(max((p.total for p in points), default=0))
    top = ticks[-1]
    slot = (WIDTH - left - 8) / max(len(points), 1)
    col_w = min(36.0, slot * 0.6)
    labels = scan_labels(points, zone)
    when = [shown(p.started_at, zone) for p in points]
    turned = max((len(label) for label in labels), default=0) * 6.6 > slot
    if turned:
        bottom = 58
        plot_h = height - bottom - top_pad
    described = "; ".join(
        f"{when[i]}: " + ", ".join(f"{severity_names[s]} {p.counts.get(s, 0)}" for s in SEVERITIES)
        for i, p in enumerate(points)
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
        parts.append(f"<g><title>{escape(when[i])} · {p.total}</title>")
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
        cx, cy = x + col_w / 2, top_pad + plot_h + 14
        if turned:
            parts.append(
                f'<text x="{cx:.1f}" y="{cy:.1f}" class="chart-axis" text-anchor="end" '
                f'transform="rotate(-45 {cx:.1f} {cy:.1f})">{escape(labels[i])}</text>'
            )
        else:
            parts.append(_text(cx, cy + 4, labels[i], "chart-axis", "middle"))
        parts.append("</g>")
    parts.append("</svg>")
    return Markup("".join(parts))
