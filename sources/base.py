"""The one small interface every source implements: list tables, describe, sample, stream (as Arrow)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, Protocol, runtime_checkable

import pyarrow as pa

SourceKind = Literal["database", "export"]
ValueKind = Literal["text", "integer", "float", "decimal", "date", "datetime", "bool", "binary", "other"]


class SourceError(Exception):
    """A source could not be read; the message names the source (and table or file) and what to do."""


@dataclass(frozen=True)
class ColumnInfo:
    """A column as the source declares it."""

    name: str
    declared_type: str
    kind: ValueKind


@dataclass(frozen=True)
class TableInfo:
    """A table (or export file, or Excel sheet) with its columns and, where cheap to know, its row count.

    ``row_count_estimated`` is True when ``row_count`` comes from statistics (PostgreSQL ``pg_class``,
    MariaDB ``information_schema``, an Excel sheet's dimension) rather than a count, so a report can say
    "about".
    """

    name: str
    columns: tuple[ColumnInfo, ...]
    row_count: int | None
    row_count_estimated: bool = False


@runtime_checkable
class Source(Protocol):
    """A read-only place holding tables: a database or an export folder."""

    name: str
    kind: SourceKind

    def list_tables(self) -> list[str]:
        """Names of the tables (database) or files/sheets (export folder), in a stable order."""
        ...

    def describe(self, table: str) -> TableInfo:
        """Columns, declared types and row count of one table."""
        ...

    def sample(self, table: str, rows: int) -> pa.Table:
        """Up to ``rows`` rows drawn across the whole table (not just the first ones)."""
        ...

    def stream(self, table: str, batch_rows: int = 50_000) -> Iterator[pa.RecordBatch]:
        """Every row, in batches, with memory flat whatever the table's size."""
        ...

    def close(self) -> None:
        """Release connections and file handles."""
        ...
