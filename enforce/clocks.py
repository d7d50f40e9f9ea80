"""Retention clocks in SQL and in Python: "is this row's day before the cut-off?" and "when does it end?".

Clinic tables keep their dates as DATE/TIMESTAMP columns, as ``'YYYYMMDD'``/``'YYYY-MM-DD'`` text or as
``YYYYMMDD`` integers. The text and integer forms reuse the scanner's dialect fragments
(``expectations.sql_dialect``) so that enforcement destroys exactly the rows the scan's ``retention.overdue``
counts; a malformed cell reads as NULL and is never destroyed by a clock.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.elements import ColumnElement

from expectations.sql_dialect import ColumnForm, SqlDialect
from policy.schema import Period

_DIGITS = re.compile(r"\d")


def column_form(column: sa.Column) -> ColumnForm:
    """How a reflected column stores a day: ``date`` for DATE/TIMESTAMP, ``integer``, else ``text``."""
    if isinstance(column.type, sa.Date | sa.DateTime):
        return "date"
    if isinstance(column.type, sa.Integer):
        return "integer"
    return "text"


def qualified(column: sa.Column, dialect: Dialect) -> str:
    """``"table"."column"``, quoted by the dialect, so a fragment is unambiguous inside a subquery."""
    preparer = dialect.identifier_preparer
    return f"{preparer.format_table(column.table, use_schema=False)}.{preparer.quote(column.name)}"


def day_number(column: sa.Column, fragments: SqlDialect, dialect: Dialect) -> ColumnElement[Any]:
    """Read the day in a text or integer column as the number YYYYMMDD in SQL (NULL for junk)."""
    ref = qualified(column, dialect)
    if column_form(column) == "integer":
        return sa.literal_column(ref, sa.Integer)
    stripped = fragments.as_text(ref)
    for sep in ("-", ".", "/", " "):
        stripped = f"REPLACE({stripped}, '{sep}', '')"
    return sa.literal_column(fragments.digits(f"SUBSTR({stripped}, 1, 8)", 8), sa.Integer)


def before(column: sa.Column, cutoff: date, fragments: SqlDialect, dialect: Dialect) -> ColumnElement[bool]:
    """Select rows whose day in ``column`` is before ``cutoff``; NULL and malformed days never match.

    A DATE/TIMESTAMP column is compared directly, so an index on it can serve the query. The test is
    two-valued (false, not NULL, for a NULL day) so that callers can negate it.
    """
    if column_form(column) == "date":
        return sa.and_(column.is_not(None), column < sa.literal(cutoff, column.type))
    day = day_number(column, fragments, dialect)
    return sa.and_(day.is_not(None), day < int(cutoff.strftime("%Y%m%d")))  # two-valued: never NULL


def latest_before(
    key: sa.Column,
    their_key: sa.Column,
    column: sa.Column,
    cutoff: date,
    fragments: SqlDialect,
    dialect: Dialect,
) -> ColumnElement[bool]:
    """Select rows whose latest day in another table (``clock_from``) is before ``cutoff``.

    ``key IN (SELECT their_key ... GROUP BY their_key HAVING MAX(day) < cutoff)``: the scan's reading of
    the same clock. Two-valued: a NULL key, or a key with no readable day, never matches.
    """
    if column_form(column) == "date":
        latest = sa.func.max(column) < sa.literal(cutoff, column.type)
    else:
        latest = sa.func.max(day_number(column, fragments, dialect)) < int(cutoff.strftime("%Y%m%d"))
    inner = sa.select(their_key).where(their_key.is_not(None)).group_by(their_key).having(latest)
    return sa.and_(key.is_not(None), key.in_(inner.correlate(None)))


def latest_expression(column: sa.Column, fragments: SqlDialect, dialect: Dialect) -> ColumnElement[Any]:
    """``MAX`` over the column's days, in a form ``parse_day`` reads back (a ``clock_from`` clock)."""
    if column_form(column) == "date":
        return sa.func.max(column)
    return sa.func.max(day_number(column, fragments, dialect))


def oldest_expression(column: sa.Column, fragments: SqlDialect, dialect: Dialect) -> ColumnElement[Any]:
    """``MIN`` over the column's days, in a form ``parse_day`` reads back."""
    if column_form(column) == "date":
        return sa.func.min(column)
    return sa.func.min(day_number(column, fragments, dialect))


def parse_day(value: Any) -> date | None:
    """Read a day back from any stored form (date, datetime, YYYYMMDD number or text); None if none."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    digits = "".join(_DIGITS.findall(str(value)))[:8]
    if len(digits) != 8:
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def cutoff(period: Period, today: date, deadline_days: int) -> date:
    """Return the day before which a clock has run ``period`` and the destruction deadline too."""
    return period.before(today - timedelta(days=deadline_days))


def age_days(day: date | None, today: date) -> int | None:
    """Days from ``day`` to ``today`` (None when unknown)."""
    return None if day is None else (today - day).days
