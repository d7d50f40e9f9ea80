"""SQLite specifics: dynamic typing never loses a value, and the file is opened read-only."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pyarrow as pa
import pytest

from sources import SourceError, concat_batches, open_source


@pytest.fixture
def loose_db(tmp_path: Path) -> Path:
    path = tmp_path / "loose.sqlite"
    with closing(sqlite3.connect(path)) as connection:
        connection.executescript(
            """
            CREATE TABLE loose (id INTEGER PRIMARY KEY, rrn INTEGER, visit DATE, anything, flag BOOLEAN);
            INSERT INTO loose VALUES (1, 9001011234568, '2024-01-02', 'text', 1);
            INSERT INTO loose VALUES (2, '900101-1234568', '2024/13/45', 42, 0);
            INSERT INTO loose VALUES (3, NULL, NULL, X'00FF', NULL);
            """
        )
        connection.commit()
    return path


def test_values_that_do_not_fit_the_declared_type_arrive_as_text(loose_db: Path) -> None:
    with closing(open_source("loose", url=f"sqlite:///{loose_db}")) as source:
        rows = {row["id"]: row for row in source.sample("loose", rows=10).to_pylist()}
    assert rows[1]["rrn"] == "9001011234568"
    assert rows[2]["rrn"] == "900101-1234568"  # a dashed RRN in an INTEGER column is not lost
    assert rows[2]["visit"] == "2024/13/45"
    assert rows[2]["anything"] == "42"
    assert rows[3]["anything"] == "\\x00ff"


def test_values_that_fit_keep_their_types(loose_db: Path) -> None:
    with closing(open_source("loose", url=f"sqlite:///{loose_db}")) as source:
        batches = list(source.stream("loose", batch_rows=1))
    first = batches[0]
    assert first.schema.field("rrn").type == pa.int64()
    assert first.schema.field("visit").type == pa.date32()
    assert first.schema.field("flag").type == pa.bool_()
    assert first.column("flag").to_pylist() == [True]
    assert batches[1].schema.field("rrn").type == pa.string()  # this batch's RRN did not fit an integer


def test_batches_of_mixed_types_join_into_one_table_as_text(loose_db: Path) -> None:
    with closing(open_source("loose", url=f"sqlite:///{loose_db}")) as source:
        table = concat_batches(source.stream("loose", batch_rows=1))
    assert table.num_rows == 3
    assert table.column("rrn").to_pylist() == ["9001011234568", "900101-1234568", None]
    assert table.column("visit").to_pylist() == ["2024-01-02", "2024/13/45", None]
    assert table.schema.field("id").type == pa.int64()


def test_an_untyped_column_is_described_as_other(loose_db: Path) -> None:
    with closing(open_source("loose", url=f"sqlite:///{loose_db}")) as source:
        kinds = {c.name: (c.declared_type, c.kind) for c in source.describe("loose").columns}
    assert kinds["anything"] == ("", "other")
    assert kinds["visit"] == ("DATE", "date")


def test_the_file_is_not_modified_by_a_scan(loose_db: Path) -> None:
    before = (loose_db.stat().st_mtime_ns, loose_db.read_bytes())
    with closing(open_source("loose", url=f"sqlite:///{loose_db}")) as source:
        source.describe("loose")
        list(source.stream("loose"))
        source.sample("loose", rows=2)
    assert (loose_db.stat().st_mtime_ns, loose_db.read_bytes()) == before
    assert sorted(p.name for p in loose_db.parent.iterdir()) == ["loose.sqlite"]


def test_a_path_with_spaces_and_hangul_opens(tmp_path: Path) -> None:
    folder = tmp_path / "병원 자료 #1"
    folder.mkdir()
    path = folder / "환자 목록 (2024).sqlite"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE t (a TEXT)")
        connection.commit()
    with closing(open_source("hangul", url=f"sqlite:///{path}")) as source:
        assert source.list_tables() == ["t"]


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "fake.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(
        SourceError, match=r"source 'fake' .*(cannot connect|cannot list).*file is not a database"
    ):
        source = open_source("fake", url=f"sqlite:///{path}")
        source.list_tables()
