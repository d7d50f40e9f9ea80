"""Every sampling strategy of every dialect, run against the real database, must give a spread sample."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from sources import open_source
from sources.database import DatabaseSource
from sources.db_sampling import _DEFAULT_STRATEGIES, STRATEGIES, SampleRequest, draw_sample, sampling_key
from tests.sources.dbkit import BIG_ROWS, ClinicDatabase, isolated_database

WANTED = 100


def request_for(source: DatabaseSource, connection: sa.Connection, table: str) -> SampleRequest:
    clause = sa.table(table, sa.column("id"), sa.column("payload"))
    return SampleRequest(
        connection=connection,
        table=clause,
        rows=WANTED,
        total_rows=BIG_ROWS,
        key=sampling_key(connection, clause, frozenset({"id"})),
    )


def assert_spread(ids: list[int]) -> None:
    assert len(ids) == WANTED
    assert len(set(ids)) == WANTED
    assert any(i > BIG_ROWS * 9 // 10 for i in ids)
    assert any(i <= BIG_ROWS // 10 for i in ids)
    deciles = {(i - 1) * 10 // BIG_ROWS for i in ids}
    assert len(deciles) >= 8, f"sample bunched in deciles {sorted(deciles)}"


def test_every_strategy_of_the_dialect_gives_a_spread_sample_or_steps_aside(
    clinic_db: ClinicDatabase,
) -> None:
    source = open_source("clinic", url=clinic_db.url)
    assert isinstance(source, DatabaseSource)
    dialect = source.engine.dialect.name
    strategies = STRATEGIES.get(dialect, ()) + _DEFAULT_STRATEGIES
    with source.engine.connect() as connection:
        for table in ("big", "big_no_key"):
            request = request_for(source, connection, table)
            for strategy in strategies:
                sample = strategy(request)
                if sample is not None:
                    assert_spread([row[0] for row in sample.rows])
    source.close()


@pytest.mark.parametrize(
    ("table", "expected_method"),
    [
        ("big", {"sqlite": "key ranges", "postgresql": "key ranges", "mariadb": "key ranges"}),
        ("big_no_key", {"sqlite": "key ranges", "postgresql": "BERNOULLI", "mariadb": "RAND"}),
    ],
)
def test_each_dialect_uses_its_cheapest_strategy(
    clinic_db: ClinicDatabase, table: str, expected_method: dict[str, str]
) -> None:
    source = open_source("clinic", url=clinic_db.url)
    assert isinstance(source, DatabaseSource)
    with source.engine.connect() as connection:
        sample = draw_sample(request_for(source, connection, table))
    source.close()
    assert expected_method[clinic_db.backend] in sample.method
    assert_spread([row[0] for row in sample.rows])


def test_sqlite_without_rowid_falls_back_to_a_random_filter(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'norowid.sqlite'}"
    admin = sa.create_engine(url)
    with admin.begin() as connection:
        connection.execute(sa.text("CREATE TABLE norowid (code TEXT PRIMARY KEY, id INTEGER) WITHOUT ROWID"))
        connection.execute(
            sa.text("INSERT INTO norowid VALUES (:code, :id)"),
            [{"code": f"c{i:05d}", "id": i} for i in range(1, BIG_ROWS + 1)],
        )
    admin.dispose()
    source = open_source("norowid", url=url)
    assert isinstance(source, DatabaseSource)
    with source.engine.connect() as connection:
        clause = sa.table("norowid", sa.column("id"), sa.column("code"))
        key = sampling_key(connection, clause, frozenset({"id"}))
        sample = draw_sample(SampleRequest(connection, clause, WANTED, BIG_ROWS, key))
    assert key is None
    assert "random()" in sample.method
    assert_spread([row[0] for row in sample.rows])
    assert source.sample("norowid", rows=WANTED).num_rows == WANTED
    source.close()


@pytest.mark.postgres
@pytest.mark.slow
def test_postgresql_samples_a_million_row_table_by_pages(tmp_path: Path) -> None:
    rows = 1_200_000
    with isolated_database("postgresql", tmp_path) as database:
        with database.admin.begin() as connection:
            connection.execute(sa.text("CREATE TABLE huge (id INTEGER PRIMARY KEY, payload TEXT)"))
            connection.execute(
                sa.text("INSERT INTO huge SELECT g, 'row ' || g FROM generate_series(1, :n) AS g"),
                {"n": rows},
            )
        with database.admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(sa.text("ANALYZE huge"))
        source = open_source("huge", url=database.url)
        assert isinstance(source, DatabaseSource)
        info = source.describe("huge")
        assert info.row_count_estimated is True
        assert abs(info.row_count - rows) < rows * 0.05  # type: ignore[operator]
        with source.engine.connect() as connection:
            clause = sa.table("huge", sa.column("id"), sa.column("payload"))
            sample = draw_sample(SampleRequest(connection, clause, 1000, info.row_count or rows))
        source.close()
    assert "TABLESAMPLE SYSTEM" in sample.method
    ids = [row[0] for row in sample.rows]
    assert len(ids) == 1000
    assert len({(i - 1) * 10 // rows for i in ids}) == 10
