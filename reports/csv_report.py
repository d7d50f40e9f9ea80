"""findings.csv for Excel: one sheet, one row per violation and one per column with personal data.

One file rather than two, because the issue names one file and a data team filters one sheet by its
first column (``record``) more easily than it keeps two files together. UTF-8 with a BOM so Excel shows
Hangul correctly on a double click; headers in the report language. Every text cell that Excel would read
as a formula (``= + - @``, tab, carriage return) is prefixed with ``'``: the values come from the scanned
databases, so a cell like ``=HYPERLINK(...)`` must stay text.
"""

from __future__ import annotations

import csv
import io

from reports.context import ReportContext
from reports.findings import SEVERITY_ORDER
from reports.i18n import Strings
from reports.rule_text import rule_text

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER_KEYS = (
    "record",
    "status",
    "severity",
    "rule",
    "rule_title",
    "source",
    "table",
    "column",
    "count",
    "message",
    "policy_ref",
    "violation_id",
    "change",
    "entities",
    "categories",
    "confidence",
    "rows_scanned",
    "rows_total",
    "hits",
    "evidence",
    "reason",
    "owner",
    "expires",
)

Cell = str | int | float | None


def neutralise(cell: Cell) -> Cell:
    """Prefix text Excel would evaluate as a formula with ``'``; numbers and empty cells pass unchanged."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def _violation_rows(ctx: ReportContext, t: Strings) -> list[dict[str, Cell]]:
    waived = {m.violation.id: m for m in ctx.waived}
    expired = {m.violation.id: m for m in ctx.expired}
    new_ids = ctx.new_ids
    rows: list[dict[str, Cell]] = []
    ordered = sorted(
        ctx.findings.violations, key=lambda v: (-SEVERITY_ORDER[v.severity], v.rule, -(v.count or 0))
    )
    for v in ordered:
        decided = waived.get(v.id) or expired.get(v.id)
        status = t.state_waived if v.id in waived else t.state_expired if v.id in expired else t.state_open
        change = "" if ctx.diff is None else (t.new if v.id in new_ids else t.still_open)
        rows.append(
            {
                "record": t.record_violation,
                "status": status,
                "severity": t.severity_name(v.severity),
                "rule": v.rule,
                "rule_title": rule_text(v.rule, ctx.lang)[0],
                "source": v.source,
                "table": v.table,
                "column": v.column,
                "count": v.count,
                "message": v.message,
                "policy_ref": v.policy_ref,
                "violation_id": v.id,
                "change": change,
                "reason": decided.waiver.reason if decided else None,
                "owner": decided.waiver.owner if decided else None,
                "expires": decided.waiver.expires.isoformat() if decided else None,
            }
        )
    return rows


def _column_rows(ctx: ReportContext, t: Strings) -> list[dict[str, Cell]]:
    return [
        {
            "record": t.record_column,
            "status": t.state_found,
            "source": c.source,
            "table": c.table,
            "column": c.column,
            "entities": ", ".join(t.entity_name(e) for e in c.entities),
            "categories": ", ".join(ctx.category_label(k) for k in c.categories),
            "confidence": round(c.confidence, 3),
            "rows_scanned": c.rows_scanned,
            "rows_total": c.rows_total,
            "hits": c.hits,
            "evidence": " | ".join(c.evidence),
        }
        for c in sorted(ctx.findings.columns, key=lambda c: (c.source, c.table, c.column))
    ]


def render_csv(ctx: ReportContext) -> str:
    """Render findings.csv as text, starting with the BOM; write it as UTF-8."""
    t = Strings(ctx.lang)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([getattr(t, k) for k in HEADER_KEYS])
    for row in _violation_rows(ctx, t) + _column_rows(ctx, t):
        writer.writerow([neutralise(row.get(k)) for k in HEADER_KEYS])
    return BOM + out.getvalue()
