"""The coverage section of every report (HTML and Markdown), and the "incomplete" banner line.

One place computes what the section shows, so report.html and summary.md can never disagree about what was
missed. Reasons come from the scan as written (they name tables, files and what to do); the labels around
them are in the report's language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reports.coverage import Coverage, Gap
from reports.findings import Findings
from reports.i18n import Strings


@dataclass(frozen=True)
class SourceRow:
    """One source's line of the coverage table."""

    source: str
    present: str
    scanned: int
    mode: str
    rows_read: int
    left_out: int
    gaps: int


@dataclass(frozen=True)
class CoverageView:
    """What the coverage section shows: a verdict line, a row per source, what was missed, notes."""

    known: bool
    complete: bool
    headline: str
    rows: list[SourceRow] = field(default_factory=list)
    missed: list[tuple[str, str, str]] = field(default_factory=list)
    notes: list[tuple[str, str, str]] = field(default_factory=list)


def _what(gap: Gap, t: Strings) -> str:
    label = t.fmt(f"cov_gap_{gap.kind}")
    parts = [p for p in (gap.table, gap.column if gap.kind == "column" else None) if p]
    return f"{label} {' · '.join(parts)}".strip()


def _mode(modes: set[str], t: Strings) -> str:
    return " / ".join(t.fmt(f"cov_mode_{m}") for m in sorted(modes)) or "–"


def coverage_view(findings: Findings, t: Strings) -> CoverageView:
    """Compute the coverage section of a report from ``findings.coverage``."""
    coverage: Coverage | None = findings.coverage
    if coverage is None:
        return CoverageView(known=False, complete=False, headline=t.cov_unknown)
    gaps = coverage.gap_items()
    rows = [
        SourceRow(
            source=s.source,
            present=f"{s.tables_present:,}" if s.tables_present is not None else "–",
            scanned=len(s.scanned),
            mode=_mode({x.mode for x in s.scanned}, t),
            rows_read=sum(x.rows_read for x in s.scanned),
            left_out=sum(1 for x in s.skipped if not x.gap),
            gaps=len(s.gap_items()),
        )
        for s in coverage.sources
    ]
    notes = [
        (s.source, f"{t.cov_gap_column} {c.table} · {c.column}", c.reason)
        for s in coverage.sources
        for c in s.columns_not_scannable
        if not c.gap
    ]
    headline = t.fmt("cov_incomplete", n=len(gaps)) if gaps else t.cov_complete
    return CoverageView(
        known=True,
        complete=not gaps,
        headline=headline,
        rows=rows,
        missed=[(g.source, _what(g, t), g.reason) for g in gaps],
        notes=notes,
    )


def incomplete_banner(findings: Findings, t: Strings) -> str | None:
    """Return the banner line that says the result is incomplete, or None when nothing was missed."""
    if findings.coverage is None:
        return None
    n = len(findings.coverage.gap_items())
    return t.fmt("verdict_incomplete", n=n) if n else None


def coverage_markdown(findings: Findings, t: Strings, cell: Callable[[object], str]) -> list[str]:
    """Return the ``## Coverage`` section of summary.md (``cell`` escapes text for a table cell)."""
    esc = cell
    view = coverage_view(findings, t)
    lines = [f"## {t.coverage}", "", f"**{view.headline}**" if not view.complete else view.headline]
    if not view.known:
        return lines
    lines += [
        "",
        f"| {t.source} | {t.cov_present} | {t.cov_scanned} | {t.cov_mode} | {t.cov_rows_read} | "
        f"{t.cov_left_out} | {t.cov_missed_count} |",
        "|---|---:|---:|---|---:|---:|---:|",
    ]
    lines += [
        f"| {esc(r.source)} | {r.present} | {r.scanned:,} | {r.mode} | {r.rows_read:,} | {r.left_out:,} | "
        f"{r.gaps:,} |"
        for r in view.rows
    ]
    if view.missed:
        lines += ["", f"**{t.cov_missed}**", ""]
        lines += [f"- {esc(source)} · {esc(what)}: {esc(reason)}" for source, what, reason in view.missed]
    return lines
