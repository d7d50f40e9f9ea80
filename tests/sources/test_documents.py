"""Documents a clinic sends or backs up: each format read into tables holding the text where it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sources.base import SourceError
from sources.export import ExportFolderSource
from tests.sources import dockit

PEOPLE = dockit.people(4)
A, B, C, D = PEOPLE


def _values(source: ExportFolderSource, table: str) -> list[str]:
    return [v for batch in source.stream(table) for column in batch.columns for v in column.to_pylist() if v]


WRITERS: dict[str, tuple[Callable[[Path], object], dict[str, list[str]]]] = {
    "consent.pdf": (lambda p: dockit.write_pdf(p, A), {"consent.pdf#p.1": [A.sentence]}),
    "patients.pdf": (
        lambda p: dockit.write_pdf_table(p, [B, C]),
        {"patients.pdf#p.1": [B.rrn], "patients.pdf#p.1.table1": [B.name, B.rrn, C.rrn, C.phone]},
    ),
    "referral.docx": (
        lambda p: dockit.write_docx(p, A, B),
        {"referral.docx#text": [A.sentence], "referral.docx#table1": [A.rrn, B.rrn, B.phone]},
    ),
    "patients.xls": (
        lambda p: dockit.write_xls(p, PEOPLE),
        {"patients.xls#환자명단": [p.rrn for p in PEOPLE]},
    ),
    "record.hwpx": (
        lambda p: dockit.write_hwpx(p, A, C),
        {"record.hwpx#section1": [A.sentence], "record.hwpx#table1": [A.rrn, C.rrn]},
    ),
    "record.hwp": (
        lambda p: dockit.write_hwp5(p, ["상담", D.sentence]),
        {"record.hwp#section1": [D.sentence]},
    ),
    "note.rtf": (lambda p: dockit.write_rtf(p, B), {"note.rtf": [B.sentence]}),
    "form.html": (
        lambda p: dockit.write_html(p, C, D),
        {"form.html#text": [C.sentence], "form.html#table1": [D.name, D.rrn]},
    ),
    "memo.txt": (lambda p: p.write_bytes(D.sentence.encode("cp949")), {"memo.txt": [D.sentence]}),
    "memo.md": (
        lambda p: p.write_text(f"# 메모\n\n- {C.sentence}\n", encoding="utf-8"),
        {"memo.md": [f"- {C.sentence}"]},
    ),
}


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_each_format_is_read_into_tables_holding_its_text(tmp_path: Path, name: str) -> None:
    write, expected = WRITERS[name]
    write(tmp_path / name)
    source = ExportFolderSource("docs", tmp_path)
    assert source.list_tables() == sorted(expected)
    for table, values in expected.items():
        read = _values(source, table)
        assert all(value in read for value in values), (table, read)
        assert source.describe(table).row_count == sum(b.num_rows for b in source.stream(table))


def test_docx_header_paragraphs_are_read_and_table_cells_are_not_repeated_as_text(tmp_path: Path) -> None:
    dockit.write_docx(tmp_path / "r.docx", A, B)
    text = _values(ExportFolderSource("docs", tmp_path), "r.docx#text")
    assert "에이탑성형외과 진료의뢰서" in text and B.rrn not in " ".join(text)


def test_a_pdf_table_has_its_header_as_columns_and_is_judged_column_by_column(tmp_path: Path) -> None:
    from flows.config import Sampling
    from flows.steps import scan_table

    dockit.write_pdf_table(tmp_path / "patients.pdf", PEOPLE)
    source = ExportFolderSource("docs", tmp_path)
    assert [c.name for c in source.describe("patients.pdf#p.1.table1").columns] == [
        "성명",
        "주민등록번호",
        "연락처",
    ]
    scan = scan_table(source, "patients.pdf#p.1.table1", Sampling(mode="full"))
    found = {d.column: d.entity_names for d in scan.detections}
    assert found == {"성명": ["PERSON"], "주민등록번호": ["KR_RRN"], "연락처": ["PHONE_NUMBER"]}


def test_html_scripts_are_not_text(tmp_path: Path) -> None:
    dockit.write_html(tmp_path / "f.html", A, B)
    assert not any("var rrn" in v for v in _values(ExportFolderSource("docs", tmp_path), "f.html#text"))


@pytest.mark.parametrize(
    ("name", "write", "table", "reason"),
    [
        (
            "locked.hwp",
            lambda p: dockit.write_hwp5(p, [A.sentence], encrypted=True),
            "locked.hwp#encrypted",
            "password-protected",
        ),
    ],
)
def test_what_cannot_be_inspected_is_listed_and_fails_with_its_reason(
    tmp_path: Path, name: str, write: Callable[[Path], object], table: str, reason: str
) -> None:
    write(tmp_path / name)
    source = ExportFolderSource("docs", tmp_path)
    assert table in source.list_tables()
    with pytest.raises(SourceError, match=reason):
        source.describe(table)


def test_a_broken_document_is_unreadable_not_empty(tmp_path: Path) -> None:
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not a document")
    (tmp_path / "broken.hwp").write_bytes(b"not an OLE file")
    source = ExportFolderSource("docs", tmp_path)
    for table in source.list_tables():
        with pytest.raises(SourceError, match=r"cannot read it as (DOCX|HWP)"):
            source.describe(table)
