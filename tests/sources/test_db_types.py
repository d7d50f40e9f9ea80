"""Database values into Arrow: typed where they fit, text where they do not, never lost or truncated."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pyarrow as pa
import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import mysql, postgresql

from sources.db_types import arrow_type, as_text, to_arrow, value_kind


@pytest.mark.parametrize(
    ("sa_type", "kind", "arrow"),
    [
        (sa.BigInteger(), "integer", pa.int64()),
        (mysql.TINYINT(), "integer", pa.int64()),
        (sa.Boolean(), "bool", pa.bool_()),
        (sa.Float(), "float", pa.float64()),
        (postgresql.DOUBLE_PRECISION(), "float", pa.float64()),
        (sa.Numeric(12, 2), "decimal", pa.decimal128(12, 2)),
        (sa.Numeric(), "decimal", pa.string()),
        (mysql.DECIMAL(65, 30), "decimal", pa.decimal256(65, 30)),
        (sa.Date(), "date", pa.date32()),
        (sa.DateTime(), "datetime", pa.timestamp("us")),
        (postgresql.TIMESTAMP(timezone=True), "datetime", pa.timestamp("us", tz="UTC")),
        (postgresql.BYTEA(), "binary", pa.binary()),
        (mysql.VARBINARY(16), "binary", pa.binary()),
        (postgresql.JSONB(), "text", pa.string()),
        (sa.Uuid(), "text", pa.string()),
        (sa.Enum("a", "b"), "text", pa.string()),
        (sa.Time(), "other", pa.string()),
        (postgresql.INTERVAL(), "other", pa.string()),
        (sa.types.NullType(), "other", pa.string()),
    ],
)
def test_types_map_to_kinds_and_arrow_types(sa_type: Any, kind: str, arrow: pa.DataType) -> None:
    assert value_kind(sa_type) == kind
    assert arrow_type(sa_type) == arrow


@pytest.mark.parametrize(
    ("values", "target", "expected_type", "expected"),
    [
        ([9001011234568, None], pa.int64(), pa.int64(), [9001011234568, None]),
        ([1, 1.5], pa.int64(), pa.string(), ["1", "1.5"]),  # never truncated to 1
        ([2**64], pa.int64(), pa.string(), [str(2**64)]),
        (["2024-01-02"], pa.date32(), pa.date32(), [dt.date(2024, 1, 2)]),
        ([1, 0], pa.bool_(), pa.bool_(), [True, False]),
        ([Decimal("NaN"), Decimal("1.50")], pa.decimal128(12, 2), pa.string(), ["NaN", "1.50"]),
        ([Decimal("1E-7")], pa.string(), pa.string(), ["0.0000001"]),
        ([{"a": "한"}, [1]], pa.string(), pa.string(), ['{"a": "한"}', "[1]"]),
        ([b"\x00\xff"], pa.string(), pa.string(), ["\\x00ff"]),
    ],
)
def test_to_arrow(
    values: list[Any], target: pa.DataType, expected_type: pa.DataType, expected: list[Any]
) -> None:
    array = to_arrow(values, target)
    assert array.type == expected_type
    assert array.to_pylist() == expected


def test_as_text_writes_dates_in_iso() -> None:
    assert as_text(dt.datetime(2024, 1, 2, 3, 4, 5)) == "2024-01-02 03:04:05"
    assert as_text(dt.time(9, 30)) == "09:30:00"
