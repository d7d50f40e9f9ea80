"""Pictures inside documents: each read into a part named for where it is, or listed as not inspected.

A fake ``tesseract`` stands in for OCR here (it prints a resident number whatever it is shown), so these
tests check where pictures are found and how they are named; test_ocr.py reads real cards with Tesseract.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest

from flows.cli import main
from sources.base import SourceError
from sources.export import ExportFolderSource
from sources.files import pictures
from tests.sources import dockit, photokit

A, B = dockit.people(2, seed=17)
# an EMF drawing's header (record 1: bounds, frame, the " EMF" signature); Pillow opens it, cannot decode it
EMF_HEADER = struct.pack(
    "<II4i4i4sIIHH4I", 1, 108, 0, 0, 99, 99, 0, 0, 2000, 2000, b" EMF", 0x10000, 108, 1, 0, 0, 0, 0, 0
)
SAID = f"주민등록번호 {A.rrn}"


@pytest.fixture
def ocr_prints_an_rrn(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = dockit.fake_tesseract(tmp_path_factory.mktemp("fake"), "kor\\neng\\n", f"echo '{SAID}'")
    monkeypatch.setenv("PATH", str(fake))


def _text(source: ExportFolderSource, table: str) -> list[str]:
    return [row["text"] for row in source.sample(table, 10).to_pylist()]


@pytest.mark.usefixtures("ocr_prints_an_rrn")
def test_pictures_in_hwpx_hwp_and_xlsx_are_read_beside_their_text_and_sheets(tmp_path: Path) -> None:
    import openpyxl
    from openpyxl.drawing.image import Image as SheetImage

    folder = tmp_path
    dockit.write_hwpx(folder / "record.hwpx", A, B)
    card = dockit.png_bytes(photokit.document(400, 250))
    dockit.add_members(
        folder / "record.hwpx", {"BinData/image1.png": card, "BinData/BIN0002.ole": b"an embedded object"}
    )
    dockit.write_hwp5(folder / "record.hwp", [B.sentence], pictures={"BIN0001.png": card})
    book = openpyxl.Workbook()
    book.active.title = "환자명단"
    book.active.append(["성명", "연락처"])
    book.active.append([B.name, B.phone])
    book.active.add_image(SheetImage(io.BytesIO(card)), "D2")
    book.save(folder / "list.xlsx")

    source = ExportFolderSource("docs", folder)
    assert source.list_tables() == [
        "list.xlsx#image:xl/media/image1.png",
        "list.xlsx#환자명단",
        "record.hwp#image:BinData/BIN0001.png",
        "record.hwp#section1",
        "record.hwpx#embedded:BinData/BIN0002.ole",  # no picture: an embedded object (embedded.py)
        "record.hwpx#image:BinData/image1.png",
        "record.hwpx#section1",
        "record.hwpx#table1",
    ]
    assert _text(source, "record.hwpx#image:BinData/image1.png") == [SAID]
    assert _text(source, "record.hwp#image:BinData/BIN0001.png") == [SAID]
    assert _text(source, "list.xlsx#image:xl/media/image1.png") == [SAID]
    assert source.sample("list.xlsx#환자명단", 10).to_pylist() == [{"성명": B.name, "연락처": B.phone}]


@pytest.mark.usefixtures("ocr_prints_an_rrn")
def test_a_face_pasted_into_a_word_form_is_a_possible_patient_photo_the_gate_stops(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path
    dockit.write_docx_with_pictures(folder / "consult.docx", [photokit.face(320)])
    assert main(["--quiet", "gate", str(folder), "--consignee", "infonet-hosting"]) == 1
    out = capsys.readouterr().out
    assert "BLOCK consult.docx#image:word/media/image1.png.patient_photo column 시술사진_얼굴인식" in out, out
    assert "BLOCK consult.docx#image:word/media/image1.png column text" in out  # what the fake OCR said


@pytest.mark.usefixtures("ocr_prints_an_rrn")
def test_a_drawing_or_a_huge_picture_is_not_inspected_and_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dockit.write_docx_with_pictures(tmp_path / "form.docx", [photokit.document(400, 250)])
    dockit.add_members(
        tmp_path / "form.docx", {"word/media/image2.emf": EMF_HEADER, "word/media/image3.svg": b"<svg/>"}
    )
    monkeypatch.setattr(pictures, "MAX_BYTES", 1000)  # the PNG is larger than that
    source = ExportFolderSource("docs", tmp_path)
    assert source.list_tables() == [
        "form.docx#image:word/media/image1.png",
        "form.docx#image:word/media/image2.emf",
        "form.docx#image:word/media/image3.svg",
        "form.docx#text",
    ]
    with pytest.raises(
        SourceError, match=r"image2.emf could not be decoded \(cannot find loader for this WMF"
    ):
        source.describe("form.docx#image:word/media/image2.emf")
    with pytest.raises(
        SourceError, match=r"image3.svg.*cannot decode: not inspected — check it by eye, or paste"
    ):
        source.describe("form.docx#image:word/media/image3.svg")
    with pytest.raises(
        SourceError, match=r"image1.png is over 0 MB uncompressed: not inspected \(a zip bomb\?\)"
    ):
        source.describe("form.docx#image:word/media/image1.png")


def _letter_with_a_logo(path: Path) -> Path:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    logo = ImageReader(photokit.document(200, 120))
    page = canvas.Canvas(str(path), invariant=1)
    for number in (1, 2, 3):
        page.drawString(40, 760, f"Page {number}")
        page.drawImage(logo, 40, 600, 100, 60)
        page.showPage()
    page.save()
    return path


@pytest.mark.usefixtures("ocr_prints_an_rrn")
def test_a_logo_on_every_page_of_a_pdf_is_read_once(tmp_path: Path) -> None:
    source = ExportFolderSource("docs", _letter_with_a_logo(tmp_path / "letter.pdf").parent)
    assert source.list_tables() == [
        "letter.pdf#p.1",
        "letter.pdf#p.1.image1",
        "letter.pdf#p.2",
        "letter.pdf#p.3",
    ]
    assert _text(source, "letter.pdf#p.1.image1") == [SAID]


def test_a_pdf_image_too_large_to_decode_is_not_inspected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pictures, "MAX_PIXELS", 200 * 120 - 1)
    source = ExportFolderSource("docs", _letter_with_a_logo(tmp_path / "letter.pdf").parent)
    with pytest.raises(
        SourceError, match=r"image 1 on page 1 is 200 x 120 pixels, too large to decode: not insp"
    ):
        source.describe("letter.pdf#p.1.image1")
    assert "letter.pdf#p.2.image1" in source.list_tables()  # not decoded, so not known to be the same
