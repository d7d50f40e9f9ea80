"""Row checks as ``UnexpectedRowsExpectation``s: SQL over ``{batch}`` that the database itself counts.

Each query selects a constant, never a column, so not one value leaves the database: GX counts the rows
and fetches at most a page of ``1``s.
"""

from __future__ import annotations

import great_expectations.expectations as gxe

from expectations.plan import MinorsCheck, RowCheck
from expectations.sql_dialect import ColumnForm, SqlDialect


def _row_condition(check: RowCheck, forms: dict[str, ColumnForm], dialect: SqlDialect) -> str:
    past = " OR ".join(f"({dialect.before(c.column, forms[c.column], c.cutoff)})" for c in check.clocks)
    where = f"({past})"
    if check.personal:
        holds = " OR ".join(f"{dialect.quote(p)} IS NOT NULL" for p in check.personal)
        where += f" AND ({holds})"
    return where


def _minors_condition(check: MinorsCheck, forms: dict[str, ColumnForm], dialect: SqlDialect) -> str:
    birth = dialect.yyyymmdd(check.birth, forms[check.birth], rrn=check.birth_is_rrn)
    signup = dialect.yyyymmdd(check.signup, forms[check.signup])
    # Born on YYYYMMDD, a person turns N on YYYYMMDD + N*10000 (a 29 February birthday on 1 March, as
    # Korean civil-law age counting has it): under N at sign-up when that day is still to come.
    return f"{dialect.quote(check.guardian)} IS NULL AND {birth} + {check.age_below * 10000} > {signup}"


def describe(check: RowCheck | MinorsCheck) -> str:
    """Say what the expectation asks, in plain English, for the Data Docs."""
    if isinstance(check, MinorsCheck):
        return (
            f"{check.key} (policy {check.ref}): nobody under {check.age_below} at sign-up without a "
            "recorded legal representative's consent"
        )
    clocks = ", ".join(f"{c.role} ({c.column}) before {c.cutoff.isoformat()}" for c in check.clocks)
    return f"{check.rule} (policy {check.ref}): no row with {clocks} still holds personal data"


def sql_expectation(
    check: RowCheck | MinorsCheck, forms: dict[str, ColumnForm], dialect: SqlDialect
) -> gxe.UnexpectedRowsExpectation:
    """Build the expectation that no row breaks ``check``; its observed value is how many do.

    Args:
        check: the planned check.
        forms: how each column of the table stores its values (date, text, integer).
        dialect: the SQL fragments of the table's database.

    """
    where = (
        _minors_condition(check, forms, dialect)
        if isinstance(check, MinorsCheck)
        else _row_condition(check, forms, dialect)
    )
    return gxe.UnexpectedRowsExpectation(
        unexpected_rows_query=f"SELECT 1 AS breaks_policy FROM {{batch}} WHERE {where}",
        description=describe(check),
        meta={"check": check.key},
    )
