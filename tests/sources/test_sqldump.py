"""SQL dumps: real mysqldump/pg_dump output, hand-written edge cases, the tokenizer under hypothesis."""

from __future__ import annotations

import io
import random
import re
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from sources.base import SourceError
from sources.export import ExportFolderSource
from sources.files import sqldump
from sources.files.dump import blocks, extended, grammar, statements, window
from sources.files.parts import NotInspected
from sources.filters import CUT_SUFFIX, TableFilter
from tests.sources.dbkit import MARIADB_ADMIN_URL, PG_ADMIN_URL, fake_rrn

RNG = random.Random(5)
PATIENTS = [
    ("홍길동", fake_rrn(RNG), "첫 방문\n쌍꺼풀 상담\t메모 \\ 끝 'q'"),
    ("O'Brien", fake_rrn(RNG), None),
]


def _rows(folder: Path, table: str) -> list[dict[str, str | None]]:
    source = ExportFolderSource("dumps", folder)
    return [row for batch in source.stream(table, batch_rows=1) for row in batch.to_pylist()]


@pytest.fixture
def pg_schema() -> Iterator[str]:
    schema = f"dump_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(PG_ADMIN_URL)
    with engine.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
        conn.execute(
            sa.text(f"CREATE TABLE {schema}.patient (id serial PRIMARY KEY, name text, rrn text, memo text)")
        )
        for name, rrn, memo in PATIENTS:
            conn.execute(
                sa.text(f"INSERT INTO {schema}.patient (name, rrn, memo) VALUES (:n, :r, :m)"),
                {"n": name, "r": rrn, "m": memo},
            )
        conn.execute(sa.text(f"CREATE FUNCTION {schema}.f() RETURNS text LANGUAGE sql AS $$ SELECT 'x;y' $$"))
    yield schema
    with engine.begin() as conn:
        conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


@pytest.mark.postgres
@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed")
@pytest.mark.parametrize(
    "flags", [[], ["--inserts"], ["--column-inserts"], ["--inserts", "--rows-per-insert=5"]]
)
def test_pg_dump_output_reads_back_every_value(pg_schema: str, tmp_path: Path, flags: list[str]) -> None:
    dump = subprocess.run(
        ["pg_dump", "-h", "127.0.0.1", "-U", "postgres", "-n", pg_schema, *flags, "test"],
        check=True,
        capture_output=True,
    ).stdout
    (tmp_path / "emr_20261201.sql").write_bytes(dump)
    source = ExportFolderSource("dumps", tmp_path)
    table = f"emr_20261201.sql#{pg_schema}.patient"
    assert source.list_tables() == [table]
    info = source.describe(table)
    assert [(c.name, c.declared_type) for c in info.columns] == [
        ("id", "integer"),
        ("name", "text"),
        ("rrn", "text"),
        ("memo", "text"),
    ]
    assert info.row_count == len(PATIENTS)
    assert [(r["name"], r["rrn"], r["memo"]) for r in _rows(tmp_path, table)] == PATIENTS


@pytest.fixture
def mariadb_database() -> Iterator[str]:
    database = f"dump_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(MARIADB_ADMIN_URL)
    with engine.begin() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {database} CHARACTER SET utf8mb4"))
        conn.execute(
            sa.text(
                f"CREATE TABLE {database}.patient (id int AUTO_INCREMENT PRIMARY KEY, "
                "name varchar(50) COMMENT 'a,b; (c)', rrn char(14), memo text, photo blob)"
            )
        )
        for name, rrn, memo in PATIENTS:
            conn.execute(
                sa.text(f"INSERT INTO {database}.patient (name, rrn, memo, photo) VALUES (:n, :r, :m, :p)"),
                {"n": name, "r": rrn, "m": memo, "p": b"\x00\xff'\\"},
            )
    yield database
    with engine.begin() as conn:
        conn.execute(sa.text(f"DROP DATABASE {database}"))
    engine.dispose()


@pytest.mark.mariadb
@pytest.mark.parametrize("flags", [[], ["--skip-extended-insert"], ["--complete-insert"], ["--databases"]])
def test_mysqldump_output_reads_back_every_value(
    mariadb_database: str, tmp_path: Path, flags: list[str]
) -> None:
    binary = shutil.which("mariadb-dump") or shutil.which("mysqldump")
    if binary is None:
        pytest.skip("neither mariadb-dump nor mysqldump is installed")
    dump = subprocess.run(
        [binary, "-h", "127.0.0.1", "-u", "root", *flags, mariadb_database], check=True, capture_output=True
    ).stdout
    (tmp_path / "homepage.sql").write_bytes(dump)
    qualified = f"{mariadb_database}.patient" if "--databases" in flags else "patient"
    table = f"homepage.sql#{qualified}"
    assert ExportFolderSource("dumps", tmp_path).list_tables() == [table]
    info = ExportFolderSource("dumps", tmp_path).describe(table)
    assert [c.declared_type for c in info.columns] == ["int(11)", "varchar(50)", "char(14)", "text", "blob"]
    rows = _rows(tmp_path, table)
    assert [(r["name"], r["rrn"], r["memo"]) for r in rows] == PATIENTS
    assert all(r["photo"] is not None and r["photo"].startswith("\x00") for r in rows)


HAND_WRITTEN = """-- written by hand, as HeidiSQL or a colleague would
SET NAMES utf8mb4;
# a MySQL comment; with a quote ' in it
CREATE TABLE IF NOT EXISTS `환자` (
  `환자명` varchar(20) NOT NULL DEFAULT '',
  `주민번호` char(14),
  PRIMARY KEY (`환자명`)
) ENGINE=InnoDB;
/*!40000 ALTER TABLE `환자` DISABLE KEYS */;
INSERT INTO `환자` VALUES ('김철수','{rrn1}'),
 ('이영희;''드롭''',  NULL) ,('a\\\\b\\'c' , '{rrn2}');
INSERT INTO `환자` (`주민번호`) VALUES ('{rrn3}');
INSERT INTO `memo` VALUES (1,'no CREATE TABLE for this one','x'),(2,'',NULL);
CREATE TABLE `empty_one` (id int);
"""


def test_a_hand_written_dump_with_comments_escapes_and_column_lists(tmp_path: Path) -> None:
    rrns = [fake_rrn(RNG) for _ in range(3)]
    (tmp_path / "mixed.sql").write_text(
        HAND_WRITTEN.format(rrn1=rrns[0], rrn2=rrns[1], rrn3=rrns[2]), encoding="utf-8"
    )
    source = ExportFolderSource("dumps", tmp_path)
    assert source.list_tables() == ["mixed.sql#empty_one", "mixed.sql#memo", "mixed.sql#환자"]
    assert _rows(tmp_path, "mixed.sql#환자") == [
        {"환자명": "김철수", "주민번호": rrns[0]},
        {"환자명": "이영희;'드롭'", "주민번호": None},
        {"환자명": "a\\b'c", "주민번호": rrns[1]},
        {"환자명": None, "주민번호": rrns[2]},
    ]
    assert [c.name for c in source.describe("mixed.sql#memo").columns] == ["column_1", "column_2", "column_3"]
    assert _rows(tmp_path, "mixed.sql#memo")[1] == {"column_1": "2", "column_2": "", "column_3": None}
    assert source.describe("mixed.sql#empty_one").row_count == 0


def test_a_cp949_dump_is_decoded(tmp_path: Path) -> None:
    rrn = fake_rrn(RNG)
    text = f"CREATE TABLE t (name varchar(10), rrn char(14));\nINSERT INTO t VALUES ('똠방각하','{rrn}');\n"
    (tmp_path / "old.sql").write_bytes(text.encode("cp949"))
    assert _rows(tmp_path, "old.sql#t") == [{"name": "똠방각하", "rrn": rrn}]


@pytest.mark.parametrize(
    "text",
    [
        "CREATE TABLE t (a int);\nINSERT INTO t VALUES 'unterminated', 2;\n",
        "INSERT INTO t VALUES (1,'a'),'unterminated;\nINSERT INTO t VALUES (2,'b');\n",
    ],
    ids=["values without parentheses", "a row without parentheses before the end"],
)
def test_a_broken_dump_is_an_error_naming_the_file_not_the_data(tmp_path: Path, text: str) -> None:
    (tmp_path / "broken.sql").write_text(text, encoding="utf-8")
    source = ExportFolderSource("dumps", tmp_path)
    with pytest.raises(SourceError, match=r"file 'broken\.sql.*SQL dump") as caught:
        for table in source.list_tables():
            list(source.stream(table))
    assert "unterminated" not in str(caught.value)


def _cut_reason(table: str, rows: int) -> str:
    return (
        f"the file ends inside a row of table {table} after {rows} row{'' if rows == 1 else 's'}"
        f" — {sqldump.CUT_ADVICE}"
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.text(max_size=6), st.sampled_from(["", "it's", "C:\\메모", "줄\n바꿈"])), min_size=1
    ),
    st.data(),
)
@pytest.mark.parametrize("min_run", [0, extended.MIN_RUN_BYTES], ids=["arrow", "exact"])
def test_a_mysqldump_cut_inside_a_row_reads_every_row_before_the_cut(
    min_run: int, rows: list[tuple[str, str]], data: st.DataObject
) -> None:
    tuples = [f"({i},{_mysql_literal(name)},{_mysql_literal(memo)})" for i, (name, memo) in enumerate(rows)]
    half = len(tuples) // 2 + 1  # two statements, as mysqldump writes a long table
    statements_ = [tuples[:half], tuples[half:]] if tuples[half:] else [tuples]
    text, starts = "-- MySQL dump\nCREATE TABLE `t` (id int, name text, memo text);\n", []
    for group in statements_:
        text += "INSERT INTO `t` VALUES "
        for position, one in enumerate(group):
            starts.append(len(text.encode()))
            text += one + ("," if position < len(group) - 1 else ";\n")
    encoded = text.encode("utf-8")
    row = data.draw(st.integers(0, len(tuples) - 1), label="the row the file ends inside")
    cut = starts[row] + data.draw(st.integers(0, len(tuples[row].encode()) - 1), label="bytes of it kept")
    with tempfile.TemporaryDirectory() as folder, mock.patch.object(extended, "MIN_RUN_BYTES", min_run):
        (Path(folder) / "cut.sql").write_bytes(encoded[:cut])
        source = ExportFolderSource("dumps", Path(folder))
        assert source.list_tables() == ["cut.sql#t", "cut.sql#t (cut)"]
        assert source.describe("cut.sql#t").row_count == row
        assert [(r["name"], r["memo"]) for r in _rows(Path(folder), "cut.sql#t")] == rows[:row]
        with pytest.raises(SourceError, match=re.escape(_cut_reason("t", row))):
            source.describe("cut.sql#t (cut)")


@pytest.mark.parametrize(
    ("tables", "listed"),
    [
        (TableFilter(exclude=("emr.sql#public.patient",)), []),  # excluded on purpose: its cut part too
        (
            TableFilter(include=("*#public.patient",)),
            ["emr.sql#public.patient", "emr.sql#public.patient (cut)"],
        ),
    ],
)
def test_a_cut_part_is_included_and_excluded_with_its_table(
    tmp_path: Path, tables: TableFilter, listed: list[str]
) -> None:
    text = "-- PostgreSQL database dump\nCOPY public.patient (id, name) FROM stdin;\n1\t환자1\n2\t환자"
    (tmp_path / "emr.sql").write_text(text, encoding="utf-8")
    assert ExportFolderSource("dumps", tmp_path, tables).list_tables() == listed


def test_a_pg_dump_cut_inside_a_copy_reads_the_whole_lines_before_the_cut(tmp_path: Path) -> None:
    rrns = [fake_rrn(RNG) for _ in range(3)]
    lines = "".join(f"{i}\t환자{i}\t{rrn}\n" for i, rrn in enumerate(rrns, 1))
    text = f"-- PostgreSQL database dump\nCOPY public.patient (id, name, rrn) FROM stdin;\n{lines}\\.\n"
    (tmp_path / "emr.sql").write_text(text[: text.index(rrns[2]) + 6], encoding="utf-8")
    source = ExportFolderSource("dumps", tmp_path)
    assert source.list_tables() == ["emr.sql#public.patient", "emr.sql#public.patient (cut)"]
    assert [r["rrn"] for r in _rows(tmp_path, "emr.sql#public.patient")] == rrns[:2]
    with pytest.raises(SourceError, match=re.escape(_cut_reason("public.patient", 2))):
        list(source.stream("emr.sql#public.patient (cut)"))


_MYSQLDUMP = (
    "-- MySQL dump 10.19  Distrib 10.11.6-MariaDB, for debian-linux-gnu (x86_64)\n"
    "/*!40101 SET NAMES utf8mb4 */;\n"
    "CREATE TABLE `visit` (`id` int, `memo` text);\n"
    "INSERT INTO `visit` VALUES (1,'첫 방문');\n"
    "CREATE TABLE `patient` (`id` int, `name` varchar(20));\n"
    "LOCK TABLES `patient` WRITE;\n"
    "INSERT INTO `patient` VALUES (1,'홍길동'),(2,'김철수');\n"
    "INSERT INTO `patient` VALUES (3,'이영희');\n"
    "UNLOCK TABLES;\n",
    "\n-- Dump completed on 2026-12-01 10:00:00\n",
    "homepage.sql#patient",
    3,
    "-- Dump completed",
)
_PG_DUMP = (
    "--\n-- PostgreSQL database dump\n--\n\nSET client_encoding = 'UTF8';\n"
    "CREATE TABLE public.visit (id integer, memo text);\n"
    "CREATE TABLE public.patient (id integer, name text);\n"
    "COPY public.visit (id, memo) FROM stdin;\n1\t첫 방문\n\\.\n\n"
    "COPY public.patient (id, name) FROM stdin;\n1\t홍길동\n2\t김철수\n\\.\n\n"
    "ALTER TABLE ONLY public.patient ADD CONSTRAINT patient_pkey PRIMARY KEY (id);\n",
    "\n--\n-- PostgreSQL database dump complete\n--\n\n\\unrestrict abc123\n",
    "emr.sql#public.patient",
    2,
    "-- PostgreSQL database dump complete",
)
_PG_DUMPALL = (
    "--\n-- PostgreSQL database cluster dump\n--\n\nSET default_transaction_read_only = off;\n"
    "CREATE ROLE clinic;\n\n--\n-- PostgreSQL database dump\n--\n\n"
    "CREATE TABLE public.patient (id integer, name text);\n"
    "COPY public.patient (id, name) FROM stdin;\n1\t홍길동\n2\t김철수\n\\.\n\n"
    "--\n-- PostgreSQL database dump complete\n--\n\n",  # a database's closing line is not the file's
    "--\n-- PostgreSQL database cluster dump complete\n--\n\n",
    "cluster.sql#public.patient",
    2,
    "-- PostgreSQL database cluster dump complete",
)


@pytest.mark.parametrize(
    ("body", "closing", "last", "rows", "line"),
    [_MYSQLDUMP, _PG_DUMP, _PG_DUMPALL],
    ids=["mysqldump", "pg_dump", "pg_dumpall"],
)
@pytest.mark.parametrize("stop", ["the closing line", "the last statement"])
def test_a_dump_cut_between_two_statements_is_known_by_its_missing_closing_line(
    tmp_path: Path, body: str, closing: str, last: str, rows: int, line: str, stop: str
) -> None:
    file = last.split("#")[0]
    (tmp_path / file).write_text(body + closing, encoding="utf-8")
    whole = ExportFolderSource("dumps", tmp_path).list_tables()
    assert last in whole and not any(table.endswith(CUT_SUFFIX) for table in whole)
    cut = body if stop == "the closing line" else body[: body.rindex("\n", 0, -1) + 1]
    (tmp_path / file).write_text(cut, encoding="utf-8")
    source = ExportFolderSource("dumps", tmp_path)
    assert source.list_tables() == sorted([*whole, last + CUT_SUFFIX])
    assert len(_rows(tmp_path, last)) == rows  # every row the file holds is still read
    with pytest.raises(NotInspected) as caught:
        sqldump.SqlDumpFormat().describe(tmp_path / file, last.split("#")[1] + CUT_SUFFIX)
    assert f"no closing line '{line}'" in caught.value.problem
    assert f"the copy stopped after table {last.split('#')[1]}" in caught.value.problem
    assert caught.value.advice == sqldump.CUT_ADVICE
    with pytest.raises(SourceError) as reported:
        source.describe(last + CUT_SUFFIX)
    assert str(reported.value).count("re-export") == 1, reported.value  # the advice once, no generic one


def test_a_dump_without_a_tool_header_is_not_judged_by_its_end(tmp_path: Path) -> None:
    text = "CREATE TABLE t (a int);\nINSERT INTO t VALUES (1);\n"  # hand-written: no closing line to miss
    (tmp_path / "mine.sql").write_text(text, encoding="utf-8")
    assert ExportFolderSource("dumps", tmp_path).list_tables() == ["mine.sql#t"]


def test_a_large_dump_is_read_in_windows_and_memory_stays_flat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(window, "CHUNK_BYTES", 7)  # every token crosses a window boundary somewhere
    monkeypatch.setattr(window, "LOOKAHEAD_BYTES", 64)
    rows = [(i, f"이름{i}", "it''s;(x)" * (i % 3)) for i in range(300)]
    values = ",".join(f"({i},'{n}','{m}')" for i, n, m in rows)
    head = "/* a comment that is longer than one window */\n-- another\n"
    (tmp_path / "big.sql").write_text(f"{head}INSERT INTO big VALUES {values};\nSET x=1;", encoding="utf-8")
    read = _rows(tmp_path, "big.sql#big")
    assert [(int(r["column_1"] or 0), r["column_2"], r["column_3"]) for r in read] == [
        (i, n, m.replace("''", "'")) for i, n, m in rows
    ]


# The tokenizer against any value: written as each dialect escapes it, read back unchanged.
_VALUE = st.one_of(
    st.none(),
    st.text(alphabet=st.sampled_from("가힣a'\"\\;,()\t\n\r%_0N-/*#$`"), max_size=12),
    st.text(max_size=8).filter(lambda s: "\x00" not in s),
)
_ROWS = st.lists(st.lists(_VALUE, min_size=3, max_size=3), min_size=1, max_size=6)


def _mysql_literal(value: str | None) -> str:
    if value is None:
        return "NULL"
    escaped = value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r")
    return f"'{escaped}'"


def _pg_literal(value: str | None) -> str:
    return "NULL" if value is None else "'" + value.replace("'", "''") + "'"


def _copy_field(value: str | None) -> str:
    if value is None:
        return "\\N"
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _parsed(text: str) -> list[list[str | None]]:
    handle = io.BytesIO(text.encode("utf-8"))
    dialect = grammar.detect_dialect(handle.getvalue()[:4096])
    return [
        [None if v is None else v.decode("utf-8") for v in row]
        for statement in statements.statements(handle, dialect)
        if statement.kind == "rows"
        for block in statement.blocks
        for row in blocks.block_rows(block)
    ]


@settings(max_examples=150, deadline=None)
@given(_ROWS)
@pytest.mark.parametrize("min_run", [0, extended.MIN_RUN_BYTES], ids=["arrow", "exact"])
def test_mysql_inserts_round_trip(min_run: int, rows: list[list[str | None]]) -> None:
    body = ",".join("(" + ",".join(_mysql_literal(v) for v in row) + ")" for row in rows)
    with mock.patch.object(extended, "MIN_RUN_BYTES", min_run):
        assert _parsed(f"-- MySQL dump\nINSERT INTO `t` VALUES {body};\nUNLOCK TABLES;\n") == rows


@settings(max_examples=150, deadline=None)
@given(_ROWS)
def test_pg_inserts_round_trip(rows: list[list[str | None]]) -> None:
    statements = "".join(
        "INSERT INTO public.t VALUES (" + ", ".join(_pg_literal(v) for v in row) + ");\n" for row in rows
    )
    assert _parsed(f"SET standard_conforming_strings = on;\n{statements}") == rows


@settings(max_examples=150, deadline=None)
@given(_ROWS)
def test_pg_copy_round_trip(rows: list[list[str | None]]) -> None:
    lines = "".join("\t".join(_copy_field(v) for v in row) + "\n" for row in rows)
    text = f"-- PostgreSQL database dump\nCOPY public.t (a, b, c) FROM stdin;\n{lines}\\.\n\nSELECT 1;\n"
    assert _parsed(text) == rows


def _sizes(text: str) -> tuple[int, int]:
    handle = io.BytesIO(text.encode("utf-8"))
    counted = [
        size
        for statement in statements.statements(handle, grammar.detect_dialect(handle.getvalue()[:4096]))
        for size in statement.sizes
    ]
    return sum(rows for rows, _ in counted), max((width for _, width in counted), default=0)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_VALUE, min_size=1, max_size=5), min_size=1, max_size=1200))
@pytest.mark.parametrize("min_run", [0, extended.MIN_RUN_BYTES], ids=["arrow", "exact"])
def test_the_index_counts_rows_and_the_widest_row_as_reading_them_does(
    min_run: int, rows: list[list[str | None]]
) -> None:
    body = ",".join("(" + ",".join(_mysql_literal(v) for v in row) + ")" for row in rows)
    text = f"-- MySQL dump\nINSERT INTO `t` VALUES {body};\nINSERT INTO `t` VALUES ('a',NULL);\n"
    with mock.patch.object(extended, "MIN_RUN_BYTES", min_run):
        parsed, sizes = _parsed(text), _sizes(text)
    width = max(len(row) for row in [*rows, ["a", None]])
    padded = [row + [None] * (width - len(row)) for row in [*rows, ["a", None]]]
    assert [row + [None] * (width - len(row)) for row in parsed] == padded  # a short row ends in NULLs
    assert sizes == (len(parsed), width)


def _pg_escape_literal(value: str) -> str:
    """Write a value as an ``E'...'`` string: backslash escapes, a quote as ``\\'``."""
    escapes = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
    return "E'" + "".join(escapes.get(char, char) for char in value) + "'"


_PG_TEXT = st.one_of(  # what breaks E'' strings: backslashes, quotes, an e before a quote, ( , ) and Hangul
    st.text(alphabet=st.sampled_from("가힣eE1'\\,()\n\r\t ;"), max_size=10),
    st.text(max_size=5).filter(lambda s: "\x00" not in s),
)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.lists(st.tuples(st.none() | _PG_TEXT, st.booleans()), min_size=3, max_size=3), min_size=1),
    st.integers(1, 3),
    _PG_TEXT,
)
def test_pg_escape_strings_round_trip(
    rows: list[list[tuple[str | None, bool]]], per_insert: int, comment: str
) -> None:
    """pg_dump --inserts rows whose text is in E'' strings (a bare id and boolean before them) read back."""
    values = [
        f"({i}, {'true' if i % 2 else 'false'}, "
        + ", ".join(
            "NULL" if v is None else _pg_escape_literal(v) if escape else _pg_literal(v) for v, escape in row
        )
        + ")"
        for i, row in enumerate(rows)
    ]
    inserts = "".join(
        "INSERT INTO public.t VALUES\n\t" + ",\n\t".join(values[at : at + per_insert]) + ";\n"
        for at in range(0, len(values), per_insert)
    )
    dump = (
        "--\n-- PostgreSQL database dump\n--\n\nSET standard_conforming_strings = on;\n"
        "CREATE TABLE public.t (id integer, seen boolean, a text, b text, c text);\n"
        f"COMMENT ON TABLE public.t IS {_pg_escape_literal(comment)};\n{inserts}"
        "\n--\n-- PostgreSQL database dump complete\n--\n\n"
    )
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "emr.sql").write_text(dump, encoding="utf-8")
        source = ExportFolderSource("dumps", Path(folder))
        assert source.list_tables() == ["emr.sql#public.t"]
        assert source.describe("emr.sql#public.t").row_count == len(rows)  # the index counts them alike
        read = _rows(Path(folder), "emr.sql#public.t")
    assert [[r["a"], r["b"], r["c"]] for r in read] == [[v for v, _ in row] for row in rows]
    assert [r["seen"] for r in read] == ["true" if i % 2 else "false" for i in range(len(rows))]


@pytest.mark.parametrize(
    "default",
    [r"E'it\'s, or not'", "'it''s, or not'", r"'C:\temp\'", r"e'a\\b, c'"],
    ids=["escape string", "doubled quote", "standard string ending in a backslash", "lower-case e"],
)
def test_a_column_default_with_a_comma_in_a_string_keeps_the_columns_apart(
    tmp_path: Path, default: str
) -> None:
    text = (
        "-- PostgreSQL database dump\n"
        f"CREATE TABLE public.patient (id integer, memo text DEFAULT {default}, rrn text);\n"
        "COPY public.patient (id, memo, rrn) FROM stdin;\n1\tx\ty\n\\.\n"
        "-- PostgreSQL database dump complete\n"
    )
    (tmp_path / "emr.sql").write_text(text, encoding="utf-8")
    info = ExportFolderSource("dumps", tmp_path).describe("emr.sql#public.patient")
    assert [(c.name, c.declared_type) for c in info.columns] == [
        ("id", "integer"),
        ("memo", "text"),
        ("rrn", "text"),
    ]
