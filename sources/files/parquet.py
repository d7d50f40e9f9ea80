"""Parquet exports: the file's own schema and row count, streamed row group by row group."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from sources.base import ColumnInfo, ValueKind
from sources.files.base import FileTable

_KIND_TESTS: tuple[tuple[str, ValueKind], ...] = (
    ("is_boolean", "bool"),
    ("is_integer", "integer"),
    ("is_floating", "float"),
    ("is_decimal", "decimal"),
    ("is_timestamp", "datetime"),
    ("is_date", "date"),
    ("is_string", "text"),
    ("is_large_string", "text"),
    ("is_binary", "binary"),
    ("is_large_binary", "binary"),
    ("is_fixed_size_binary", "binary"),
)


def arrow_kind(data_type: pa.DataType) -> ValueKind:
    """Return the ValueKind of an Arrow type (``other`` for lists, structs, dictionaries and the like)."""
    return next((kind for test, kind in _KIND_TESTS if getattr(pa.types, test)(data_type)), "other")


@dataclass(frozen=True)
class ParquetFormat:
    """Parquet files keep their types (their writer chose them); the row count is in the footer."""

    label: str = "Parquet"

    def sheets(self, path: Path) -> list[str] | None:
        """Return None: a Parquet file is one table."""
        return None

    def describe(self, path: Path, sheet: str | None) -> FileTable:
        """Return columns from the file's schema and the exact row count from its footer."""
        with pq.ParquetFile(path) as parquet:
            schema = parquet.schema_arrow.remove_metadata()
            rows = parquet.metadata.num_rows
        columns = tuple(
            ColumnInfo(name=f.name, declared_type=str(f.type), kind=arrow_kind(f.type)) for f in schema
        )
        return FileTable(columns=columns, schema=schema, row_count=rows)

    def batches(
        self, path: Path, sheet: str | None, table: FileTable, batch_rows: int
    ) -> Iterator[pa.RecordBatch]:
        """Yield every row, one row group (or ``batch_rows``) at a time."""
        with pq.ParquetFile(path) as parquet:
            for group in range(parquet.num_row_groups):  # one row group in memory at a time
                for batch in parquet.iter_batches(batch_size=batch_rows, row_groups=[group]):
                    yield pa.RecordBatch.from_arrays(batch.columns, schema=table.schema)
