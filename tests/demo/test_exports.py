"""The hosting consignee's export folder: the encodings Korean offices produce, one sheet that leaks."""

from __future__ import annotations

import csv
import io
import json
import re

import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

from demo.exports import CLEAN_SHEET, LEAKING_SHEET, export_files
from demo.identifiers import rrn_birth_date
from tests.demo.conftest import AS_OF, BuiltDemo

FILES = export_files(AS_OF)
RRN = re.compile(r"\d{6}-[1-4]\d{6}")


def test_every_file_of_the_manifest_exists(built: BuiltDemo) -> None:
    on_disk = {p.name for p in built.exports.iterdir()}
    assert on_disk == set(FILES.values())
    assert {name.split("#")[0] for name in built.manifest.exports} == on_disk


def test_members_csv_decodes_only_as_cp949(built: BuiltDemo) -> None:
    raw = (built.exports / FILES["members_cp949"]).read_bytes()
    for wrong in ("utf-8", "euc_kr"):  # a CP949-only syllable makes plain EUC-KR fail too
        with pytest.raises(UnicodeDecodeError):
            raw.decode(wrong)
    rows = list(csv.reader(io.StringIO(raw.decode("cp949"))))
    assert rows[0] == ["회원번호", "아이디", "이름", "이메일", "휴대폰", "가입일시", "최근접속일시"]
    assert len(rows) - 1 == built.manifest.exports[FILES["members_cp949"]]
    assert not any(RRN.search(cell) for row in rows for cell in row)


def test_marketing_csv_is_utf8_with_bom(built: BuiltDemo) -> None:
    raw = (built.exports / FILES["marketing_bom"]).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = raw.decode("utf-8-sig").splitlines()[0]
    assert header == "회원번호,이메일,SMS수신동의,이메일수신동의,변경일시"


def test_workbook_has_a_clean_sheet_and_a_leaking_one(built: BuiltDemo) -> None:
    book = load_workbook(built.exports / FILES["backup_xlsx"], read_only=True)
    assert book.sheetnames == [CLEAN_SHEET, LEAKING_SHEET]
    clean = [[str(c) for c in row if c is not None] for row in book[CLEAN_SHEET].iter_rows(values_only=True)]
    assert not any(RRN.search(cell) for row in clean for cell in row)
    leak = list(book[LEAKING_SHEET].iter_rows(values_only=True))
    header, body = leak[0], leak[1:]
    assert header[-2:] == ("병력", "주민등록번호")
    at = header.index("주민등록번호")
    rrns = [row[at] for row in body if len(row) > at and row[at]]
    assert rrns and all(rrn_birth_date(str(r)) for r in rrns)
    planted = {
        (v.column, v.category) for v in built.manifest.violations if v.rule == "consignment.out_of_scope"
    }
    assert planted >= {("주민등록번호", "unique_id"), ("병력", "health"), ("관심시술", "health")}
    assert {v.table for v in built.manifest.violations if v.rule == "consignment.out_of_scope"} == {
        f"{FILES['backup_xlsx']}#{LEAKING_SHEET}",
        f"{FILES['homepage_dump']}#consult_requests",
        f"{FILES['visit_docx']}#table1",
        f"{FILES['review_photo']}#exif",
    }


def test_the_dump_and_the_word_file_hold_rrns_where_the_manifest_says(built: BuiltDemo) -> None:
    dump = (built.exports / FILES["homepage_dump"]).read_text(encoding="utf-8")
    members, consult = dump.split("CREATE TABLE `consult_requests`")
    assert not RRN.search(members) and RRN.search(consult)
    assert built.manifest.exports[f"{FILES['homepage_dump']}#consult_requests"] == len(RRN.findall(consult))
    import docx

    table = docx.Document(str(built.exports / FILES["visit_docx"])).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["성명", "연락처", "주민등록번호"]
    assert all(RRN.fullmatch(row.cells[2].text) for row in table.rows[1:])


def test_access_log_jsonl_holds_ips_and_no_identifiers(built: BuiltDemo) -> None:
    lines = (built.exports / FILES["access_jsonl"]).read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert records and all(re.fullmatch(r"\d+\.\d+\.\d+\.\d+", r["ip"]) for r in records)
    assert not any(RRN.search(line) or "@" in line for line in lines)


def test_sessions_parquet(built: BuiltDemo) -> None:
    table = pq.read_table(built.exports / FILES["sessions_parquet"])
    assert table.column_names == ["member_id", "user_id", "session_id", "login_at", "ip"]
    assert table.num_rows == built.manifest.exports[FILES["sessions_parquet"]]


def test_the_review_photo_keeps_its_exif_and_the_manifest_plants_its_capture_time_and_phone(
    built: BuiltDemo,
) -> None:
    from sources.export import ExportFolderSource

    table = f"{FILES['review_photo']}#exif"
    (row,) = ExportFolderSource("exports", built.exports).sample(table, 10).to_pylist()
    assert set(row) == {"GPS위치_주소", "촬영일시", "촬영기기"}
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", row["촬영일시"])
    assert re.search(r" S/N \d{12}$", row["촬영기기"])
    planted = {(v.column, v.category) for v in built.manifest.violations if v.table == table}
    assert planted == {("촬영일시", "photo_metadata"), ("촬영기기", "photo_metadata")}
    assert not any(c.table == table for c in built.manifest.clean)  # the position alone would be entrusted
