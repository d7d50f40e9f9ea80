"""PostgreSQL full reads (ADBC, or CSV COPY when ADBC cannot start) give what the row-by-row path gives."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pyarrow as pa
import pytest
import sqlalchemy as sa

import sources.database
from sources import SourceError, open_source
from sources.pg_copy import COPY_KINDS
from tests.sources.dbkit import ClinicDatabase, isolated_database

pytestmark = pytest.mark.postgres

CREATE = """
CREATE TABLE odd (
    id integer PRIMARY KEY, name text, code varchar(10), fixed char(4), rrn bigint, small smallint,
    amount numeric(12, 2), ratio double precision, share real, unbounded numeric, born date,
    seen_at timestamptz, logged_at timestamp, active boolean, doc json, docb jsonb, token uuid
)
"""
ROWS = [
    "(1, '홍길동', '010', 'ab', 9001011234568, 7, 1234.50, 0.1, 1.5, 3.14159265358979323846, '1990-01-01',"
    " '2024-03-01 09:00:00+09', '2024-03-01 09:00:00.123456', true, '{\"b\": 1,  \"a\": [1, 2]}',"
    ' \'{"b": 1, "a": "한글"}\', \'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\')',
    "(2, '', '', '', 0, 0, 0, -1e300, 0.1, 0, '0001-01-01', '1970-01-01 00:00:00+00', '2000-02-29 23:59:59',"
    " false, '[]', '{}', NULL)",
    "(3, 'a,b \"quoted\"' || chr(10) || 'next line',"
    " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
    "(4, E'tab\\there\\\\back', 'NULL', ' ', -9223372036854775808, -32768, -9999999999.99, 'NaN', 'Infinity',"
    " 1e-30, '9999-12-31', '2024-12-31 23:59:59.999999-05', '2024-01-01', NULL, 'null', 'null', NULL)",
]


@pytest.fixture(scope="module")
def pg_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ClinicDatabase]:
    with isolated_database("postgresql", tmp_path_factory.mktemp("pg")) as database:
        with database.admin.begin() as connection:
            connection.execute(sa.text(CREATE))
            connection.execute(sa.text("INSERT INTO odd VALUES " + ", ".join(ROWS)))
            connection.execute(
                sa.text(
                    "CREATE TABLE wide AS SELECT g AS id, md5(g::text) AS a FROM generate_series(1, 30000) g"
                )
            )
        yield database


@pytest.fixture(params=["adbc", "csv-copy"], autouse=True)
def read_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test runs on both fast paths: ADBC, and the CSV COPY that is used when ADBC cannot start."""
    if request.param == "csv-copy":
        monkeypatch.setattr(sources.database, "adbc_conninfo", lambda engine: None)
    return str(request.param)


def test_every_column_of_the_odd_table_takes_the_copy_path(pg_db: ClinicDatabase) -> None:
    with closing(open_source("pg", url=pg_db.url)) as source:
        kinds = {column.kind for column in source.describe("odd").columns}
        assert source.engine.dialect.driver == "psycopg"  # type: ignore[attr-defined]
    assert kinds <= COPY_KINDS


def test_copy_gives_the_same_table_as_the_row_by_row_path(pg_db: ClinicDatabase) -> None:
    with closing(open_source("pg", url=pg_db.url)) as source:
        copied = pa.Table.from_batches(list(source.stream("odd"))).sort_by("id")
        fetched = source.sample("odd", rows=100).sort_by("id")  # a whole small table, read row by row
    assert copied.schema == fetched.schema
    for name in copied.schema.names:
        as_written = [repr(v) for v in copied.column(name).to_pylist()]  # repr: NaN equals NaN
        assert as_written == [repr(v) for v in fetched.column(name).to_pylist()], name


def test_copy_keeps_null_and_empty_text_apart(pg_db: ClinicDatabase) -> None:
    with closing(open_source("pg", url=pg_db.url)) as source:
        rows = {r["id"]: r for r in pa.Table.from_batches(list(source.stream("odd"))).to_pylist()}
    assert rows[2]["name"] == ""
    assert rows[3]["code"] is None
    assert rows[4]["code"] == "NULL"
    assert rows[3]["name"] == 'a,b "quoted"\nnext line'
    assert rows[1]["seen_at"].isoformat() == "2024-03-01T00:00:00+00:00"
    assert rows[1]["rrn"] == 9001011234568
    assert rows[1]["code"] == "010"


def test_copy_batches_never_exceed_the_batch_size(pg_db: ClinicDatabase) -> None:
    with closing(open_source("pg", url=pg_db.url)) as source:
        batches = list(source.stream("wide", batch_rows=1000))
    assert max(b.num_rows for b in batches) <= 1000
    assert sum(b.num_rows for b in batches) == 30000


def test_a_binary_column_takes_the_row_by_row_path(tmp_path: Path) -> None:
    with isolated_database("postgresql", tmp_path) as database:
        with database.admin.begin() as connection:
            connection.execute(sa.text("CREATE TABLE blobs (id int, data bytea)"))
            connection.execute(sa.text("INSERT INTO blobs VALUES (1, '\\x00ff'::bytea)"))
        with closing(open_source("pg", url=database.url)) as source:
            table = pa.Table.from_batches(list(source.stream("blobs")))
    assert table.column("data").to_pylist() == [b"\x00\xff"]


def test_a_value_arrow_cannot_hold_is_a_source_error_without_the_value(tmp_path: Path) -> None:
    with isolated_database("postgresql", tmp_path) as database:
        with database.admin.begin() as connection:
            connection.execute(sa.text("CREATE TABLE forever (id int, until date)"))
            connection.execute(sa.text("INSERT INTO forever VALUES (1, 'infinity')"))
        with closing(open_source("pg", url=database.url)) as source, pytest.raises(SourceError) as caught:
            list(source.stream("forever"))
    assert str(caught.value).startswith("source 'pg' (")
    assert "cannot read table 'forever'" in str(caught.value)
    assert "infinity" not in str(caught.value)
