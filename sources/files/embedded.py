r"""Files embedded in documents: an Excel patient list inside a Word consent form, a PDF's attached files.

Office and Hancom documents keep what was inserted as an object as a member or stream of their own
(``word/embeddings/``, ``xl/embeddings/``, an HWPX's or HWP 5's ``BinData/*.OLE``), and a PDF keeps attached
files in its ``/EmbeddedFiles`` name tree or in file-attachment annotations. Each is extracted like an archive
member, with the same limits (``archives.Budget``), and read as a file of its own, named after the document:
``form.docx#embedded:word/embeddings/Microsoft_Excel_Worksheet.xlsx#Sheet1``,
``letter.pdf#embedded:list.csv``, ``letter.pdf#embedded:p.2/list.csv`` (an attachment annotation on page 2).

An OLE object (``oleObject1.bin``, an HWP ``.OLE`` stream) is opened with olefile: a packaged file
(``\x01Ole10Native``, shown as ``oleObject1.bin/list.csv``), an OOXML ``Package`` stream or a ``CONTENTS``
stream (a PDF) is read as the file it holds; an embedded Excel 97-2003 workbook (a ``Workbook`` stream) as an
``.xls``. Any other object, and any embedded file in a format clinicscan does not read, is listed as not
inspected with what to do (``SAVE_APART``): nothing embedded is skipped without saying so.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import IO, cast

from sources.files.archives import ArchiveLimitError, Budget, Member, clean, copy_limited, zip_members
from sources.files.pictures import PICTURE_SUFFIXES

MARK = "#embedded:"
"""Joins a document's name and the path of a file embedded in it (a worksheet name cannot hold ``:``)."""
SAVE_APART = "open the document and save the embedded object as its own file, then scan it"
_ZIP_FOLDERS = {".docx": "word/embeddings/", ".xlsx": "xl/embeddings/", ".xlsm": "xl/embeddings/"}
DOCUMENT_SUFFIXES = (*_ZIP_FOLDERS, ".hwpx", ".hwp", ".pdf")
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ZIP_KINDS = {"word/document.xml": ".docx", "xl/workbook.xml": ".xlsx", "Contents/section0.xml": ".hwpx"}


def may_embed(name: str) -> bool:
    """Tell whether a file of this name can hold embedded files clinicscan looks for."""
    return name.lower().endswith(DOCUMENT_SUFFIXES)


def extract(document: Path, name: str, into: Path, budget: Budget) -> list[Member]:
    """Extract the files embedded in ``document`` (shown as ``name``) below ``into``; none for most documents.

    A document that cannot be opened yields nothing here: its own reader reports it as unreadable.
    """
    suffix = document.suffix.lower()
    try:
        if suffix == ".pdf":
            raw = list(_pdf(document, name, into, budget))
        elif suffix == ".hwp":
            raw = list(_hwp5(document, name, into, budget))
        else:
            raw = list(zip_members(document, name + MARK, into, budget, _zip_filter(suffix)))
    except ArchiveLimitError as exc:
        return [Member(name + MARK.rstrip(":"), None, f"{exc}: not inspected, as a possible archive bomb")]
    except Exception as exc:  # each library raises its own kinds on a broken document
        if not _opens(document):
            return []  # the document's own reader lists it as unreadable
        problem = f"its embedded files could not be listed ({type(exc).__name__}: {exc}): not inspected"
        return [Member(name + MARK.rstrip(":"), None, problem, SAVE_APART)]
    return [_resolved(member, budget) for member in raw]


def _resolved(member: Member, budget: Budget) -> Member:
    """Resolve one member; what goes wrong with it is that member's problem, not the document's."""
    try:
        return _resolve(member, budget)
    except ArchiveLimitError as exc:
        return Member(member.name, None, f"{exc}: not inspected, as a possible archive bomb")
    except Exception as exc:  # olefile and the parsers below raise many kinds on a damaged object
        problem = f"an embedded object that cannot be opened ({type(exc).__name__}: {exc}): not inspected"
        return Member(member.name, None, problem, SAVE_APART)


def _opens(document: Path) -> bool:
    """Tell whether the document opens at all (a broken one is its reader's to report, not this module's)."""
    import zipfile

    import olefile
    import pypdf

    try:
        if document.suffix.lower() == ".pdf":
            pypdf.PdfReader(document)
        elif document.suffix.lower() == ".hwp":
            olefile.OleFileIO(str(document)).close()
        else:
            zipfile.ZipFile(document).close()
    except Exception:  # whatever the library raises on a file it cannot open
        return False
    return True


def _zip_filter(suffix: str) -> Callable[[str], bool]:
    if suffix == ".hwpx":  # pictures share BinData with objects; pictures.py reads the pictures
        return lambda member: member.startswith("BinData/") and not _is_picture(member)
    folder = _ZIP_FOLDERS[suffix]
    return lambda member: member.startswith(folder)


def _is_picture(member: str) -> bool:
    return PurePosixPath(member).suffix.lower() in PICTURE_SUFFIXES


def _write(data: bytes, target: Path, budget: Budget) -> Path:
    budget.admit(len(data))
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    target.write_bytes(data)
    return target


def _hwp5(document: Path, name: str, into: Path, budget: Budget) -> Iterator[Member]:
    """Each ``BinData`` stream that is not a picture: an OLE object (``BIN0002.OLE``) or an attached file."""
    import olefile

    from sources.files.hwp import hwp5_flags

    with olefile.OleFileIO(str(document)) as ole:
        flags = hwp5_flags(ole)
        if flags.encrypted:
            return
        entries = [e for e in ole.listdir() if len(e) == 2 and e[0] == "BinData" and not _is_picture(e[1])]
        for number, entry in enumerate(sorted(entries)):
            data = ole.openstream(entry).read()
            target = into / str(number) / clean(entry[1])
            budget.admit(0)  # copy_limited counts the bytes as it writes them
            target.parent.mkdir(mode=0o700, parents=True)
            deflated = flags.compressed and _deflated(data)
            source = cast("IO[bytes]", _RawDeflate(data)) if deflated else io.BytesIO(data)
            copy_limited(source, target, len(data), budget, declared=None)
            yield Member(f"{name}{MARK}{'/'.join(entry)}", target)


def _deflated(data: bytes) -> bool:
    """Tell whether a BinData stream is deflated (the header's flag allows items stored as they are)."""
    try:
        zlib.decompressobj(-15).decompress(data[:4096], 1)
    except zlib.error:
        return False
    return True


class _RawDeflate(io.RawIOBase):
    """Read a raw deflate stream in chunks, so that ``copy_limited`` checks the limits as it grows."""

    def __init__(self, data: bytes) -> None:
        self._inflater = zlib.decompressobj(-15)
        self._pending = data

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        chunk = 1 << 20 if size is None or size <= 0 else size
        while not self._inflater.eof and (self._pending or self._inflater.unconsumed_tail):
            source = self._inflater.unconsumed_tail or self._pending
            self._pending = b""
            out = self._inflater.decompress(source, chunk)
            if out:
                return out
        return b""


def _pdf(document: Path, name: str, into: Path, budget: Budget) -> Iterator[Member]:
    """Extract the ``/EmbeddedFiles`` name tree (pypdf's attachments), then the attachment annotations."""
    import pypdf

    reader = pypdf.PdfReader(document)
    if reader.is_encrypted and not reader.decrypt(""):
        return  # pdf_parts lists the PDF as encrypted
    found: list[tuple[str, object]] = [(entry.name, entry) for entry in reader.attachment_list]
    for page_number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/FileAttachment" or "/FS" not in annotation:
                continue
            spec = annotation["/FS"].get_object()
            shown = str(spec.get("/UF") or spec.get("/F") or "attachment")
            found.append((f"p.{page_number}/{shown}", spec))
    for number, (shown, holder) in enumerate(found):
        member = f"{name}{MARK}{clean(shown)}"
        try:
            data = _pdf_file_data(holder)
        except ArchiveLimitError:
            raise
        except Exception as exc:  # a broken stream, or one over pypdf's own decompression limit
            yield Member(
                member, None, f"the attached file could not be read ({exc}): not inspected", SAVE_APART
            )
            continue
        yield Member(member, _write(data, into / str(number) / PurePosixPath(clean(shown)).name, budget))


def _pdf_file_data(holder: object) -> bytes:
    from pypdf.generic import EmbeddedFile

    if isinstance(holder, EmbeddedFile):
        return holder.content
    return holder["/EF"]["/F"].get_object().get_data()  # type: ignore[index]


def _resolve(member: Member, budget: Budget, packaged_in_ole: bool = False) -> Member:
    """Make an extracted member a file clinicscan reads by its suffix, or a member not inspected with why.

    ``packaged_in_ole``: the file came out of an OLE object's package, and one more package is not opened.
    """
    from sources.files import FORMATS
    from sources.files.archives import is_archive

    if member.path is None:
        return member
    with member.path.open("rb") as opened:
        head = opened.read(16)
    if head[4:12] == OLE_MAGIC:  # an HWP .OLE stream: the object's size, then the compound file
        member.path.write_bytes(member.path.read_bytes()[4:])
        head = head[4:]
    if head.startswith(OLE_MAGIC):
        return _ole(member, budget, packaged_in_ole)
    suffix = member.path.suffix.lower()
    if suffix in FORMATS or is_archive(member.path.name):
        return member
    sniffed = _sniff(member.path, head)
    if sniffed is not None:
        return Member(member.name, member.path.rename(member.path.with_name(member.path.name + sniffed)))
    problem = f"an embedded file clinicscan cannot read ('{suffix or 'no suffix'}'): not inspected"
    return Member(member.name, None, problem, SAVE_APART)


def _sniff(path: Path, head: bytes) -> str | None:
    """Tell a readable file's suffix by its first bytes (a ``Package`` stream has no name)."""
    import zipfile

    if head.startswith(b"%PDF"):
        return ".pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        kind = next((kind for marker, kind in _ZIP_KINDS.items() if marker in names), None)
        return kind or (None if "[Content_Types].xml" in names else ".zip")  # a PPTX: not read, not a backup
    if head.startswith(b"\x89PNG"):
        return ".png"
    if head.startswith(b"\xff\xd8\xff"):
        return ".jpg"
    return None


def _ole(member: Member, budget: Budget, packaged_in_ole: bool) -> Member:
    """Read what an OLE object holds: a packaged file, an OOXML package, a PDF, an Excel 97-2003 workbook."""
    import olefile

    assert member.path is not None
    try:
        with olefile.OleFileIO(str(member.path)) as ole:
            streams = {"/".join(entry).lower(): entry for entry in ole.listdir()}
            suffix = _compound_suffix(streams)
            packaged = None if suffix or packaged_in_ole else _packaged(ole, streams)
    except OSError as exc:  # olefile raises OSError on a damaged compound file
        problem = f"an embedded OLE object that cannot be opened ({exc}): not inspected"
        return Member(member.name, None, problem, SAVE_APART)
    if suffix is not None:  # the compound file is itself a document clinicscan reads as it is
        return Member(member.name, member.path.rename(member.path.with_name(member.path.name + suffix)))
    if packaged is None:
        kinds = sorted("/".join(entry).strip("\x01\x05") for entry in streams.values())
        shown = ", ".join(kinds[:6]) + (", ..." if len(kinds) > 6 else "") if kinds else "no streams"
        problem = f"an embedded OLE object clinicscan cannot read (it holds {shown}): not inspected"
        return Member(member.name, None, problem, SAVE_APART)
    filename, data = packaged
    shown = f"{member.name}/{clean(filename)}" if filename else member.name
    folder = member.path.with_name(member.path.name + ".d")
    return _resolve(Member(shown, _write(data, folder / clean(filename or "contents"), budget)), budget, True)


def _compound_suffix(streams: dict[str, tuple[str, ...]]) -> str | None:
    """Return the suffix of a compound file clinicscan reads as it is: an Excel 97-2003 workbook, an HWP 5."""
    if "workbook" in streams or "book" in streams:  # xlrd finds the Workbook stream among the others
        return ".xls"
    if "fileheader" in streams and any(name.startswith("bodytext/") for name in streams):
        return ".hwp"
    return None


def _packaged(ole: object, streams: dict[str, tuple[str, ...]]) -> tuple[str | None, bytes] | None:
    """Return the file an OLE object wraps, with its name when it has one; None when it wraps no file."""
    if "\x01ole10native" in streams:
        return ole10_native_file(ole.openstream(streams["\x01ole10native"]).read())  # type: ignore[attr-defined]
    for stream in ("package", "contents"):
        if stream in streams:
            return None, ole.openstream(streams[stream]).read()  # type: ignore[attr-defined]
    return None


def ole10_native_file(stream: bytes) -> tuple[str | None, bytes]:
    r"""Unpack an ``\x01Ole10Native`` stream: a Packager object's label, paths and data, or bare data."""
    import struct

    try:
        (total,) = struct.unpack_from("<I", stream, 0)
    except struct.error:
        return None, b""
    try:
        position = 6  # the total size, then a 2-byte type
        label, position = _c_string(stream, position)
        _source, position = _c_string(stream, position)
        position += 4  # reserved
        (temp_length,) = struct.unpack_from("<I", stream, position)
        position += 4 + temp_length
        (size,) = struct.unpack_from("<I", stream, position)
        position += 4
        if position + size > len(stream):
            raise ValueError("a packaged file larger than its stream")
        return label.decode("cp949", errors="replace") or None, stream[position : position + size]
    except (struct.error, ValueError):
        return None, stream[4 : 4 + total]  # not a Packager object: the native data of another program


def _c_string(data: bytes, start: int) -> tuple[bytes, int]:
    end = data.index(b"\0", start)
    return data[start:end], end + 1
