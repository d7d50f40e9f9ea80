"""The behaviour every database source must have, run on SQLite, PostgreSQL and MariaDB alike."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import closing

import pyarrow as pa
import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from sources import Source, SourceError, open_source
from sources.database import DatabaseSource
from tests.sources.dbkit import (
    BIG_ROWS,
    HANGUL_TABLE,
    HOSTILE_COLUMN,
    HOSTILE_TABLE,
    PATIENT_ROWS,
    ClinicDatabase,
    patient_rows,
)

CLINIC_TABLES = ["big", "big_no_key", "patients", "victim", HOSTILE_TABLE, HANGUL_TABLE]


@pytest.fixture
def source(clinic_db: ClinicDatabase) -> Iterator[DatabaseSource]:
    opened = open_source("clinic", url=clinic_db.url)
    assert isinstance(opened, DatabaseSource)
    yield opened
    opened.close()


def by_id(table: pa.Table) -> dict[int, dict[str, object]]:
    return {row["id"]: row for row in table.to_pylist()}


def test_is_a_source(source: DatabaseSource) -> None:
    assert isinstance(source, Source)
    assert source.kind == "database"


def test_lists_every_table_by_its_reported_name_sorted(source: DatabaseSource) -> None:
    assert source.list_tables() == sorted(CLINIC_TABLES)


@pytest.mark.parametrize(
    ("include", "exclude", "expected"),
    [
        (["big*"], [], ["big", "big_no_key"]),
        (["*"], ["big*", "victim", "x*"], ["patients", HANGUL_TABLE]),
        (["PATIENTS"], [], ["patients"]),
        (["환자*"], [], [HANGUL_TABLE]),
        (["nothing*"], [], []),
    ],
)
def test_include_and_exclude_filter_the_listing(
    clinic_db: ClinicDatabase, include: list[str], exclude: list[str], expected: list[str]
) -> None:
    with closing(open_source("clinic", url=clinic_db.url, include=include, exclude=exclude)) as source:
        assert source.list_tables() == sorted(expected)


def test_describe_reports_declared_types_kinds_and_an_exact_small_count(source: DatabaseSource) -> None:
    info = source.describe("patients")
    kinds = {column.name: column.kind for column in info.columns}
    assert kinds == {
        "id": "integer",
        "name": "text",
        "phone": "text",
        "rrn_digits": "integer",
        "rrn": "text",
        "birth": "date",
        "balance": "decimal",
        "photo": "binary",
        "notes": "text",
        "visited_at": "datetime",
    }
    declared = {column.name: column.declared_type.upper() for column in info.columns}
    assert "BIGINT" in declared["rrn_digits"]
    assert "12" in declared["balance"] and "2" in declared["balance"]
    assert info.row_count == PATIENT_ROWS
    assert info.row_count_estimated is False


def test_odd_types_arrive_intact(source: DatabaseSource) -> None:
    read = by_id(source.sample("patients", rows=PATIENT_ROWS))
    for expected in patient_rows(PATIENT_ROWS):
        got = read[expected["id"]]
        assert got["phone"] == expected["phone"]  # leading zero kept
        assert got["rrn_digits"] == expected["rrn_digits"]  # a 13-digit RRN in a BIGINT
        assert got["rrn"] == expected["rrn"]
        assert got["birth"] == expected["birth"]
        assert got["balance"] == expected["balance"]
        assert got["photo"] == expected["photo"]
        assert got["visited_at"] == expected["visited_at"]
        assert (None if got["notes"] is None else json.loads(str(got["notes"]))) == expected["notes"]


def test_nulls_stay_null(source: DatabaseSource) -> None:
    last = by_id(source.sample("patients", rows=PATIENT_ROWS))[PATIENT_ROWS]
    assert [last[c] for c in ("name", "rrn_digits", "birth", "balance", "photo", "notes", "visited_at")] == [
        None
    ] * 7


def test_arrow_types_follow_the_declared_types(source: DatabaseSource) -> None:
    schema = source.sample("patients", rows=5).schema
    assert schema.field("rrn_digits").type == pa.int64()
    assert schema.field("birth").type == pa.date32()
    assert schema.field("balance").type == pa.decimal128(12, 2)
    assert schema.field("photo").type == pa.binary()
    assert schema.field("phone").type == pa.string()


def test_hangul_table_and_column_names_work(source: DatabaseSource) -> None:
    info = source.describe(HANGUL_TABLE)
    assert [c.name for c in info.columns] == ["번호", "이름", "전화번호"]
    table = pa.Table.from_batches(list(source.stream(HANGUL_TABLE)))
    assert sorted(table.column("전화번호").to_pylist()) == [f"010{i:08d}" for i in range(1, 6)]


def test_a_hostile_table_name_is_read_safely(source: DatabaseSource, clinic_db: ClinicDatabase) -> None:
    assert [c.name for c in source.describe(HOSTILE_TABLE).columns] == ["id", HOSTILE_COLUMN]
    assert source.sample(HOSTILE_TABLE, rows=10).column(HOSTILE_COLUMN).to_pylist() == ["안전하게 읽힘"]
    assert pa.Table.from_batches(list(source.stream(HOSTILE_TABLE))).num_rows == 1
    with clinic_db.admin.connect() as connection:  # the "DROP TABLE victim" in the name did nothing
        assert connection.execute(sa.text("SELECT COUNT(*) FROM victim")).scalar_one() == 1


@pytest.mark.parametrize(
    "statement",
    ["INSERT INTO victim (id) VALUES (2)", "DELETE FROM victim", "CREATE TABLE intruder (id INTEGER)"],
)
def test_the_source_cannot_write(source: DatabaseSource, clinic_db: ClinicDatabase, statement: str) -> None:
    with source.engine.connect() as connection, pytest.raises(DBAPIError):
        connection.execute(sa.text(statement))
        connection.commit()
    with clinic_db.admin.connect() as connection:
        assert connection.execute(sa.text("SELECT COUNT(*) FROM victim")).scalar_one() == 1
        assert "intruder" not in sa.inspect(connection).get_table_names()


@pytest.mark.parametrize("table", ["big", "big_no_key"])
def test_a_sample_is_spread_over_the_whole_table(source: DatabaseSource, table: str) -> None:
    ids = source.sample(table, rows=100).column("id").to_pylist()
    assert len(ids) == 100
    assert len(set(ids)) == 100
    assert any(i > BIG_ROWS * 9 // 10 for i in ids), "no row from the last tenth"
    assert any(i <= BIG_ROWS // 10 for i in ids), "no row from the first tenth"


def test_a_sample_of_a_small_table_is_the_whole_table(source: DatabaseSource) -> None:
    assert source.sample("patients", rows=1000).num_rows == PATIENT_ROWS


@pytest.mark.parametrize("batch_rows", [7, 1000, 50_000])
def test_streaming_reassembles_every_row(source: DatabaseSource, batch_rows: int) -> None:
    batches = list(source.stream("big", batch_rows=batch_rows))
    assert all(batch.num_rows <= batch_rows for batch in batches)
    table = pa.Table.from_batches(batches)
    assert sorted(table.column("id").to_pylist()) == list(range(1, BIG_ROWS + 1))
    assert set(table.column("payload").to_pylist()) == {f"row {i}" for i in range(1, BIG_ROWS + 1)}


def test_streaming_keeps_odd_types_like_sampling(source: DatabaseSource) -> None:
    streamed = pa.Table.from_batches(list(source.stream("patients", batch_rows=9)))
    sampled = source.sample("patients", rows=PATIENT_ROWS)
    assert streamed.schema == sampled.schema
    assert by_id(streamed) == by_id(sampled)


def test_a_missing_table_is_a_clear_error(source: DatabaseSource) -> None:
    with pytest.raises(SourceError, match=r"source 'clinic' .*no table 'nope'"):
        source.describe("nope")


def test_the_source_names_itself_without_a_password(source: DatabaseSource) -> None:
    assert "clinic" in repr(source)
    assert source.read_only  # says how writes are refused
    assert source.url in repr(source)


def test_a_sample_of_zero_rows_is_empty_with_the_columns(source: DatabaseSource) -> None:
    sample = source.sample("big", rows=0)
    assert sample.num_rows == 0
    assert sample.column_names == ["id", "payload"]
