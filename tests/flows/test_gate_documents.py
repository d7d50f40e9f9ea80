"""The gate and the scan read every kind of document: each file named with what it holds, its RRNs found."""

from __future__ import annotations

import shutil
import sys
import zipfile
from pathlib import Path

import pypdf
import pytest

from flows.cli import main
from flows.config import Sampling
from flows.steps import scan_table
from sources import open_source
from tests.sources import dockit, photokit
from tests.sources.exportkit import csv_text, members

A, B, C, D = dockit.people(4, seed=21)
# file -> the tables of it that hold an RRN
DOCUMENTS = {
    "consent.pdf": ["consent.pdf#p.1"],
    "patients.pdf": ["patients.pdf#p.1.table1"],
    "referral.docx": ["referral.docx#text", "referral.docx#table1"],
    "patients.xls": ["patients.xls#환자명단"],
    "record.hwpx": ["record.hwpx#section1", "record.hwpx#table1"],
    "record.hwp": ["record.hwp#section1"],
    "note.rtf": ["note.rtf"],
    "form.html": ["form.html#text", "form.html#table1"],
    "memo.txt": ["memo.txt"],
    "emr_20261201.sql": ["emr_20261201.sql#public.patient"],
    "backup.zip": ["backup.zip/2024/members.csv", "backup.zip/letters/referral.docx#table1"],
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("documents")
    dockit.write_pdf(root / "consent.pdf", A)
    dockit.write_pdf_table(root / "patients.pdf", [B, D])
    dockit.write_docx(root / "referral.docx", B, C)
    dockit.write_xls(root / "patients.xls", [A, B, C, D])
    dockit.write_hwpx(root / "record.hwpx", C, D)
    dockit.write_hwp5(root / "record.hwp", ["상담 기록", D.sentence])
    dockit.write_rtf(root / "note.rtf", A)
    dockit.write_html(root / "form.html", B, C)
    (root / "memo.txt").write_bytes(C.sentence.encode("cp949"))
    rows = ",\n".join(f"({i}, '{p.name}', '{p.rrn}', '{p.phone}')" for i, p in enumerate((A, B, C, D), 1))
    (root / "emr_20261201.sql").write_text(
        "-- MySQL dump\n"
        "CREATE TABLE `public`.`patient` (id int, name varchar(20), jumin char(14), hp varchar(13));\n"
        f"INSERT INTO `public`.`patient` VALUES {rows};\n"
        "-- Dump completed on 2026-12-01 10:00:00\n",
        encoding="utf-8",
    )
    dockit.write_photo(root / "전후사진" / "kim_before.jpg")
    with zipfile.ZipFile(root / "backup.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("2024/members.csv", csv_text(members(4, seed=2)))
        archive.write(root / "referral.docx", "letters/referral.docx")
    return root


def test_the_gate_names_every_document_and_the_resident_numbers_in_it(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--quiet", "gate", str(folder), "--consignee", "infonet-hosting"]) == 1
    out = capsys.readouterr().out
    blocked = {line.split("BLOCK ")[1].split()[0] for line in out.splitlines() if "BLOCK " in line}
    assert blocked >= {table for tables in DOCUMENTS.values() for table in tables}, out
    assert "주민등록번호" in out and "do not send" in out
    assert "전후사진/kim_before.jpg#patient_photo" in blocked  # a patient photo is health information
    assert "UNREADABLE 전후사진/kim_before.jpg#text" in out or shutil.which("tesseract")
    for person in (A, B, C, D):
        assert person.rrn not in out and person.phone not in out  # evidence stays masked


def test_a_scan_of_the_folder_finds_the_rrns_in_each_file(folder: Path) -> None:
    source = open_source("documents", path=folder)
    tables = source.list_tables()
    for file, expected in DOCUMENTS.items():
        for table in expected:
            assert table in tables, (file, tables)
            scan = scan_table(source, table, Sampling(mode="full"))
            assert scan.error is None, scan.error
            found = {d.column: d.entity_names for d in scan.detections if "KR_RRN" in d.entity_names}
            assert found, (table, [(d.column, d.entity_names) for d in scan.detections])


def test_what_the_gate_cannot_read_stops_the_transfer_as_incomplete(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "members.csv").write_text("회원번호,이메일\n1,a@example.com\n", encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.csv", "a\n" + "0" * (8 << 20))
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4 truncated")
    assert main(["--quiet", "gate", str(tmp_path), "--consignee", "infonet-hosting"]) == 3
    out = capsys.readouterr().out
    assert "UNREADABLE bomb.zip" in out and "possible archive bomb" in out
    assert "UNREADABLE scan.pdf" in out and "do not send" in out
    # The coverage headline of every report, then each file it could not read, once.
    assert "Coverage: Incomplete: 2 thing(s) could not be read or checked" in out
    lines = out.splitlines()
    assert [name for name in ("scan.pdf", "bomb.zip") if sum(name in line for line in lines) != 1] == []


def test_a_heic_patient_photo_is_stopped_and_named_as_not_inspected_without_pi_heif(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pi_heif", None)  # import pi_heif now raises ImportError
    (tmp_path / "전후사진").mkdir()
    (tmp_path / "전후사진" / "IMG_0004.heic").write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")
    assert main(["--quiet", "gate", str(tmp_path), "--consignee", "infonet-hosting"]) == 1
    out = capsys.readouterr().out
    assert "BLOCK 전후사진/IMG_0004.heic#patient_photo column 시술사진_폴더명" in out
    assert "UNREADABLE 전후사진/IMG_0004.heic#image" in out and "pi-heif is not installed" in out


def test_the_gate_stops_a_photo_of_a_face_and_says_a_face_was_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dockit.write_photo(tmp_path / "mail" / "IMG_0100.jpg", picture=photokit.face())
    dockit.write_photo(tmp_path / "mail" / "view.jpg", gps=False, picture=photokit.landscape())
    assert main(["--quiet", "gate", str(tmp_path), "--consignee", "infonet-hosting"]) == 1
    out = capsys.readouterr().out
    assert "BLOCK mail/IMG_0100.jpg#patient_photo column 시술사진_얼굴인식" in out, out
    assert "view.jpg#patient_photo" not in out
    assert "37.517000" not in out  # the position is evidence, masked


def test_a_scan_of_a_folder_finds_the_face_photo(tmp_path: Path) -> None:
    shutil.copy(Path(__file__).parents[1] / "sources" / "fixtures" / "face.heic", tmp_path / "IMG_0005.heic")
    source = open_source("photos", path=tmp_path)
    scan = scan_table(source, "IMG_0005.heic#patient_photo", Sampling(mode="full"))
    assert {d.column: d.entity_names for d in scan.detections} == {"시술사진_얼굴인식": ["MEDICAL_INFO"]}


def test_the_gate_stops_a_photo_whose_exif_says_when_and_with_which_camera(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No position, no face: the capture time and the camera's serial number alone are personal data."""
    dockit.write_photo(tmp_path / "board" / "review_0412.jpg", gps=False, serial="052021004321")
    assert main(["--quiet", "gate", str(tmp_path), "--consignee", "infonet-hosting"]) == 1
    out = capsys.readouterr().out
    assert "BLOCK board/review_0412.jpg#exif column 촬영일시" in out, out
    assert "BLOCK board/review_0412.jpg#exif column 촬영기기" in out, out
    assert "GPS위치_주소" not in out and "patient_photo" not in out
    assert "052021004321" not in out and "14:03:11" not in out  # evidence stays masked


def test_a_scan_of_the_folder_reports_the_capture_time_and_camera(tmp_path: Path) -> None:
    dockit.write_photo(tmp_path / "board" / "review_0412.jpg", gps=False, serial="052021004321")
    source = open_source("photos", path=tmp_path)
    assert "board/review_0412.jpg#exif" in source.list_tables()
    scan = scan_table(source, "board/review_0412.jpg#exif", Sampling(mode="full"))
    assert {d.column: d.entity_names for d in scan.detections} == {
        "촬영일시": ["PHOTO_METADATA"],
        "촬영기기": ["PHOTO_METADATA"],
    }


def _form_without_personal_data(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("수술 동의서 양식: 첨부한 명단을 확인해 주세요.")
    document.save(str(path))
    return path


def test_the_gate_stops_a_patient_list_embedded_in_a_form_or_attached_to_a_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    form = _form_without_personal_data(tmp_path / "form.docx")
    dockit.add_members(form, {"word/embeddings/Microsoft_Excel_Worksheet.xlsx": dockit.xlsx_bytes([B])})
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_attachment("patients.xlsx", dockit.xlsx_bytes([C]))
    writer.write(tmp_path / "cover.pdf")
    assert main(["--quiet", "gate", str(tmp_path), "--consignee", "infonet-hosting"]) == 1
    out = capsys.readouterr().out
    embedded = "form.docx#embedded:word/embeddings/Microsoft_Excel_Worksheet.xlsx#환자명단"
    assert f"BLOCK {embedded} column 주민등록번호" in out, out
    assert "BLOCK cover.pdf#embedded:patients.xlsx#환자명단 column 주민등록번호" in out, out
    assert B.rrn not in out and C.rrn not in out
    source = open_source("forms", path=tmp_path)
    scan = scan_table(source, embedded, Sampling(mode="full"))
    assert {d.column for d in scan.detections if "KR_RRN" in d.entity_names} == {"주민등록번호"}


def test_an_embedded_object_the_gate_cannot_read_stops_the_transfer_as_incomplete(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    word97 = dockit.compound_file({"WordDocument": b"\xec\xa5" + b"\0" * 64})
    form = _form_without_personal_data(tmp_path / "form.docx")
    dockit.add_members(form, {"word/embeddings/oleObject1.bin": word97})
    assert main(["--quiet", "gate", str(tmp_path), "--consignee", "infonet-hosting"]) == 3
    out = capsys.readouterr().out
    assert "UNREADABLE form.docx#embedded:word/embeddings/oleObject1.bin" in out, out
    assert "an embedded OLE object clinicscan cannot read (it holds WordDocument)" in out
    assert "save the embedded object as its own file, then scan it" in out
