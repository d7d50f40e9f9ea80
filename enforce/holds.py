"""Until when a record is kept: its retention end from the rules, and the end of a hold a child imposes.

A record ends when the first of its record type's clocks runs out (the scan counts a row overdue when any
clock has run out, so this is the same reading). A row kept alive by held child rows is kept until the
last of those children's holds ends.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.sql.elements import ColumnElement

from enforce.catalog import Catalog, ForeignKey
from enforce.clocks import before, latest_before, latest_expression, parse_day
from enforce.tables import MappedTable
from expectations.sql_dialect import SqlDialect

REMOTE_CLOCK = "clock_from."
"""Prefix of the keys ``add_remote_clocks`` gives a row for its ``clock_from`` clocks (no column has it)."""


def add_remote_clocks(
    connection: Connection,
    table: MappedTable,
    rows: Sequence[dict[str, Any]],
    fragments: SqlDialect,
    dialect: Dialect,
) -> None:
    """Give each row its ``clock_from`` clocks (the latest day among the matching rows of the other table).

    Stored under ``clock_from.<event>``, so that ``retention_end`` can say until when the row is kept as it
    does for a clock column of the table's own: a guardian's account until a year after the child's last
    login, not "unknown".
    """
    for event, remote in table.remote.items():
        keys = list(dict.fromkeys(r[remote.key.name] for r in rows if r.get(remote.key.name) is not None))
        latest: dict[Any, Any] = {}
        for start in range(0, len(keys), 1000):
            query = (
                sa.select(remote.their_key, latest_expression(remote.column, fragments, dialect))
                .where(remote.their_key.in_(keys[start : start + 1000]))
                .group_by(remote.their_key)
            )
            latest.update({k: day for k, day in connection.execute(query)})
        for row in rows:
            row[REMOTE_CLOCK + event] = latest.get(row.get(remote.key.name))


def clock_columns(table: MappedTable) -> list[str]:
    """List the columns that carry the table's retention clocks."""
    return list(dict.fromkeys(c for r in table.record_type.retention if (c := table.roles.get(r.event))))


def retention_end(table: MappedTable, values: Mapping[str, Any]) -> date | None:
    """Return the day the row's retention ends (the first clock to run out); None while none has started.

    Args:
        table: the row's table.
        values: the row's clock columns (column -> stored value), and its ``clock_from`` clocks when
            ``add_remote_clocks`` gave it them.

    """
    ends = []
    for rule in table.record_type.retention:
        column = table.roles.get(rule.event)
        day = parse_day(values.get(column) if column else values.get(REMOTE_CLOCK + rule.event))
        if day is not None:
            ends.append(rule.period.after(day))
    return min(ends) if ends else None


@dataclass(frozen=True)
class PastClock:
    """Rows whose ``event`` clock ran out before a day: the selection, and the clock in words.

    ``column`` is the table's own clock column (to date the oldest row); None for a ``clock_from`` clock.
    """

    where: ColumnElement[bool]
    column: sa.Column | None
    shown: str


def clock_passed(
    table: MappedTable, event: str, day: date, fragments: SqlDialect, dialect: Dialect
) -> PastClock | None:
    """Select the rows of ``table`` whose ``event`` clock is before ``day``; None when it has no such clock.

    The clock is the table's own ``roles.<event>`` column, or the latest day ``clock_from.<event>`` names.
    """
    remote = table.remote.get(event)
    if remote is not None:
        where = latest_before(remote.key, remote.their_key, remote.column, day, fragments, dialect)
        return PastClock(where, None, f"latest {remote.table}.{remote.column.name} per {remote.key.name}")
    name = table.roles.get(event)
    if name is None:
        return None
    column = table.table.c[name]
    return PastClock(before(column, day, fragments, dialect), column, name)


def held_by_children(
    connection: Connection,
    catalog: Catalog,
    child: MappedTable,
    fk: ForeignKey,
    keys: Sequence[tuple[Any, ...]],
) -> dict[tuple[Any, ...], date]:
    """For parent keys, the last day a held child row referring to them is kept (None-free)."""
    table = catalog.table(fk.child)
    out: dict[tuple[Any, ...], date] = {}
    clocks = clock_columns(child)
    if not clocks or not keys:
        return out
    refs = [table.c[c] for c in fk.columns]
    wanted = refs[0].in_([k[0] for k in keys]) if len(refs) == 1 else sa.tuple_(*refs).in_(keys)
    query = sa.select(*refs, *(sa.func.max(table.c[c]) for c in clocks)).where(wanted).group_by(*refs)
    for row in connection.execute(query):
        key = tuple(row[: len(refs)])
        end = retention_end(child, dict(zip(clocks, row[len(refs) :], strict=True)))
        if end is not None:
            out[key] = max(end, out.get(key, end))
    return out


def rows_end(table: MappedTable, rows: Sequence[Mapping[str, Any]]) -> date | None:
    """Return the day the last of ``rows`` reaches its retention end; None if one has no clock yet."""
    ends = [retention_end(table, r) for r in rows]
    if not ends or any(e is None for e in ends):
        return None
    return max(e for e in ends if e is not None)


@dataclass(frozen=True)
class Keep:
    """Why and until when a set of rows is kept: its own legal hold, or held rows that refer to it."""

    until: date | None
    legal_basis: tuple[str, ...]
    held_by: tuple[str, ...]  # tables whose legal hold keeps the rows (the table itself when held)


def keep_of(
    table: MappedTable,
    rows: Sequence[Mapping[str, Any]],
    holders: Sequence[tuple[MappedTable, Sequence[Mapping[str, Any]]]],
    today: date,
) -> Keep | None:
    """Whether ``rows`` are kept by a legal hold on ``today`` and until when; None when nothing keeps them.

    Args:
        table: the rows' table.
        rows: the rows (clock columns at least).
        holders: held tables whose rows refer to these, with those rows.
        today: the day of the question.

    """
    ends: list[date | None] = []
    basis: list[str] = []
    by: list[str] = []
    candidates = [(table, rows)] if table.held else []
    for child, child_rows in [*candidates, *holders]:
        end = rows_end(child, child_rows)
        if end is None or end >= today:
            ends.append(end)
            basis += [b for r in child.record_type.retention for b in r.legal_basis]
            by.append(child.name)
    if not by:
        return None
    until = None if any(e is None for e in ends) else max(e for e in ends if e is not None)
    return Keep(until, tuple(dict.fromkeys(basis)), tuple(dict.fromkeys(by)))
