"""The few SQL fragments that differ between databases (the read-only guard is sources/db_engine.py's).

The row rules compare dates, and dates come as DATE/TIMESTAMP columns, as ``'YYYYMMDD'`` or
``'YYYY-MM-DD'`` text, as ``YYYYMMDD`` integers, or inside a resident registration number (``YYMMDD-G``,
where G gives the century). Every form is turned into a ``YYYYMMDD`` number with plain functions that
SQLite, PostgreSQL and MariaDB/MySQL share (REPLACE, SUBSTR, CASE) plus one guarded cast per dialect,
so a malformed cell yields NULL (not counted) instead of an error that would stop the check.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

import sqlalchemy as sa
from sqlalchemy.engine import Engine

ColumnForm = Literal["date", "text", "integer"]


class UnsupportedSql(Exception):
    """The dialect cannot express a needed fragment; the message says which and what to do."""


def column_forms(engine: Engine, table: str, schema: str | None) -> dict[str, ColumnForm]:
    """Every column of the table and how its dates would be stored in it (read from the catalog)."""
    forms: dict[str, ColumnForm] = {}
    for col in sa.inspect(engine).get_columns(table, schema=schema):
        kind = col["type"]
        if isinstance(kind, sa.Date | sa.DateTime):
            forms[col["name"]] = "date"
        elif isinstance(kind, sa.Integer):
            forms[col["name"]] = "integer"
        else:
            forms[col["name"]] = "text"
    return forms


class SqlDialect:
    """Fragments in ANSI SQL; subclasses override what their database spells differently."""

    name = "generic"

    def __init__(self, engine: Engine) -> None:
        self._preparer = engine.dialect.identifier_preparer

    def quote(self, identifier: str) -> str:
        """Always-quoted identifier, safe inside GX's ``str.format`` and SQLAlchemy ``text()``."""
        quoted = self._preparer.quote_identifier(identifier)
        return quoted.replace("{", "{{").replace("}", "}}").replace(":", "\\:")

    def digits(self, expr: str, length: int) -> str:
        """``expr`` as an integer when it is exactly ``length`` digits, else NULL."""
        raise UnsupportedSql(f"the {self.name} dialect cannot read dates stored as text; store them as DATE")

    def date_number(self, expr: str) -> str:
        """Turn a DATE/TIMESTAMP expression into the number YYYYMMDD."""
        return (
            f"(EXTRACT(YEAR FROM {expr}) * 10000 + EXTRACT(MONTH FROM {expr}) * 100 "
            f"+ EXTRACT(DAY FROM {expr}))"
        )

    def as_text(self, expr: str) -> str:
        """``expr`` as a string, for the text functions."""
        return expr

    def yyyymmdd(self, column: str, form: ColumnForm, rrn: bool = False) -> str:
        """Read the day in ``column`` as the number YYYYMMDD, whatever form it is stored in."""
        col = self.quote(column)
        if rrn:
            return self._rrn_birth(self.as_text(col))
        if form == "date":
            return self.date_number(col)
        if form == "integer":
            return col
        stripped = self.as_text(col)
        for sep in ("-", ".", "/", " "):
            stripped = f"REPLACE({stripped}, '{sep}', '')"
        return self.digits(f"SUBSTR({stripped}, 1, 8)", 8)

    def _rrn_birth(self, col: str) -> str:
        digits = f"REPLACE(REPLACE({col}, '-', ''), ' ', '')"
        gender = f"SUBSTR({digits}, 7, 1)"
        century = (
            f"CASE WHEN {gender} IN ('1', '2', '5', '6') THEN 19000000 "
            f"WHEN {gender} IN ('3', '4', '7', '8') THEN 20000000 "
            f"WHEN {gender} IN ('9', '0') THEN 18000000 END"
        )
        return f"({century} + {self.digits(f'SUBSTR({digits}, 1, 6)', 6)})"

    def before(self, column: str, form: ColumnForm, cutoff: date) -> str:
        """Write a condition true when the day in ``column`` is before ``cutoff`` (NULL, junk: false)."""
        if form == "date":
            # Compared with an ISO literal so an index on the column can serve; no colon (bind syntax).
            return f"{self.quote(column)} < '{cutoff.isoformat()}'"
        return f"{self.yyyymmdd(column, form)} < {cutoff:%Y%m%d}"


class _Sqlite(SqlDialect):
    name = "sqlite"

    def digits(self, expr: str, length: int) -> str:
        digits_only = f"LENGTH({expr}) = {length} AND {expr} NOT GLOB '*[^0-9]*'"
        return f"(CASE WHEN {digits_only} THEN CAST({expr} AS INTEGER) END)"

    def yyyymmdd(self, column: str, form: ColumnForm, rrn: bool = False) -> str:
        # SQLite keeps DATE and DATETIME values as ISO text, so they are read as text.
        return super().yyyymmdd(column, "text" if form == "date" else form, rrn)


class _Postgres(SqlDialect):
    name = "postgresql"

    def digits(self, expr: str, length: int) -> str:
        return (
            f"(CASE WHEN {expr} ~ '^[0-9]+$' AND LENGTH({expr}) = {length} THEN CAST({expr} AS INTEGER) END)"
        )

    def as_text(self, expr: str) -> str:
        return f"CAST({expr} AS TEXT)"


class _MySql(SqlDialect):
    name = "mysql"

    def digits(self, expr: str, length: int) -> str:
        digits_only = f"{expr} REGEXP '^[0-9]+$' AND LENGTH({expr}) = {length}"
        return f"(CASE WHEN {digits_only} THEN CAST({expr} AS SIGNED) END)"


_DIALECTS: dict[str, type[SqlDialect]] = {
    "sqlite": _Sqlite,
    "postgresql": _Postgres,
    "mysql": _MySql,
    "mariadb": _MySql,
}


def dialect_for(engine: Engine) -> SqlDialect:
    """Pick the fragments for the engine's database (ANSI SQL for one not listed)."""
    return _DIALECTS.get(engine.dialect.name, SqlDialect)(engine)
