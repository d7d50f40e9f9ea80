"""The coverage section of every report (HTML, Markdown, console), and the "incomplete" banner line.

One place computes what the section shows, so the scan's report.html and summary.md, the retention plan, the
subject answer and the gate's console can never disagree about what was missed. A reason with a code
(``why``) is worded from the i18n table in the report's language; one without is shown as written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reports.coverage import Coverage, Gap
from reports.i18n import TEXT, Strings


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
    inapplicable: list[tuple[str, str, str]] = field(default_factory=list)


def _what(gap: Gap, t: Strings) -> str:
    label = t.fmt(f"cov_gap_{gap.kind}")
    parts = [p for p in (gap.table, gap.column if gap.kind == "column" else None) if p]
    return f"{label} {' · '.join(parts)}".strip()


# The sentence for a gap that carries no code of its own, by what was missed.
DEFAULT_WHY: dict[str, str] = {
    "source": "source_down",
    "pattern": "pattern",
    "table": "table_unreadable",
    "rule": "rule_unchecked",
}


def reason_text(reason: str, why: str | None, args: dict[str, str], t: Strings) -> str:
    """Word a coverage reason in the report's language: its i18n sentence when it has a code.

    An English report keeps the reason as the run wrote it, which names the table, the file and the fix
    (the table's English sentences summarise it); a Korean one says it in Korean.
    """
    if t.lang != "en" and why is not None and f"cov_why_{why}" in TEXT:
        return t.fmt(f"cov_why_{why}", **args)
    return reason


def _gap_reason(gap: Gap, t: Strings) -> str:
    return reason_text(gap.reason, gap.why or DEFAULT_WHY.get(gap.kind), gap.args, t)


def _mode(modes: set[str], t: Strings) -> str:
    return " / ".join(t.fmt(f"cov_mode_{m}") for m in sorted(modes)) or "–"


def coverage_view(coverage: Coverage | None, t: Strings) -> CoverageView:
    """Compute the coverage section of a report (findings.json's ``coverage``, or a run's own)."""
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
        (s.source, f"{t.cov_gap_column} {c.table} · {c.column}", reason_text(c.reason, c.why, c.args, t))
        for s in coverage.sources
        for c in s.columns_not_scannable
        if not c.gap
    ]
    inapplicable = [
        (
            s.source,
            f"{t.cov_gap_table} {r.table} · {r.rule}",
            t.fmt("cov_not_applicable_because", reason=r.reason),
        )
        for s in coverage.sources
        for r in s.rules_not_applicable
    ]
    headline = t.fmt("cov_incomplete", n=len(gaps)) if gaps else t.cov_complete
    return CoverageView(
        known=True,
        complete=not gaps,
        headline=headline,
        rows=rows,
        missed=[(g.source, _what(g, t), _gap_reason(g, t)) for g in gaps],
        notes=notes,
        inapplicable=inapplicable,
    )


def incomplete_banner(coverage: Coverage | None, t: Strings) -> str | None:
    """Return the banner line that says the result is incomplete, or None when nothing was missed."""
    if coverage is None:
        return None
    n = len(coverage.gap_items())
    return t.fmt("verdict_incomplete", n=n) if n else None


def coverage_markdown(
    coverage: Coverage | None, t: Strings, cell: Callable[[object], str], per_source: bool = True
) -> list[str]:
    """Return the ``## Coverage`` section of a Markdown report (``cell`` escapes text for a table cell).

    ``per_source`` adds the table of tables present, scanned and rows read (a scan's); a retention plan or
    a subject answer lists only what it could not look at and the rules that do not apply.
    """
    esc = cell
    view = coverage_view(coverage, t)
    lines = [f"## {t.coverage}", "", f"**{view.headline}**" if not view.complete else view.headline]
    if not view.known:
        return lines
    if per_source:
        lines += _source_table(view, t, esc)
    for title, entries in _lists(view, t):
        lines += ["", f"**{title}**", ""]
        lines += [f"- {esc(source)} · {esc(what)}: {esc(reason)}" for source, what, reason in entries]
    return lines


def _lists(view: CoverageView, t: Strings) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Give the section's titled lists that have entries: missed, not scanned by design, not applicable."""
    titled = [(t.cov_missed, view.missed), (t.cov_notes, view.notes)]
    titled.append((t.not_applicable, view.inapplicable))
    return [(title, entries) for title, entries in titled if entries]


def coverage_headline(coverage: Coverage | None, t: Strings) -> str:
    """Return the coverage headline as one console line (the gate writes no report file).

    The gate lists each file it could not read under its verdict (``UNREADABLE ...``), so the console gets
    the headline only: the same file twice, in two wordings, read as two problems.
    """
    return f"{t.coverage}: {coverage_view(coverage, t).headline}"


def _source_table(view: CoverageView, t: Strings, esc: Callable[[object], str]) -> list[str]:
    lines = [
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
    return lines
