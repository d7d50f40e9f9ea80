"""What every export file format provides, and the helpers they share (column names, spread samples)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
import pyarrow as pa

from sources.base import ColumnInfo

SAMPLE_SEED = 1009


@dataclass(frozen=True)
class FileTable:
    """One table of a file (the file itself, or one Excel sheet): columns, Arrow schema and row count."""

    columns: tuple[ColumnInfo, ...]
    schema: pa.Schema
    row_count: int | None
    row_count_estimated: bool = False


class FileFormat(Protocol):
    """One file format. ``sheet`` is None for formats with one table per file."""

    @property
    def label(self) -> str:
        """The name users know the format by (``CSV``, ``Excel``), for error messages."""
        ...

    def sheets(self, path: Path) -> list[str] | None:
        """Return the sheet names of a workbook; None for a format with one table per file."""
        ...

    def describe(self, path: Path, sheet: str | None) -> FileTable:
        """Return columns and row count."""
        ...

    def batches(
        self, path: Path, sheet: str | None, table: FileTable, batch_rows: int
    ) -> Iterator[pa.RecordBatch]:
        """Yield every row in batches of about ``batch_rows`` rows, with ``table.schema``."""
        ...


def unique_names(raw: Sequence[object]) -> list[str]:
    """Turn header cells into column names: blanks become ``column_N``, repeats get ``_2``, ``_3``."""
    names: list[str] = []
    seen: set[str] = set()
    for position, cell in enumerate(raw, start=1):
        base = str(cell).strip() if cell is not None and str(cell).strip() else f"column_{position}"
        name, suffix = base, 2
        while name in seen:
            name, suffix = f"{base}_{suffix}", suffix + 1
        seen.add(name)
        names.append(name)
    return names


def text_table(
    names: Sequence[str], declared: str, row_count: int | None, estimated: bool = False
) -> FileTable:
    """Build a FileTable whose columns are all text (formats without types: values arrive as written)."""
    columns = tuple(ColumnInfo(name=name, declared_type=declared, kind="text") for name in names)
    schema = pa.schema([pa.field(name, pa.string()) for name in names])
    return FileTable(columns=columns, schema=schema, row_count=row_count, row_count_estimated=estimated)


def spread_sample(batches: Iterable[pa.RecordBatch], rows: int, schema: pa.Schema) -> pa.Table:
    """Draw a uniform random sample of ``rows`` rows from the whole stream, in file order, in one pass.

    Every row gets a random key (seeded, so repeated scans see the same rows) and the ``rows`` smallest keys
    are kept (bottom-k sampling): memory holds the sample and one batch, never the file.
    """
    rng = np.random.default_rng(SAMPLE_SEED)
    kept = schema.empty_table()
    kept_keys = np.empty(0)
    kept_positions = np.empty(0, dtype=np.int64)
    offset = 0
    for batch in batches:
        keys = rng.random(batch.num_rows)
        positions = np.arange(offset, offset + batch.num_rows, dtype=np.int64)
        offset += batch.num_rows
        kept = pa.concat_tables([kept, pa.Table.from_batches([batch], schema=schema)])
        kept_keys = np.concatenate([kept_keys, keys])
        kept_positions = np.concatenate([kept_positions, positions])
        if kept.num_rows > rows:
            chosen = np.argpartition(kept_keys, rows)[:rows]
            kept, kept_keys, kept_positions = kept.take(chosen), kept_keys[chosen], kept_positions[chosen]
    order = np.argsort(kept_positions, kind="stable")
    return kept.take(order).combine_chunks()
