"""Samples spread across the whole table on every dialect, without sorting (or even reading) a big table.

Each dialect has an ordered list of strategies; the first that yields a full sample wins. A strategy gives up
(returns None) rather than return a short or lopsided sample, so the last one in each list must always work.

- Small tables (at most twice the rows asked for): the whole table is read and evenly thinned.
- PostgreSQL: 100 equal ranges of an integer primary key (index range reads); then ``TABLESAMPLE SYSTEM``
  (pages, for tables of a million rows or more: ten times the pages needed, a tenth of their rows kept), then
  ``TABLESAMPLE BERNOULLI`` (rows, one pass); last ``ORDER BY random() LIMIT n``.
- MariaDB/MySQL: 100 equal ranges of an integer primary key, each an index range read; then
  ``WHERE RAND(seed) < p`` (one pass, no sort); last ``ORDER BY RAND(seed) LIMIT n``.
- SQLite: the same key ranges on the rowid; then ``WHERE abs(random() % 10^9) < p * 10^9``; last
  ``ORDER BY random() LIMIT n``.
- Other dialects: key ranges on an integer primary key; then every k-th row of a streamed full read.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

BUCKETS = 100
SEED = 1009
SYSTEM_ABOVE = 1_000_000  # TABLESAMPLE SYSTEM picks whole pages: spread enough only on big tables
OVERSAMPLE = 1.5  # draw this many times the rows asked for, so that chance rarely leaves a sample short
PAGE_SPREAD = 10  # TABLESAMPLE SYSTEM: visit this many times more pages than needed, keep that share of rows
_RANDOM_SCALE = 1_000_000_000

Row = Sequence[Any]
Rows = Sequence[Row]


@dataclass(frozen=True)
class SampleRequest:
    """What to sample.

    Attributes:
        connection: An open read-only connection.
        table: The table with the columns to read.
        rows: How many rows are wanted.
        total_rows: The table's row count (an estimate on big tables).
        key: An integer column (or SQLite's rowid) to cut the table into ranges by, if the table has one.

    """

    connection: sa.Connection
    table: sa.TableClause
    rows: int
    total_rows: int
    key: sa.ColumnElement[Any] | None = None


@dataclass(frozen=True)
class Sample:
    """The rows drawn, and how (for logs and the README's promise)."""

    rows: list[Row]
    method: str


Strategy = Callable[[SampleRequest], Sample | None]


def draw_sample(request: SampleRequest) -> Sample:
    """Up to ``request.rows`` rows drawn from across the whole table, with the dialect's best strategy."""
    if request.rows <= 0:
        return Sample(rows=[], method="no rows asked for")
    if request.total_rows <= 2 * request.rows:
        return _whole_table(request)
    for strategy in STRATEGIES.get(request.connection.dialect.name, _DEFAULT_STRATEGIES):
        sample = strategy(request)
        if sample is not None:
            return sample
    raise AssertionError("the last sampling strategy of every dialect always returns a sample")


def sampling_key(
    connection: sa.Connection,
    table: sa.TableClause,
    integer_columns: frozenset[str],
    primary_key: list[str] | None = None,
) -> sa.ColumnElement[Any] | None:
    """Find the column to cut the table into key ranges by: the rowid, else a one-column integer key.

    Args:
        connection: An open connection.
        table: The table.
        integer_columns: Names of the table's integer columns (a text primary key cannot be cut into ranges).
        primary_key: The primary key's columns when the caller has read them from the catalogue already
            (asked of the database otherwise).

    """
    if connection.dialect.name == "sqlite":
        rowid = _sqlite_rowid(connection, table)
        if rowid is not None:
            return rowid
    if primary_key is None:
        constraint = sa.inspect(connection).get_pk_constraint(table.name, schema=table.schema)
        primary_key = constraint.get("constrained_columns") or []
    columns = primary_key
    if len(columns) == 1 and columns[0] in integer_columns and columns[0] in table.c:
        return table.c[columns[0]]
    return None


def _sqlite_rowid(connection: sa.Connection, table: sa.TableClause) -> sa.ColumnElement[Any] | None:
    taken = {column.name.casefold() for column in table.c}
    alias = next((name for name in ("_rowid_", "rowid", "oid") if name not in taken), None)
    if alias is None:
        return None
    rowid: sa.ColumnElement[Any] = sa.literal_column(alias)
    try:  # a WITHOUT ROWID table has none
        connection.execute(sa.select(rowid).select_from(table).limit(1)).all()
    except DBAPIError:
        return None
    return rowid


def _select(request: SampleRequest, source: sa.FromClause | None = None) -> sa.Select[Any]:
    origin = request.table if source is None else source
    return sa.select(*origin.c).select_from(origin)


def _thin(rows: Rows, wanted: int) -> list[Row]:
    """Keep ``wanted`` rows evenly spaced over ``rows`` (so the sample stays spread as the input was)."""
    if len(rows) <= wanted:
        return list(rows)
    return [rows[i * len(rows) // wanted] for i in range(wanted)]


def _whole_table(request: SampleRequest) -> Sample:
    rows = list(request.connection.execute(_select(request)).all())
    return Sample(rows=_thin(rows, request.rows), method="whole table, evenly thinned")


def _tablesample(method: str, min_rows: int) -> Strategy:
    """``TABLESAMPLE`` SYSTEM (pages) or BERNOULLI (rows).

    SYSTEM returns whole pages, so it samples ``PAGE_SPREAD`` times more pages than the rows need and keeps a
    random ``1/PAGE_SPREAD`` of their rows: the sample then comes from many pages all over the table.
    """
    spread = PAGE_SPREAD if method == "SYSTEM" else 1

    def strategy(request: SampleRequest) -> Sample | None:
        if request.total_rows < min_rows:
            return None
        percent = min(100.0, 100.0 * spread * OVERSAMPLE * request.rows / request.total_rows)
        sampled = sa.tablesample(
            request.table, getattr(sa.func, method.lower())(percent), seed=sa.literal(SEED)
        )
        statement = _select(request, sampled)
        if spread > 1:
            statement = statement.where(sa.func.random() < 1.0 / spread)
        rows = list(request.connection.execute(statement).all())
        if len(rows) < request.rows:
            return None
        return Sample(rows=_thin(rows, request.rows), method=f"TABLESAMPLE {method} ({percent:.4g}%)")

    return strategy


def _key_ranges(request: SampleRequest) -> Sample | None:
    key = request.key
    if key is None:
        return None
    low, high = request.connection.execute(
        sa.select(sa.func.min(key), sa.func.max(key)).select_from(request.table)
    ).one()
    if low is None or high - low + 1 < BUCKETS:
        return None
    span = high - low + 1
    buckets = min(BUCKETS, request.rows)
    per_bucket = math.ceil(request.rows / buckets)
    rows: list[Row] = []
    for bucket in range(buckets):
        start, end = low + span * bucket // buckets, low + span * (bucket + 1) // buckets
        statement = _select(request).where(key >= start, key < end).order_by(key).limit(per_bucket)
        rows.extend(request.connection.execute(statement).all())
    if len(rows) < request.rows:  # sparse keys: the ranges hold too few rows to be representative
        return None
    return Sample(rows=_thin(rows, request.rows), method=f"{buckets} key ranges")


def _random_filter(random_below: Callable[[float], sa.ColumnElement[bool]], label: str) -> Strategy:
    def strategy(request: SampleRequest) -> Sample | None:
        probability = min(1.0, OVERSAMPLE * request.rows / request.total_rows)
        rows = list(request.connection.execute(_select(request).where(random_below(probability))).all())
        if len(rows) < request.rows:
            return None
        return Sample(rows=_thin(rows, request.rows), method=f"{label} (p={probability:.4g})")

    return strategy


def _random_order(random_value: Callable[[], sa.ColumnElement[Any]], label: str) -> Strategy:
    def strategy(request: SampleRequest) -> Sample:
        statement = _select(request).order_by(random_value()).limit(request.rows)
        return Sample(rows=list(request.connection.execute(statement).all()), method=label)

    return strategy


def _systematic(request: SampleRequest) -> Sample:
    """Every k-th row of a streamed full read: works on any dialect, memory bounded by the sample."""
    step = request.total_rows / request.rows
    rows: list[Row] = []
    next_pick = 0.0
    result = request.connection.execution_options(stream_results=True, yield_per=10_000).execute(
        _select(request)
    )
    for index, row in enumerate(result):
        if index >= next_pick and len(rows) < request.rows:
            rows.append(row)
            next_pick += step
    return Sample(rows=rows, method="every k-th row of a full read")


def _mysql_rand_below(probability: float) -> sa.ColumnElement[bool]:
    return sa.func.rand(SEED) < probability


def _sqlite_random_below(probability: float) -> sa.ColumnElement[bool]:
    return sa.func.abs(sa.func.random() % _RANDOM_SCALE) < int(probability * _RANDOM_SCALE)


_MYSQL_STRATEGIES: tuple[Strategy, ...] = (
    _key_ranges,
    _random_filter(_mysql_rand_below, "WHERE RAND(seed) < p"),
    _random_order(lambda: sa.func.rand(SEED), "ORDER BY RAND(seed) LIMIT n"),
)
_DEFAULT_STRATEGIES: tuple[Strategy, ...] = (_key_ranges, _systematic)

STRATEGIES: dict[str, tuple[Strategy, ...]] = {
    "postgresql": (
        _key_ranges,
        _tablesample("SYSTEM", SYSTEM_ABOVE),
        _tablesample("BERNOULLI", 0),
        _random_order(sa.func.random, "ORDER BY random() LIMIT n"),
    ),
    "mysql": _MYSQL_STRATEGIES,
    "mariadb": _MYSQL_STRATEGIES,
    "sqlite": (
        _key_ranges,
        _random_filter(_sqlite_random_below, "WHERE abs(random() % 1e9) < p * 1e9"),
        _random_order(sa.func.random, "ORDER BY random() LIMIT n"),
    ),
}
