"""PostgreSQL full reads through ADBC: the table arrives as binary COPY, decoded into Arrow in C++.

The CSV COPY path (``pg_copy.py``) hands every row to Python once (psycopg returns COPY data row by
row) and parses text back into values; the ADBC PostgreSQL driver reads the binary COPY stream and
builds Arrow arrays in C++ without taking the GIL, so reading costs about half as much and a scan can
detect in one batch while the next is read (``sources.read_ahead``).

ADBC opens its own libpq connection, built from the engine's connection arguments, with every
transaction read-only from the first statement (``default_transaction_read_only``). The batches have
exactly the schema the generic path gives: types ADBC decodes as the driver would (integers, double,
text, dates, timestamps, booleans) are taken as they come; any other type (real, numeric, json, uuid,
enums ...) is selected as its PostgreSQL text and converted by Arrow, as the CSV path does.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import logging
from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from sources.db_types import DbColumn, arrow_schema

log = logging.getLogger(__name__)

# PostgreSQL types whose binary form ADBC decodes to the values psycopg gives (after a lossless cast).
NATIVE_TYPES = frozenset(
    {
        "int2",
        "int4",
        "int8",
        "float8",
        "bool",
        "date",
        "timestamp",
        "timestamptz",
        "text",
        "varchar",
        "bpchar",
    }
)
_SESSION_OPTIONS = "-c default_transaction_read_only=on -c extra_float_digits=1 -c client_encoding=UTF8"
_BYTES_PER_ROW_GUESS = 128
_COMPILE_DIALECT = postgresql.psycopg.dialect(paramstyle="named")
_EPOCH = dt.date(1970, 1, 1)
_EARLIEST_DAY = (dt.date(1, 1, 1) - _EPOCH).days
_LATEST_DAY = (dt.date(9999, 12, 31) - _EPOCH).days
_UNITS_PER_DAY = {"s": 86_400, "ms": 86_400_000, "us": 86_400_000_000, "ns": 86_400_000_000_000}


class UnreadableValue(ValueError):
    """A value Arrow or Python cannot hold (``infinity`` in a date column); the message names no value."""


def adbc_conninfo(engine: sa.Engine) -> str | None:
    """Return the libpq conninfo of a psycopg engine's URL, read-only and UTF-8; None for other engines.

    Built from the arguments SQLAlchemy would pass to psycopg, so host, port, sockets, SSL settings and the
    password are exactly those of the engine's own connections.
    """
    if engine.dialect.name != "postgresql" or engine.dialect.driver != "psycopg":
        return None
    # Looked up, not imported: ADBC's DB-API and pyarrow.dataset take 0.1 s to import, and only a full
    # scan's stream needs them.
    if importlib.util.find_spec("adbc_driver_postgresql") is None:  # pragma: no cover - a dependency
        return None
    from psycopg.conninfo import make_conninfo

    _, kwargs = engine.dialect.create_connect_args(engine.url)
    params = {key: value for key, value in kwargs.items() if key not in ("context", "cursor_factory")}
    params["options"] = f"{params.get('options', '')} {_SESSION_OPTIONS}".strip()
    return str(make_conninfo("", **params))


def adbc_batches(
    conninfo: str, table: sa.TableClause, columns: list[DbColumn], batch_rows: int
) -> Iterator[pa.RecordBatch]:
    """Yield every row of ``table`` as record batches of at most ``batch_rows`` rows, read with ADBC.

    Args:
        conninfo: From ``adbc_conninfo`` (read-only).
        table: The table with the columns to read, quoted by SQLAlchemy.
        columns: The reflected columns (their Arrow types are the batches' types).
        batch_rows: At most this many rows per batch (ADBC cuts by bytes, about this many).

    Yields:
        Record batches with the schema ``arrow_schema(columns)``.

    Raises:
        adbc_driver_manager.Error: the driver failed (connection, permission, query).
        UnreadableValue: a date or timestamp outside years 1-9999 (PostgreSQL's ``infinity``).
        pyarrow.ArrowInvalid: a text value does not convert to its column's type.

    """
    import adbc_driver_postgresql.dbapi as adbc

    schema = arrow_schema(columns)
    with adbc.connect(conninfo) as connection, connection.cursor() as cursor:
        cursor.execute(_select(table, set()) + " LIMIT 0")
        found = cursor.fetch_arrow_table().schema
        as_text = {f.name for f in found if f.metadata is None or _pg_type(f) not in NATIVE_TYPES}
        cursor.adbc_statement.set_options(
            **{"adbc.postgresql.batch_size_hint_bytes": str(batch_rows * _BYTES_PER_ROW_GUESS)}
        )
        cursor.execute(_select(table, as_text))
        for batch in cursor.fetch_record_batch():
            converted = _convert(batch, schema)
            for start in range(0, converted.num_rows, batch_rows):
                yield converted.slice(start, batch_rows)


def _pg_type(field: pa.Field) -> str:
    return (field.metadata or {}).get(b"POSTGRESQL:type", b"").decode()


def _select(table: sa.TableClause, as_text: set[str]) -> str:
    """Write the SELECT of every column, those in ``as_text`` cast to their PostgreSQL text."""
    selected: list[Any] = [
        sa.cast(column, sa.Text).label(column.name) if column.name in as_text else column
        for column in table.c
    ]
    return str(sa.select(*selected).select_from(table).compile(dialect=_COMPILE_DIALECT))


def _convert(batch: pa.RecordBatch, schema: pa.Schema) -> pa.RecordBatch:
    """Give every column its declared Arrow type; dates outside Python's range are refused, not wrapped."""
    arrays = []
    for field, column in zip(schema, batch.columns, strict=True):
        if isinstance(column.type, pa.ExtensionType):
            column = column.storage
        if column.type != field.type:
            column = pc.cast(column, field.type)
        if pa.types.is_date(field.type) or pa.types.is_timestamp(field.type):
            _check_range(field.name, column)
        arrays.append(column)
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _check_range(name: str, column: pa.Array) -> None:
    """Refuse PostgreSQL's ``infinity`` (ADBC passes its sentinel through), as the other read paths do."""
    if column.null_count == len(column):
        return
    if pa.types.is_date32(column.type):
        raw, per_day = column.view(pa.int32()), 1
    else:
        raw, per_day = column.view(pa.int64()), _UNITS_PER_DAY[column.type.unit]
    bounds = pc.min_max(raw)
    low, high = bounds["min"].as_py(), bounds["max"].as_py()
    if low < _EARLIEST_DAY * per_day or high >= (_LATEST_DAY + 1) * per_day:
        raise UnreadableValue(f"column '{name}' holds a date outside years 1-9999, which Python cannot hold")
