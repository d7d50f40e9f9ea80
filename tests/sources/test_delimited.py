"""CSV/TSV details: delimiters, headers, quoting, nulls."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from sources import open_source


def read(tmp_path: Path, name: str, content: bytes) -> pa.Table:
    (tmp_path / name).write_bytes(content)
    return pa.Table.from_batches(list(open_source("x", path=tmp_path).stream(name)))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("semi.csv", "이름;전화\n홍길동;01012345678\n".encode()),
        ("tabs.csv", "이름\t전화\n홍길동\t01012345678\n".encode()),
        ("pipes.txt.csv", "이름|전화\n홍길동|01012345678\n".encode()),
        ("commas.tsv", "이름,전화\n홍길동,01012345678\n".encode()),
        ("crlf.csv", "이름,전화\r\n홍길동,01012345678\r\n".encode("cp949")),
    ],
)
def test_the_delimiter_is_taken_from_the_header(tmp_path: Path, name: str, content: bytes) -> None:
    assert read(tmp_path, name, content).to_pylist() == [{"이름": "홍길동", "전화": "01012345678"}]


def test_blank_and_repeated_header_names_are_made_unique(tmp_path: Path) -> None:
    table = read(tmp_path, "h.csv", b"phone,,phone,phone\n1,2,3,4\n")
    assert table.column_names == ["phone", "column_2", "phone_2", "phone_3"]


def test_empty_cells_are_null_and_values_are_never_converted(tmp_path: Path) -> None:
    table = read(tmp_path, "v.csv", b'a,b,c,d\n007,,"",1e5\nNULL,TRUE,3.10,2024-01-01\n')
    assert table.to_pylist() == [
        {"a": "007", "b": None, "c": None, "d": "1e5"},
        {"a": "NULL", "b": "TRUE", "c": "3.10", "d": "2024-01-01"},
    ]
    assert all(field.type == pa.string() for field in table.schema)


def test_quoted_values_may_hold_delimiters_quotes_and_newlines(tmp_path: Path) -> None:
    table = read(tmp_path, "q.csv", 'memo,n\n"서울, 강남구 ""VIP""\n재방문",1\n'.encode())
    assert table.to_pylist() == [{"memo": '서울, 강남구 "VIP"\n재방문', "n": "1"}]


def test_a_big_csv_streams_in_several_batches(tmp_path: Path) -> None:
    body = "".join(f"{i},010{i:08d}\n" for i in range(200_000))
    (tmp_path / "big.csv").write_text("id,phone\n" + body, encoding="utf-8")
    batches = list(open_source("x", path=tmp_path).stream("big.csv", batch_rows=10_000))
    assert len(batches) > 1
    assert sum(b.num_rows for b in batches) == 200_000
