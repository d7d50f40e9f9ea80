"""Row counts: exact for small tables, the server's statistics for big ones (and the TableInfo says which)."""

from __future__ import annotations

from contextlib import closing

import pytest
import sqlalchemy as sa

import sources.db_counts as db_counts
from sources import open_source
from tests.sources.dbkit import BIG_ROWS, ClinicDatabase

ANALYZE = {"postgresql": "ANALYZE big", "mariadb": "ANALYZE TABLE big", "sqlite": "ANALYZE"}


def test_small_tables_are_counted_exactly(clinic_db: ClinicDatabase) -> None:
    with closing(open_source("clinic", url=clinic_db.url)) as source:
        info = source.describe("big")
    assert (info.row_count, info.row_count_estimated) == (BIG_ROWS, False)


def test_big_tables_use_the_servers_estimate_where_it_keeps_one(
    clinic_db: ClinicDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    with clinic_db.admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(sa.text(ANALYZE[clinic_db.backend])).close()
    monkeypatch.setattr(db_counts, "ESTIMATE_ABOVE", 1_000)  # "big" from 1,000 rows on, for this test
    with closing(open_source("clinic", url=clinic_db.url)) as source:
        info = source.describe("big")
    if clinic_db.backend == "sqlite":  # SQLite keeps no row estimate: always an exact COUNT(*)
        assert (info.row_count, info.row_count_estimated) == (BIG_ROWS, False)
    else:
        assert info.row_count_estimated is True
        assert info.row_count is not None
        assert BIG_ROWS * 0.5 <= info.row_count <= BIG_ROWS * 1.5


def test_a_table_never_analysed_is_counted(
    clinic_db: ClinicDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db_counts, "ESTIMATE_ABOVE", 1_000)
    with clinic_db.admin.begin() as connection:
        connection.execute(sa.text("CREATE TABLE fresh_counts (id INTEGER)"))
        connection.execute(sa.text("INSERT INTO fresh_counts VALUES (1), (2), (3)"))
    try:
        with closing(open_source("clinic", url=clinic_db.url)) as source:
            info = source.describe("fresh_counts")
        assert (info.row_count, info.row_count_estimated) == (3, False)
    finally:
        with clinic_db.admin.begin() as connection:
            connection.execute(sa.text("DROP TABLE fresh_counts"))
