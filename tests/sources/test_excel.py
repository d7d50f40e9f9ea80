"""Excel specifics: sheets as tables, wrong recorded sizes, cells beyond the header, chart sheets."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pyarrow as pa
import pytest
from openpyxl.chart import BarChart

from sources import SourceError, open_source


def save(path: Path, rows: list[list[object]], title: str = "Sheet") -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_chart_sheets_are_not_tables(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["a"])
    workbook.create_chartsheet("차트").add_chart(BarChart())
    workbook.save(tmp_path / "c.xlsx")
    assert open_source("x", path=tmp_path).list_tables() == ["c.xlsx#Sheet"]


def test_a_wrong_recorded_size_does_not_hide_rows(tmp_path: Path) -> None:
    path = save(
        tmp_path / "d.xlsx", [["name", "phone"], ["홍길동", "01012345678"], ["김영희", "01087654321"]]
    )
    patched = tmp_path / "patched.xlsx"
    with zipfile.ZipFile(path) as original, zipfile.ZipFile(patched, "w") as copy:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                # openpyxl writes "<dimension ... />" or, with lxml installed, "<dimension .../>"
                data = re.sub(rb'<dimension ref="A1:B3"\s*/>', b'<dimension ref="A1:B2"/>', data)
            copy.writestr(item, data)
    path.unlink()
    source = open_source("x", path=tmp_path)
    assert source.describe("patched.xlsx#Sheet").row_count == 1  # what the sheet claims: an estimate
    table = pa.Table.from_batches(list(source.stream("patched.xlsx#Sheet")))
    assert table.column("name").to_pylist() == ["홍길동", "김영희"]


def test_values_right_of_the_last_header_are_an_error_not_dropped(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["name"])
    sheet.append(["홍길동"])
    workbook.save(tmp_path / "w.xlsx")
    # a note two columns right, added so that the recorded size (A1:A2) does not include it
    with zipfile.ZipFile(tmp_path / "w.xlsx") as original, zipfile.ZipFile(tmp_path / "n.xlsx", "w") as copy:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"</row></sheetData>",
                    b'<c r="C2" t="inlineStr"><is><t>900101-1234568</t></is></c></row></sheetData>',
                )
            copy.writestr(item, data)
    (tmp_path / "w.xlsx").unlink()
    source = open_source("x", path=tmp_path)
    with pytest.raises(
        SourceError, match=r"n.xlsx#Sheet.*row 2 has values right of the last column"
    ) as caught:
        list(source.stream("n.xlsx#Sheet"))
    assert "900101" not in str(caught.value)


def test_a_sheet_name_with_a_hash_resolves(tmp_path: Path) -> None:
    save(tmp_path / "a#b.xlsx", [["k"], ["v"]], title="1#월")
    source = open_source("x", path=tmp_path)
    assert source.list_tables() == ["a#b.xlsx#1#월"]
    assert source.sample("a#b.xlsx#1#월", rows=5).to_pylist() == [{"k": "v"}]


def test_numbers_dates_and_booleans_are_written_as_text(tmp_path: Path) -> None:
    import datetime as dt

    save(tmp_path / "t.xlsx", [["n", "f", "d", "b"], [1012345678, 0.25, dt.date(2024, 1, 2), True]])
    rows = open_source("x", path=tmp_path).sample("t.xlsx#Sheet", rows=5).to_pylist()
    assert rows == [{"n": "1012345678", "f": "0.25", "d": "2024-01-02 00:00:00", "b": "true"}]
