"""Row checks as ``UnexpectedRowsExpectation``s: SQL over ``{batch}`` that the database itself counts.

Each query selects a constant, never a column, so not one value leaves the database: GX counts the rows
and fetches at most a page of ``1``s.
"""

from __future__ import annotations

import great_expectations.expectations as gxe

from expectations.plan import ClockTest, MinorsCheck, RowCheck
from expectations.sql_dialect import ColumnForm, SqlDialect


def _remote_before(clock: ClockTest, dialect: SqlDialect, schema: str | None) -> str:
    """Select rows whose key is among the other table's keys whose latest day is before the cut-off.

    Uncorrelated (``key IN (SELECT ... GROUP BY ... HAVING MAX(...) < cut-off)``), so it needs no alias
    for GX's ``{batch}`` and the database computes each person's latest day once.
    """
    remote = clock.remote
    assert remote is not None
    form: ColumnForm = remote.form  # type: ignore[assignment]
    key = dialect.quote(remote.their_key)
    table = dialect.quote(remote.table)
    if schema:
        table = f"{dialect.quote(schema)}.{table}"
    if form == "date":
        latest = f"MAX({dialect.quote(remote.column)}) < '{clock.cutoff.isoformat()}'"
    else:
        latest = f"MAX({dialect.yyyymmdd(remote.column, form)}) < {clock.cutoff:%Y%m%d}"
    return (
        f"{dialect.quote(remote.key)} IN (SELECT {key} FROM {table} WHERE {key} IS NOT NULL "
        f"GROUP BY {key} HAVING {latest})"
    )


def _clock_before(
    clock: ClockTest, forms: dict[str, ColumnForm], dialect: SqlDialect, schema: str | None
) -> str:
    if clock.remote is not None:
        return _remote_before(clock, dialect, schema)
    return dialect.before(clock.column, forms[clock.column], clock.cutoff)


def _row_condition(
    check: RowCheck, forms: dict[str, ColumnForm], dialect: SqlDialect, schema: str | None
) -> str:
    past = " OR ".join(f"({_clock_before(c, forms, dialect, schema)})" for c in check.clocks)
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
    clocks = ", ".join(
        f"{c.role} ({f'latest {c.remote.table}.{c.remote.column}' if c.remote else c.column}) before "
        f"{c.cutoff.isoformat()}"
        for c in check.clocks
    )
    return f"{check.rule} (policy {check.ref}): no row with {clocks} still holds personal data"


def sql_expectation(
    check: RowCheck | MinorsCheck,
    forms: dict[str, ColumnForm],
    dialect: SqlDialect,
    schema: str | None = None,
) -> gxe.UnexpectedRowsExpectation:
    """Build the expectation that no row breaks ``check``; its observed value is how many do.

    Args:
        check: the planned check.
        forms: how each column of the table stores its values (date, text, integer).
        dialect: the SQL fragments of the table's database.
        schema: the table's schema, where the tables of ``clock_from`` clocks are too.

    """
    where = (
        _minors_condition(check, forms, dialect)
        if isinstance(check, MinorsCheck)
        else _row_condition(check, forms, dialect, schema)
    )
    return gxe.UnexpectedRowsExpectation(
        unexpected_rows_query=f"SELECT 1 AS breaks_policy FROM {{batch}} WHERE {where}",
        description=describe(check),
        meta={"check": check.key},
    )
