"""PostgreSQL's ADBC reader: read-only from its first statement, replaced by CSV COPY if it cannot start."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import adbc_driver_manager.dbapi
import adbc_driver_postgresql.dbapi
import pyarrow as pa
import pytest
import sqlalchemy as sa

from sources import SourceError, open_source
from sources.database import DatabaseSource
from sources.pg_adbc import adbc_conninfo
from tests.sources.dbkit import ClinicDatabase, isolated_database

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ClinicDatabase]:
    with isolated_database("postgresql", tmp_path_factory.mktemp("adbc")) as database:
        with database.admin.begin() as connection:
            connection.execute(
                sa.text(
                    "CREATE TABLE patients AS SELECT g AS id, '환자' || g AS name, 0.1::real * g AS ratio,"
                    " date '2020-01-01' + g AS born FROM generate_series(1, 5000) g"
                )
            )
        yield database


def _rows(table: pa.Table) -> list[str]:
    return [repr(row) for row in table.sort_by("id").to_pylist()]  # repr: NaN equals NaN


def test_the_adbc_connection_cannot_write(pg_db: ClinicDatabase) -> None:
    with closing(open_source("pg", url=pg_db.url)) as source:
        assert isinstance(source, DatabaseSource)
        conninfo = adbc_conninfo(source.engine)
    assert conninfo is not None
    with (
        adbc_driver_postgresql.dbapi.connect(conninfo) as connection,
        connection.cursor() as cursor,
        pytest.raises(adbc_driver_manager.dbapi.Error, match="read-only transaction"),
    ):
        cursor.execute("CREATE TABLE written (id int)")


def test_adbc_reads_what_the_row_by_row_path_reads(pg_db: ClinicDatabase) -> None:
    with closing(open_source("pg", url=pg_db.url)) as source:
        streamed = pa.Table.from_batches(list(source.stream("patients", batch_rows=700)))
        fetched = source.sample("patients", rows=10_000)
    assert streamed.schema == fetched.schema
    assert _rows(streamed) == _rows(fetched)


def test_adbc_failing_to_start_falls_back_to_csv_copy_with_a_warning(
    pg_db: ClinicDatabase, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    with closing(open_source("pg", url=pg_db.url)) as source:
        expected = pa.Table.from_batches(list(source.stream("patients")))
        monkeypatch.setattr(source, "_adbc_conninfo", "host=127.0.0.1 port=1 user=postgres password=s3cret")
        with caplog.at_level("WARNING", logger="sources.database"):
            fallen_back = pa.Table.from_batches(list(source.stream("patients")))
            again = pa.Table.from_batches(list(source.stream("patients")))
    assert _rows(fallen_back) == _rows(expected) == _rows(again)
    assert caplog.text.count("reading with CSV COPY") == 1  # once: later tables go straight to CSV COPY
    assert "s3cret" not in caplog.text


def test_a_failure_after_the_first_batch_is_a_source_error(tmp_path: Path) -> None:
    with isolated_database("postgresql", tmp_path) as database:
        with database.admin.begin() as connection:
            connection.execute(sa.text("CREATE TABLE visits (id int, until date)"))
            connection.execute(
                sa.text("INSERT INTO visits SELECT g, date '2024-01-01' FROM generate_series(1, 3000) g")
            )
            connection.execute(sa.text("INSERT INTO visits VALUES (3001, 'infinity')"))
        with closing(open_source("pg", url=database.url)) as source, pytest.raises(SourceError) as caught:
            list(source.stream("visits", batch_rows=100))
    assert "cannot read table 'visits'" in str(caught.value)
    assert "infinity" not in str(caught.value)
