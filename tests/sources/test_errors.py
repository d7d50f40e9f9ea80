"""Error reasons are one line and carry no data values."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from sources.errors import reason


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (
            ValueError("CSV parse error: Expected 2 columns, got 3: 홍길동,900101-1234568,x"),
            "CSV parse error: Expected 2 columns, got 3",
        ),
        (
            ValueError("CSV parse error: Row #3: Expected 1 columns, got 2: a,b"),
            "CSV parse error: Row #3: Expected 1 columns, got 2",
        ),
        (ValueError("first line\nsecond line with 900101-1234568"), "first line"),
        (
            ValueError("CSV conversion error to date32[day]: invalid value '900101-1234568'"),
            "CSV conversion error to date32[day]: invalid value",
        ),
        (
            ValueError('invalid input syntax for type integer: "900101-1234568"'),
            "invalid input syntax for type integer",
        ),
        (ValueError("date too large (after year 10K): 'infinity'"), "date too large (after year 10K)"),
        (ValueError(""), "ValueError"),
        (ValueError("x" * 500), "x" * 239 + "…"),
    ],
)
def test_reason_is_one_clean_line(exc: Exception, expected: str) -> None:
    assert reason(exc) == expected


def test_a_database_error_loses_the_statement_and_its_parameters() -> None:
    error = OperationalError(
        "SELECT * FROM t WHERE rrn = %(rrn)s", {"rrn": "900101-1234568"}, Exception("boom")
    )
    assert reason(error) == "boom"
