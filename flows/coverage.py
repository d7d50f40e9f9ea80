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
    ScannedTable,
    SkippedTable,
    SourceCoverage,
    UncheckedRule,
    UnscannableColumn,
)

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
    out = [UnscannableColumn(table=scan.table, column=c.name, reason=ENCRYPTED, gap=False) for c in declared]
    out += [
        UnscannableColumn(table=scan.table, column=c.name, reason=BINARY)
        for c in scan.columns
        if c.kind == "binary" and c not in declared
    ]
    return out


def _source(
    src: SourceConfig, inv: SourceInventory, scans: Sequence[TableScan], errors: Sequence[CheckError]
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
            UncheckedRule(table=e.table, reason=e.message) for e in errors if e.source == src.name
        ],
    )


def build_coverage(
    cfg: ScanConfig,
    inventories: dict[str, SourceInventory],
    scans: Sequence[TableScan],
    errors: Sequence[CheckError],
) -> Coverage:
    """Say per source what was present, scanned, skipped, not checked; ``complete`` if nothing was missed."""
    names = {s.name for s in cfg.sources}
    return Coverage(
        sources=[
            _source(src, inventories.get(src.name, SourceInventory(error="not listed")), scans, errors)
            for src in cfg.sources
        ],
        other=[e.message for e in errors if e.source not in names],
    ).settle()
