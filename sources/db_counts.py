"""Row counts that stay cheap: the catalogue's estimate for big tables, an exact COUNT(*) for the rest.

A COUNT(*) of a 100-million-row table takes minutes on PostgreSQL and MariaDB alike; the statistics the server
keeps for its planner are good to a few percent, which is all a scan report needs ("about 100 million rows").
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

# Below this the exact count is fast enough; above it, the estimate is used when the catalogue has one.
ESTIMATE_ABOVE = 1_000_000

Estimator = Callable[[sa.Connection, str, str | None], int | None]

# reltuples/relpages scaled to the relation's current size, as the planner itself estimates (so a table that
# grew since its last ANALYZE is not under-counted).
_PG_ESTIMATE = sa.text(
    "SELECT c.reltuples, c.relpages, pg_relation_size(c.oid) / current_setting('block_size')::int AS pages"
    " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
    " WHERE c.relname = :name AND n.nspname = COALESCE(:schema, current_schema())"
)
_MYSQL_ESTIMATE = sa.text(
    "SELECT TABLE_ROWS FROM information_schema.TABLES"
    " WHERE TABLE_NAME = :name AND TABLE_SCHEMA = COALESCE(:schema, DATABASE())"
)


def _postgresql_estimate(connection: sa.Connection, name: str, schema: str | None) -> int | None:
    row = connection.execute(_PG_ESTIMATE, {"name": name, "schema": schema}).first()
    if row is None or row.reltuples < 0 or row.relpages <= 0:  # never analysed: no usable estimate
        return None
    return int(row.reltuples / row.relpages * row.pages)


def _mysql_estimate(connection: sa.Connection, name: str, schema: str | None) -> int | None:
    value = connection.execute(_MYSQL_ESTIMATE, {"name": name, "schema": schema}).scalar()
    return None if value is None else int(value)


ESTIMATORS: dict[str, Estimator] = {
    "postgresql": _postgresql_estimate,
    "mysql": _mysql_estimate,
    "mariadb": _mysql_estimate,
}


def count_rows(connection: sa.Connection, table: sa.TableClause) -> tuple[int, bool]:
    """Return the table's row count and whether it is an estimate.

    Args:
        connection: An open (read-only) connection.
        table: The table, with its schema when it is not the default one.

    Returns:
        ``(estimate, True)`` when the dialect keeps statistics and they say the table has at least
        ``ESTIMATE_ABOVE`` rows; ``(COUNT(*), False)`` otherwise.

    """
    estimator = ESTIMATORS.get(connection.dialect.name)
    if estimator is not None:
        estimate = estimator(connection, table.name, table.schema)
        if estimate is not None and estimate >= ESTIMATE_ABOVE:
            return estimate, True
    return exact_count(connection, table), False


def exact_count(connection: sa.Connection, table: sa.TableClause) -> int:
    """``SELECT COUNT(*)`` of the table (its name quoted by SQLAlchemy)."""
    return int(connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())
