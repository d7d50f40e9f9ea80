"""Assemble findings.json's ``coverage`` from what the scan listed, read and checked (reports.coverage).

Plain functions (no Prefect). Every table a source holds ends in exactly one place: scanned, skipped on
purpose (left out by ``include``/``exclude``), or skipped because it could not be read (a gap).
"""

from __future__ import annotations

from collections.abc import Sequence

from expectations.model import CheckError
from expectations.plan import resolve_column
from flows.config import ScanConfig, SourceConfig
from flows.inventory import SourceInventory, mapping_for
from flows.steps import TableScan
from reports.coverage import (
    Coverage,
    InapplicableRule,
    ScannedTable,
    SkippedTable,
    SourceCoverage,
    UncheckedRule,
    UnscannableColumn,
)

_NOT_LISTED = SourceInventory(error="not listed")
LEFT_OUT = "left out by include/exclude in scan.yaml"
BINARY = (
    "binary content (a file or ciphertext) cannot be read for personal data; list it under 'encrypted' if it "
    "is ciphertext, or check what it holds by hand"
)
ENCRYPTED = "encrypted at rest (declared in the column map): read as ciphertext, not as personal data"


def _columns(src: SourceConfig, scan: TableScan) -> list[UnscannableColumn]:
    mapping = mapping_for(src, scan.table)
    declared = [
        c for c in scan.columns if mapping and any(resolve_column(e, [c.name]) for e in mapping.encrypted)
    ]
    out = [
        UnscannableColumn(table=scan.table, column=c.name, reason=ENCRYPTED, why="encrypted", gap=False)
        for c in declared
    ]
    out += [
        UnscannableColumn(table=scan.table, column=c.name, reason=BINARY, why="binary")
        for c in scan.columns
        if c.kind == "binary" and c not in declared
    ]
    return out


def _exempt(src: SourceConfig, table: str) -> list[InapplicableRule]:
    """List the rules the column map says do not apply to a table read, with its reasons (never gaps)."""
    mapping = mapping_for(src, table)
    items = mapping.not_applicable.items() if mapping else ()
    return [InapplicableRule(table=table, rule=rule, reason=reason) for rule, reason in items]


def _source(
    src: SourceConfig,
    inv: SourceInventory,
    scans: Sequence[TableScan],
    errors: Sequence[CheckError],
) -> SourceCoverage:
    if inv.error is not None:
        return SourceCoverage(source=src.name, kind=src.kind, reachable=False, error=inv.error)
    mine = [s for s in scans if s.source == src.name]
    read = {s.table for s in mine}
    return SourceCoverage(
        source=src.name,
        kind=src.kind,
        tables_present=len(inv.present),
        scanned=[
            ScannedTable(name=s.table, mode=s.mode, rows_read=s.rows_scanned, rows_total=s.rows_total)
            for s in mine
            if s.error is None
        ],
        skipped=[SkippedTable(name=s.table, reason=s.error) for s in mine if s.error is not None]
        + [SkippedTable(name=t, reason=LEFT_OUT, gap=False) for t in inv.present if t not in read],
        unmatched_patterns=list(inv.unmatched),
        columns_not_scannable=[c for s in mine if s.error is None for c in _columns(src, s)],
        rules_not_checked=[
            UncheckedRule(table=e.table, reason=e.message, why=e.why, args=dict(e.args))
            for e in errors
            if e.source == src.name
        ],
        rules_not_applicable=[x for s in mine if s.error is None for x in _exempt(src, s.table)],
    )


def build_coverage(
    cfg: ScanConfig,
    inventories: dict[str, SourceInventory],
    scans: Sequence[TableScan],
    errors: Sequence[CheckError],
) -> Coverage:
    """Say per source what was present, scanned, skipped, not checked; ``complete`` if nothing was missed.

    The rules the column map says do not apply to a table (``not_applicable``) are listed with their
    reasons, and never count as missed.
    """
    names = {s.name for s in cfg.sources}
    return Coverage(
        sources=[_source(src, inventories.get(src.name, _NOT_LISTED), scans, errors) for src in cfg.sources],
        other=[e.message for e in errors if e.source not in names],
    ).settle()
