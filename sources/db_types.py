"""Database column types as clinicscan sees them: a ValueKind, an Arrow type, and rows turned into Arrow.

Values are read raw from the driver (no SQLAlchemy result processing, which raises on a malformed SQLite
date) and converted here leniently: a batch whose values do not fit the column's Arrow type (SQLite's dynamic
typing, a NaN in a NUMERIC) delivers that column as text for that batch instead of failing, so no value goes
unscanned.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pyarrow as pa
import sqlalchemy as sa
from sqlalchemy.engine import Dialect

from sources.base import ColumnInfo, ValueKind

# Order matters: Float is a Numeric, Boolean before Integer for dialects that derive one from the other.
_KIND_BY_TYPE: tuple[tuple[type[sa.types.TypeEngine[Any]], ValueKind], ...] = (
    (sa.Boolean, "bool"),
    (sa.Float, "float"),
    (sa.Integer, "integer"),
    (sa.Numeric, "decimal"),
    (sa.DateTime, "datetime"),
    (sa.Date, "date"),
    (sa.LargeBinary, "binary"),
    (sa.BINARY, "binary"),
    (sa.VARBINARY, "binary"),
    (sa.JSON, "text"),
    (sa.String, "text"),
    (sa.Uuid, "text"),
)

_ARROW_BY_KIND: dict[ValueKind, pa.DataType] = {
    "text": pa.string(),
    "integer": pa.int64(),
    "float": pa.float64(),
    "decimal": pa.string(),
    "date": pa.date32(),
    "datetime": pa.timestamp("us"),
    "bool": pa.bool_(),
    "binary": pa.binary(),
    "other": pa.string(),
}

_CONVERSION_ERRORS = (
    pa.ArrowInvalid,
    pa.ArrowTypeError,
    pa.ArrowNotImplementedError,
    OverflowError,
    ValueError,
)


@dataclass(frozen=True)
class DbColumn:
    """A reflected column: what describe() reports and the Arrow type its values are read into."""

    info: ColumnInfo
    arrow_type: pa.DataType


def value_kind(sa_type: sa.types.TypeEngine[Any]) -> ValueKind:
    """Return the ValueKind of a reflected SQLAlchemy type (``other`` for types without one)."""
    return next((kind for cls, kind in _KIND_BY_TYPE if isinstance(sa_type, cls)), "other")


def arrow_type(sa_type: sa.types.TypeEngine[Any]) -> pa.DataType:
    """Return the Arrow type a column's values are delivered as.

    Bounded NUMERIC/DECIMAL keeps its precision (decimal128/decimal256); an unbounded NUMERIC is delivered as
    text, since no fixed Arrow decimal can hold every value. Time zone aware timestamps are normalised to UTC.
    """
    kind = value_kind(sa_type)
    if kind == "decimal":
        return _decimal_type(sa_type)
    if kind == "datetime" and getattr(sa_type, "timezone", False):
        return pa.timestamp("us", tz="UTC")
    return _ARROW_BY_KIND[kind]


def declared_type(sa_type: sa.types.TypeEngine[Any], dialect: Dialect) -> str:
    """Write the column type as the database would (``VARCHAR(20)``, ``BYTEA``); empty if it has none."""
    try:
        return str(sa_type.compile(dialect=dialect))
    except Exception:  # NullType and exotic reflected types cannot always be compiled back
        return "" if isinstance(sa_type, sa.types.NullType) else type(sa_type).__name__.upper()


def db_column(name: str, sa_type: sa.types.TypeEngine[Any], dialect: Dialect) -> DbColumn:
    """Build the DbColumn of one reflected column."""
    info = ColumnInfo(name=name, declared_type=declared_type(sa_type, dialect), kind=value_kind(sa_type))
    return DbColumn(info=info, arrow_type=arrow_type(sa_type))


def arrow_schema(columns: Sequence[DbColumn]) -> pa.Schema:
    """Return the schema batches of these columns have when every value fits its declared type."""
    return pa.schema([pa.field(column.info.name, column.arrow_type) for column in columns])


def rows_to_batch(rows: Sequence[Sequence[Any]], schema: pa.Schema) -> pa.RecordBatch:
    """Turn driver rows into one RecordBatch of ``schema`` (a column that does not fit arrives as text)."""
    if not rows:
        return pa.RecordBatch.from_pylist([], schema=schema)
    values_by_column = list(zip(*rows, strict=True))
    arrays = [
        to_arrow(list(values), field.type) for values, field in zip(values_by_column, schema, strict=True)
    ]
    return pa.RecordBatch.from_arrays(arrays, names=schema.names)


def to_arrow(values: list[Any], target: pa.DataType) -> pa.Array:
    """Values as an Arrow array of ``target`` if they fit, else cast safely, else as text.

    The safe cast covers SQLite's ISO-text dates and 0/1 booleans; integers go through it first because a
    direct conversion would silently truncate a 1.5 stored in an INTEGER column.
    """
    if not pa.types.is_integer(target):
        try:
            return pa.array(values, type=target)
        except _CONVERSION_ERRORS:
            pass
    if not pa.types.is_string(target):  # casting to text would write numbers Arrow's way, not the database's
        try:
            return pa.array(values).cast(target, safe=True)
        except _CONVERSION_ERRORS:
            pass
    return pa.array([None if value is None else as_text(value) for value in values], type=pa.string())


def as_text(value: Any) -> str:
    """Write a value as the database would print it (JSON as JSON, bytes as hex, dates in ISO)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bytes | bytearray | memoryview):
        return "\\x" + bytes(value).hex()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, Decimal):
        return format(value, "f")  # 0.000001, not 1E-6, as PostgreSQL and MariaDB print it
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _decimal_type(sa_type: sa.types.TypeEngine[Any]) -> pa.DataType:
    precision = getattr(sa_type, "precision", None)
    scale = getattr(sa_type, "scale", None) or 0
    if precision is None or not 0 <= scale <= precision:
        return pa.string()
    if precision <= 38:
        return pa.decimal128(precision, scale)
    return pa.decimal256(precision, scale) if precision <= 76 else pa.string()
