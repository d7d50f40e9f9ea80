"""PostgreSQL full reads through ``COPY (SELECT ...) TO STDOUT (FORMAT csv)`` parsed into Arrow by pyarrow.

A server-side cursor hands rows to Python one by one (about 10x slower than the server can send them); COPY
sends the table as one CSV stream that pyarrow's C++ parser turns into record batches block by block, so a
full scan costs little more than the raw COPY itself, with memory bounded by one block. The batches have
exactly the schema the generic path gives, so callers cannot tell the two apart.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any

import pyarrow as pa
import pyarrow.csv as pa_csv
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from sources.db_types import DbColumn, arrow_schema

# Kinds whose PostgreSQL text form pyarrow parses back to the same values the driver returns.
COPY_KINDS = frozenset({"text", "integer", "float", "decimal", "date", "datetime", "bool"})
_SESSION = (  # fixed output formats for this transaction only, whatever the server's defaults
    "SET LOCAL TimeZone = 'UTC'",
    "SET LOCAL DateStyle = 'ISO, YMD'",
    "SET LOCAL client_encoding = 'UTF8'",
    "SET LOCAL extra_float_digits = 3",
)
_BYTES_PER_ROW_GUESS = 128
_COMPILE_DIALECT = postgresql.psycopg.dialect(paramstyle="named")


def copy_supported(connection: sa.Connection, columns: Iterable[DbColumn]) -> bool:
    """Tell whether the connection is psycopg 3 and every column's kind survives the trip through CSV."""
    return connection.dialect.driver == "psycopg" and all(c.info.kind in COPY_KINDS for c in columns)


def copy_batches(
    connection: sa.Connection, table: sa.TableClause, columns: list[DbColumn], batch_rows: int
) -> Iterator[pa.RecordBatch]:
    """Yield every row of ``table`` as record batches, read with COPY.

    Args:
        connection: An open read-only psycopg connection (COPY TO is allowed in read-only transactions).
        table: The table with the columns to read, quoted by SQLAlchemy.
        columns: The reflected columns (their Arrow types become the CSV column types).
        batch_rows: About how many rows per batch (pyarrow cuts batches by bytes).

    Yields:
        Record batches with the schema ``arrow_schema(columns)``.

    """
    schema = arrow_schema(columns)
    # Compiled for the "named" paramstyle: there are no parameters, and pyformat would write a % in a quoted
    # name as %% (which COPY, sent without parameters, would take literally).
    select_sql = str(sa.select(*table.c).select_from(table).compile(dialect=_COMPILE_DIALECT))
    driver_connection: Any = connection.connection.driver_connection
    with driver_connection.cursor() as cursor:
        for statement in _SESSION:
            cursor.execute(statement)
        with cursor.copy(f"COPY ({select_sql}) TO STDOUT (FORMAT csv)") as copy:
            reader = pa_csv.open_csv(
                io.BufferedReader(_CopyStream(copy), buffer_size=1 << 20),
                read_options=pa_csv.ReadOptions(
                    column_names=schema.names, block_size=_block_size(batch_rows)
                ),
                parse_options=pa_csv.ParseOptions(newlines_in_values=True),
                convert_options=_convert_options(schema),
            )
            for batch in reader:  # pyarrow cuts by bytes: never hand out more than batch_rows rows at once
                for start in range(0, batch.num_rows, batch_rows):
                    yield batch.slice(start, batch_rows)


def _block_size(batch_rows: int) -> int:
    return max(1 << 20, min(64 << 20, batch_rows * _BYTES_PER_ROW_GUESS))


def _convert_options(schema: pa.Schema) -> pa_csv.ConvertOptions:
    # COPY writes NULL as an empty unquoted field and '' as "": keep them apart.
    return pa_csv.ConvertOptions(
        column_types={field.name: field.type for field in schema},
        null_values=[""],
        strings_can_be_null=True,
        quoted_strings_can_be_null=False,
        true_values=["t"],
        false_values=["f"],
    )


class _CopyStream(io.RawIOBase):
    """A read-only file over psycopg's COPY rows, filling each read as fully as the rows allow."""

    def __init__(self, copy: Any) -> None:
        super().__init__()
        self._copy = copy
        self._pending = memoryview(b"")
        self._done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        filled = 0
        while filled < len(view) and not self._done:
            if not self._pending:
                chunk = self._copy.read()
                if not chunk:
                    self._done = True
                    break
                self._pending = memoryview(chunk).cast("B")
            take = min(len(view) - filled, len(self._pending))
            view[filled : filled + take] = self._pending[:take]
            self._pending = self._pending[take:]
            filled += take
        return filled
