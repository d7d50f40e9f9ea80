"""An export folder as a source: every file is a table, each format and encoding reads the same rows."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from sources import Source, SourceError, open_source
from sources.export import ExportFolderSource
from tests.sources.exportkit import HEADER, build_export_folder, members, write_csv

MEMBER_TABLES = [
    "2024/11/members.csv",
    "book.xlsx#회원",
    "members.json",
    "members.jsonl",
    "members_bom.csv",
    "members_cp949.csv",
    "members_euckr.csv",
    "members_utf16.tsv",
    "members_utf8.csv",
]
ALL_TABLES = sorted(
    [
        *MEMBER_TABLES,
        ".git/config.csv",
        ".hidden.csv",
        "book.xlsx#Payments",
        "broken.json",
        "broken.xlsx",
        "drawing.dwg",
        "members.parquet",
        "scan.pdf",
        "~$book.xlsx",
    ]
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    build_export_folder(tmp_path)
    return tmp_path


@pytest.fixture
def source(folder: Path) -> ExportFolderSource:
    opened = open_source("hosting", path=folder)
    assert isinstance(opened, ExportFolderSource)
    return opened


def test_is_a_source(source: ExportFolderSource) -> None:
    assert isinstance(source, Source)
    assert source.kind == "export"


def test_lists_every_file_and_sheet_hidden_and_lock_files_too(source: ExportFolderSource) -> None:
    assert source.list_tables() == ALL_TABLES


@pytest.mark.parametrize("table", MEMBER_TABLES)
def test_every_format_and_encoding_reads_the_same_rows(source: ExportFolderSource, table: str) -> None:
    info = source.describe(table)
    assert [c.name for c in info.columns] == HEADER
    assert all(c.kind == "text" for c in info.columns)
    read = pa.Table.from_batches(list(source.stream(table))).to_pylist()
    assert read == members()


@pytest.mark.parametrize("table", MEMBER_TABLES)
def test_leading_zeros_and_hangul_survive_sampling(source: ExportFolderSource, table: str) -> None:
    sample = source.sample(table, rows=3)
    assert sample.num_rows == 3
    assert all(
        phone.startswith("010") and len(phone) == 11 for phone in sample.column("전화번호").to_pylist()
    )
    expected = {m["이름"] for m in members()}
    assert set(sample.column("이름").to_pylist()) <= expected


def test_row_counts(source: ExportFolderSource) -> None:
    assert source.describe("members_cp949.csv").row_count == 6
    assert source.describe("members.json").row_count == 6
    assert source.describe("members.parquet").row_count == 6
    excel = source.describe("book.xlsx#회원")
    assert (excel.row_count, excel.row_count_estimated) == (6, True)


def test_excel_cells_are_text_as_excel_shows_them(source: ExportFolderSource) -> None:
    rows = pa.Table.from_batches(list(source.stream("book.xlsx#Payments"))).to_pylist()
    assert rows == [
        {
            "member": "홍길동",
            "amount": "150000",
            "paid_on": "2023-03-15 00:00:00",
            "card": "4111111111111111",
            "refunded": "false",
        },
        {"member": "김영희", "amount": "99000.5", "paid_on": None, "card": None, "refunded": "true"},
    ]


def test_parquet_keeps_its_types_and_streams_by_row_group(source: ExportFolderSource) -> None:
    kinds = {c.name: c.kind for c in source.describe("members.parquet").columns}
    assert kinds == {"name": "text", "phone": "text", "visits": "integer"}
    batches = list(source.stream("members.parquet"))
    assert [b.num_rows for b in batches] == [2, 2, 2]
    assert batches[0].schema.field("visits").type == pa.int32()


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ("broken.xlsx", r"file 'broken.xlsx': cannot read it as Excel: .* — re-export the file"),
        ("broken.json", r"file 'broken.json': cannot read it as JSON: .* — re-export the file"),
        ("scan.pdf", r"file 'scan.pdf': cannot read it as PDF: .* — re-export the file"),
        ("drawing.dwg", r"file 'drawing.dwg': clinicscan cannot read '.dwg' files — convert it to one of"),
        ("nope.csv", r"file 'nope.csv': no such file in the folder"),
        ("../outside.csv", r"file '../outside.csv': no such file in the folder"),
        ("book.xlsx#없는시트", r"file 'book.xlsx#없는시트': cannot read it as Excel: .*no sheet"),
    ],
)
def test_an_unreadable_file_is_a_clear_error_naming_it(
    source: ExportFolderSource, table: str, problem: str
) -> None:
    with pytest.raises(SourceError, match=r"export folder 'hosting' \(.*\): " + problem):
        source.describe(table)
    assert source.describe("members_utf8.csv").row_count == 6  # and the other files still read


def test_a_path_outside_the_folder_is_refused(tmp_path: Path) -> None:
    inside = tmp_path / "inside"
    write_csv(inside / "a.csv", members(1), "utf-8")
    write_csv(tmp_path / "outside.csv", members(1), "utf-8")
    source = open_source("x", path=inside)
    with pytest.raises(SourceError, match="no such file"):
        source.describe("../outside.csv")
    with pytest.raises(SourceError, match="no such file"):
        source.describe(str(tmp_path / "outside.csv"))


def test_a_corrupt_file_fails_while_streaming_without_quoting_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("name,rrn\n홍길동,900101-1234568\n김영희,850202-2345678,extra\n", encoding="utf-8")
    source = open_source("x", path=tmp_path)
    with pytest.raises(SourceError) as caught:
        list(source.stream("ragged.csv"))
    message = str(caught.value)
    assert "file 'ragged.csv': cannot read it as CSV" in message
    assert "850202" not in message and "김영희" not in message


def test_a_single_file_can_be_a_source(folder: Path) -> None:
    source = open_source("gate", path=folder / "members_cp949.csv")
    assert source.list_tables() == ["members_cp949.csv"]
    assert source.describe("members_cp949.csv").row_count == 6


def test_include_and_exclude_filter_the_listing(folder: Path) -> None:
    source = open_source("hosting", path=folder, include=["members*", "2024/*"], exclude=["*.tsv", "*euckr*"])
    assert source.list_tables() == [
        "2024/11/members.csv",
        "members.json",
        "members.jsonl",
        "members.parquet",
        "members_bom.csv",
        "members_cp949.csv",
        "members_utf8.csv",
    ]


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"export folder 'gone' \(.*gone\): does not exist — check 'path'"):
        open_source("gone", path=tmp_path / "gone")


def test_a_sample_is_spread_over_the_whole_file_and_repeatable(tmp_path: Path) -> None:
    lines = ["id,phone"] + [f"{i},010{i:08d}" for i in range(1, 10_001)]
    (tmp_path / "big.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    source = open_source("x", path=tmp_path)
    sample = source.sample("big.csv", rows=100)
    ids = [int(v) for v in sample.column("id").to_pylist()]
    assert len(ids) == 100 == len(set(ids))
    assert ids == sorted(ids)  # in file order
    assert any(i > 9_000 for i in ids) and any(i <= 1_000 for i in ids)
    assert source.sample("big.csv", rows=100).equals(sample)


def test_empty_files_are_empty_tables(tmp_path: Path) -> None:
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "header_only.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / "empty.json").write_text("[]", encoding="utf-8")
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    source = open_source("x", path=tmp_path)
    for table in source.list_tables():
        assert source.describe(table).row_count == 0, table
        assert sum(b.num_rows for b in source.stream(table)) == 0
        assert source.sample(table, rows=5).num_rows == 0
    assert [c.name for c in source.describe("header_only.csv").columns] == ["a", "b"]


def test_a_folder_that_cannot_be_listed_is_listed_as_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_csv(tmp_path / "ok.csv", members(1), "utf-8")
    (tmp_path / "locked").mkdir()
    write_csv(tmp_path / "locked" / "hidden_from_us.csv", members(1), "utf-8")
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:  # what a directory without read permission does (root ignores chmod)
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    source = open_source("x", path=tmp_path)
    assert source.list_tables() == ["locked", "ok.csv"]
    with pytest.raises(SourceError, match="file 'locked': a folder clinicscan cannot list"):
        source.describe("locked")


def test_a_broken_link_is_named_as_one(tmp_path: Path) -> None:
    (tmp_path / "members.csv").write_text("name\n김철수\n", encoding="utf-8")
    (tmp_path / "moved.csv").symlink_to(tmp_path / "elsewhere" / "moved.csv")
    source = open_source("hosting", path=tmp_path)
    assert "moved.csv" in source.list_tables()  # listed, so that the scan reports it rather than passing it
    with pytest.raises(SourceError) as caught:
        source.describe("moved.csv")
    message = str(caught.value)
    assert "a link to" in message and "elsewhere/moved.csv" in message and "list_tables" not in message
