"""Files embedded in documents: read as files of their own, named after the document, within the limits."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sources.base import SourceError
from sources.export import ExportFolderSource
from sources.files import archives
from sources.files.embedded import ole10_native_file
from tests.sources import dockit
from tests.sources.exportkit import csv_text, members

A, B, C = dockit.people(3, seed=31)
SHEET = "환자명단"


def _values(source: ExportFolderSource, table: str) -> list[str]:
    return [v for batch in source.stream(table) for column in batch.columns for v in column.to_pylist() if v]


def _xls_bytes(tmp_path: Path) -> bytes:
    return dockit.write_xls(tmp_path / "legacy.xls", [B]).read_bytes()


def _pdf_with_attachments(path: Path, tmp_path: Path) -> Path:
    """A consent PDF with a patient list attached to the document and another in an annotation on page 1."""
    import pypdf
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, TextStringObject

    writer = pypdf.PdfWriter(clone_from=dockit.write_pdf(tmp_path / "plain.pdf", A))
    writer.add_attachment("patients.csv", csv_text(members(2, seed=4)).encode())
    stream = DecodedStreamObject()
    stream.set_data(dockit.xlsx_bytes([C]))
    spec = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Filespec"),
            NameObject("/F"): TextStringObject("명단.xlsx"),
            NameObject("/EF"): DictionaryObject({NameObject("/F"): writer._add_object(stream)}),
        }
    )
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/FileAttachment"),
            NameObject("/Rect"): ArrayObject([pypdf.generic.NumberObject(n) for n in (10, 10, 30, 30)]),
            NameObject("/FS"): writer._add_object(spec),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])
    writer.write(path)
    return path


def test_files_embedded_in_word_excel_hwp_and_pdf_are_read_and_named_after_the_document(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "send"
    folder.mkdir()
    dockit.add_members(
        dockit.write_docx(folder / "consent.docx", A, A),
        {
            "word/embeddings/Microsoft_Excel_Worksheet.xlsx": dockit.xlsx_bytes([B]),
            "word/embeddings/oleObject1.bin": _xls_bytes(tmp_path),  # an Excel 97-2003 object
            "word/embeddings/oleObject3.bin": dockit.packaged_object("old.xls", _xls_bytes(tmp_path)),
            "word/embeddings/oleObject2.bin": dockit.packaged_object(
                "명단.csv", csv_text(members(2)).encode()
            ),
        },
    )
    (folder / "list.xlsx").write_bytes(dockit.xlsx_bytes([A]))
    letter = dockit.write_docx(tmp_path / "letter.docx", C, C).read_bytes()
    dockit.add_members(folder / "list.xlsx", {"xl/embeddings/Microsoft_Word_Document.docx": letter})
    ole = dockit.packaged_object("letter.docx", letter)
    dockit.write_hwp5(
        folder / "record.hwp", ["상담 기록"], pictures={"BIN0002.OLE": struct.pack("<I", len(ole)) + ole}
    )
    dockit.add_members(dockit.write_hwpx(folder / "record.hwpx", A, A), {"BinData/BIN0003.OLE": ole})
    _pdf_with_attachments(folder / "consent.pdf", tmp_path)

    source = ExportFolderSource("hosting", folder)
    tables = source.list_tables()
    embedded = [t for t in tables if "#embedded:" in t]
    assert embedded == [
        "consent.docx#embedded:word/embeddings/Microsoft_Excel_Worksheet.xlsx#환자명단",
        "consent.docx#embedded:word/embeddings/oleObject1.bin#환자명단",
        "consent.docx#embedded:word/embeddings/oleObject2.bin/명단.csv",
        "consent.docx#embedded:word/embeddings/oleObject3.bin/old.xls#환자명단",
        "consent.pdf#embedded:p.1/명단.xlsx#환자명단",
        "consent.pdf#embedded:patients.csv",
        "list.xlsx#embedded:xl/embeddings/Microsoft_Word_Document.docx#table1",
        "list.xlsx#embedded:xl/embeddings/Microsoft_Word_Document.docx#text",
        "record.hwp#embedded:BinData/BIN0002.OLE/letter.docx#table1",
        "record.hwp#embedded:BinData/BIN0002.OLE/letter.docx#text",
        "record.hwpx#embedded:BinData/BIN0003.OLE/letter.docx#table1",
        "record.hwpx#embedded:BinData/BIN0003.OLE/letter.docx#text",
    ]
    assert "consent.docx#table1" in tables and "record.hwp#section1" in tables  # the documents themselves
    assert B.rrn in _values(source, embedded[0])
    assert B.rrn in _values(source, embedded[1])
    assert members(2)[0]["주민등록번호"] in _values(source, embedded[2])
    assert B.rrn in _values(source, embedded[3])  # a packaged .xls: an OLE file inside the OLE object
    assert C.rrn in _values(source, embedded[4])
    assert members(2, seed=4)[1]["주민등록번호"] in _values(source, embedded[5])
    for table in embedded[6], embedded[8], embedded[10]:
        assert C.rrn in _values(source, table)
    assert source.list_tables() == tables  # listed again: extracted again, into new folders
    source.close()

    fresh = ExportFolderSource("hosting", folder)  # a worker process names a table before listing
    assert B.rrn in _values(
        fresh, "consent.docx#embedded:word/embeddings/Microsoft_Excel_Worksheet.xlsx#환자명단"
    )


def _pptx_bytes() -> bytes:
    """The zip of a PowerPoint file (clinicscan does not read slides): not to be opened as a backup zip."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/slides/slide1.xml", "<p:sld/>")
    return out.getvalue()


def test_an_ole_object_clinicscan_cannot_read_is_listed_as_not_inspected_with_what_to_do(
    tmp_path: Path,
) -> None:
    word97 = dockit.compound_file({"WordDocument": b"\xec\xa5" + b"\0" * 64, "1Table": b"\0" * 64})
    dockit.add_members(
        dockit.write_docx(tmp_path / "form.docx", A, A),
        {
            "word/embeddings/oleObject1.bin": word97,
            "word/embeddings/oleObject2.bin": bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 100,  # damaged
            "word/embeddings/Drawing.vsdx.bin": b"not a known format",
            "word/embeddings/Microsoft_PowerPoint_Presentation.pptx": _pptx_bytes(),
        },
    )
    source = ExportFolderSource("docs", tmp_path)
    assert [t for t in source.list_tables() if "#embedded:" in t] == [
        "form.docx#embedded:word/embeddings/Drawing.vsdx.bin",
        "form.docx#embedded:word/embeddings/Microsoft_PowerPoint_Presentation.pptx",
        "form.docx#embedded:word/embeddings/oleObject1.bin",
        "form.docx#embedded:word/embeddings/oleObject2.bin",
    ]
    with pytest.raises(
        SourceError,
        match=r"oleObject1.bin': an embedded OLE object clinicscan cannot read "
        r"\(it holds 1Table, WordDocument\): not inspected — open the document and save the embedded object "
        r"as its own file, then scan it",
    ):
        source.describe("form.docx#embedded:word/embeddings/oleObject1.bin")
    with pytest.raises(
        SourceError, match=r"oleObject2.bin': an embedded (OLE )?object that cannot be opened"
    ):
        source.describe("form.docx#embedded:word/embeddings/oleObject2.bin")
    with pytest.raises(SourceError, match=r"an embedded file clinicscan cannot read \('.bin'\)"):
        source.describe("form.docx#embedded:word/embeddings/Drawing.vsdx.bin")
    with pytest.raises(SourceError, match=r"an embedded file clinicscan cannot read \('.pptx'\)"):
        source.describe("form.docx#embedded:word/embeddings/Microsoft_PowerPoint_Presentation.pptx")


def _zeros_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.csv", "a\n" + "0" * (8 << 20))
    return out.getvalue()


def test_a_bomb_embedded_in_a_document_in_an_archive_is_stopped_by_the_archive_limits(tmp_path: Path) -> None:
    form = dockit.add_members(
        dockit.write_docx(tmp_path / "form.docx", A, A), {"word/embeddings/x.zip": _zeros_zip()}
    )
    folder = tmp_path / "send"
    folder.mkdir()
    with zipfile.ZipFile(folder / "backup.zip", "w") as archive:
        archive.write(form, "letters/form.docx")
    source = ExportFolderSource("hosting", folder)
    tables = source.list_tables()
    assert "backup.zip/letters/form.docx#table1" in tables
    assert "backup.zip/letters/form.docx#embedded:word/embeddings/x.zip" in tables
    with pytest.raises(SourceError, match=r"'zeros.csv' expands more than 200 times.*possible archive bomb"):
        source.describe("backup.zip/letters/form.docx#embedded:word/embeddings/x.zip")
    assert A.rrn in _values(source, "backup.zip/letters/form.docx#table1")  # the document itself is read


def test_embedded_files_count_toward_the_member_limit_and_the_depth_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    many = {f"word/embeddings/m{i}.csv": b"a\n1\n" for i in range(5)}
    dockit.add_members(dockit.write_docx(tmp_path / "many.docx", A, A), many)
    inner = dockit.add_members(tmp_path / "inner.xlsx", {})
    inner.write_bytes(dockit.xlsx_bytes([B]))
    dockit.add_members(inner, {"xl/embeddings/deep.csv": csv_text(members(1)).encode()})
    folder = tmp_path / "f"
    folder.mkdir()
    dockit.add_members(
        dockit.write_docx(folder / "deep.docx", A, A), {"word/embeddings/inner.xlsx": inner.read_bytes()}
    )
    (folder / "many.docx").write_bytes((tmp_path / "many.docx").read_bytes())
    monkeypatch.setattr(archives, "MAX_ENTRIES", 3)
    monkeypatch.setattr(archives, "MAX_DEPTH", 1)
    source = ExportFolderSource("docs", folder)
    tables = source.list_tables()
    assert "many.docx#embedded" in tables
    with pytest.raises(SourceError, match=r"more than 3 members: not inspected, as a possible archive bomb"):
        source.describe("many.docx#embedded")
    assert "deep.docx#embedded:word/embeddings/inner.xlsx#환자명단" in tables
    assert B.rrn in _values(source, "deep.docx#embedded:word/embeddings/inner.xlsx#환자명단")
    deep = "deep.docx#embedded:word/embeddings/inner.xlsx#embedded:xl/embeddings/deep.csv"
    assert deep in tables
    with pytest.raises(
        SourceError, match="an embedded file nested more than 1 deep: not inspected — open the document"
    ):
        source.describe(deep)


FILE_NAMES = st.text(st.sampled_from("김민준명단환자abcXYZ019._- "), min_size=1, max_size=24)


@given(name=FILE_NAMES, data=st.binary(max_size=3000))
def test_a_packaged_file_comes_back_with_its_name_and_bytes(name: str, data: bytes) -> None:
    assert ole10_native_file(dockit.ole10_native(name, data)) == (name, data)


@given(st.binary(max_size=400))
def test_any_ole10native_stream_is_unpacked_without_raising(stream: bytes) -> None:
    name, data = ole10_native_file(stream)
    assert len(data) <= len(stream) and (name is None or "\0" not in name)
