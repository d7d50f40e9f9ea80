"""The scan's steps as plain functions (no Prefect here), so tests call them directly.

flows/scan.py wraps them in Prefect tasks; these functions only wire sources -> detectors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from detectors.classify import SCAN_OPTIONS, TableScanner
from detectors.model import ColumnResult
from flows.config import Sampling, SourceConfig
from sources import open_source
from sources.base import ColumnInfo, Source, SourceError
from sources.read_ahead import read_ahead

# Full scans read in large batches: the detector's fixed cost per batch (one vectorised pass per pattern,
# one validation sample per column) is then paid a few times per million rows, while memory stays bounded.
FULL_SCAN_BATCH_ROWS = 250_000


@dataclass
class TableScan:
    """What scanning one table gave: its columns, what was detected, and how much was read."""

    source: str
    table: str
    columns: list[ColumnInfo] = field(default_factory=list)
    detections: list[ColumnResult] = field(default_factory=list)
    rows_total: int | None = None
    rows_scanned: int = 0
    error: str | None = None
    mode: Literal["sample", "full"] = "sample"


def open_configured(cfg: SourceConfig) -> Source:
    """Open the source a scan.yaml entry names (read-only), listing every table.

    ``include``/``exclude`` are applied by the scan (flows.inventory), which must also know the tables they
    leave out: to list them as skipped on purpose, and to name real tables when a pattern matches none.
    """
    return open_source(cfg.name, url=cfg.url, path=cfg.path, schema=cfg.schema_)


def scan_table(source: Source, table: str, sampling: Sampling) -> TableScan:
    """Read one table (a sample spread across it, or every row streamed) and classify its columns."""
    result = TableScan(source=source.name, table=table, mode=sampling.mode)
    try:
        info = source.describe(table)
        result.columns = list(info.columns)
        result.rows_total = info.row_count
        scanner = TableScanner(table, info.columns, SCAN_OPTIONS)
        if sampling.mode == "sample":
            data = source.sample(table, sampling.rows)
            scanner.feed(data)
            result.rows_scanned = data.num_rows
        else:
            for batch in read_ahead(source.stream(table, batch_rows=FULL_SCAN_BATCH_ROWS)):
                scanner.feed(batch)
                result.rows_scanned += batch.num_rows
        result.detections = scanner.result()
    except SourceError as exc:
        result.error = str(exc)
    return result
