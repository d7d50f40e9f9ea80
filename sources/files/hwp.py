"""Hangul word processor documents: HWPX (zip of OWPML XML) and HWP 5 (OLE compound file, zlib records).

Korean public bodies and many clinics write consent forms and referral letters in Hancom Office. Both formats
are read from their published structure with permissive libraries only (zipfile, ElementTree, olefile, zlib;
no AGPL code such as pyhwp):

- **HWPX**: ``Contents/section0.xml``, ``section1.xml``...; each section's paragraphs (``hp:p``/``hp:t``) are
  the part ``sectionN``, each table (``hp:tbl``) the part ``tableN`` with its first row as header; each
  picture in ``BinData/`` is read by OCR (``pictures.py``, ``form.hwpx#image:BinData/image1.png``).
- **HWP 5**: the ``FileHeader`` stream says whether the body is compressed or encrypted; each
  ``BodyText/SectionN`` stream is a run of records, and every ``PARA_TEXT`` record is one paragraph (table
  cells included) in UTF-16 with inline control codes, which are dropped. A password-protected or distribution
  document is encrypted: listed as not inspectable. Each picture in the ``BinData`` storage (deflated like the
  body) is read by OCR (``form.hwp#image:BinData/BIN0001.jpg``).

In both, a ``BinData`` item that is not a picture (an OLE object, ``BIN0002.OLE``) is an embedded file, read
beside the document (``embedded.py``).
"""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sources.files.parts import Part, grid_part, text_part, unreadable_part
from sources.files.pictures import MAX_BYTES, member_picture_parts, picture_data_parts

if TYPE_CHECKING:
    import olefile

_SECTION = re.compile(r"Contents/section(\d+)\.xml$")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def hwpx_parts(path: Path) -> list[Part]:
    """Paragraphs per section, tables as tables, pictures read by OCR."""
    parts: list[Part] = []
    tables: list[Part] = []
    with zipfile.ZipFile(path) as archive:
        sections = sorted(
            (int(found[1]), name) for name in archive.namelist() if (found := _SECTION.search(name))
        )
        if not sections:
            raise ValueError("no Contents/section*.xml: not an HWPX document")
        for number, name in sections:
            root = ET.fromstring(archive.read(name))
            paragraphs: list[str] = []
            _walk(root, paragraphs, tables)
            parts.append(text_part(f"section{number + 1}", paragraphs, "HWPX paragraph"))
    for number, table in enumerate(tables, start=1):
        parts.append(Part(f"table{number}", table.columns, table.rows, declared=table.declared))
    return parts + member_picture_parts(path, "BinData/")


def _walk(element: ET.Element, paragraphs: list[str], tables: list[Part]) -> None:
    """Collect paragraphs outside tables into ``paragraphs`` and each table, as a grid, into ``tables``."""
    for child in element:
        kind = _local(child.tag)
        if kind == "tbl":
            grid = [
                [_text(cell).strip() or None for cell in row if _local(cell.tag) == "tc"]
                for row in child.iter()
                if _local(row.tag) == "tr"
            ]
            tables.append(grid_part("", grid, "HWPX table cell"))
        elif kind == "p":
            paragraphs.append(_paragraph_text(child))
            _walk(child, [], tables)  # tables anchored in a paragraph
        else:
            _walk(child, paragraphs, tables)


def _paragraph_text(paragraph: ET.Element) -> str:
    """Join the ``hp:t`` runs of one paragraph, leaving out those inside a table it anchors."""
    pieces: list[str] = []

    def visit(element: ET.Element) -> None:
        for child in element:
            kind = _local(child.tag)
            if kind == "tbl":
                continue
            if kind == "t":
                pieces.append("".join(child.itertext()))
            else:
                visit(child)

    visit(paragraph)
    return "".join(pieces)


def _text(element: ET.Element) -> str:
    return " ".join("".join(node.itertext()) for node in element.iter() if _local(node.tag) == "t")


# HWP 5 records (HWP 5.0 file format specification, Hancom, published for free use)
_TAG_PARA_TEXT = 0x10 + 51
_FLAG_COMPRESSED, _FLAG_PASSWORD, _FLAG_DISTRIBUTION = 0x1, 0x2, 0x4
_SIGNATURE = b"HWP Document File"
# Control characters: these occupy 8 UTF-16 units (the code, 12 bytes of data, the code again).
_WIDE_CONTROLS = frozenset({1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23})


def hwp5_parts(path: Path) -> list[Part]:
    """Paragraphs per body section and pictures by OCR; an encrypted document is one part not inspectable."""
    import olefile

    with olefile.OleFileIO(str(path)) as ole:
        flags = hwp5_flags(ole)
        if flags.encrypted:
            return [unreadable_part("encrypted", "the HWP document is password-protected: not inspectable")]
        sections = sorted(
            (int(entry[1][len("Section") :]), entry)
            for entry in ole.listdir()
            if len(entry) == 2 and entry[0] == "BodyText" and entry[1].startswith("Section")
        )
        parts: list[Part] = []
        for number, entry in sections:
            data = ole.openstream(entry).read()
            if flags.compressed:
                data = zlib.decompressobj(-15).decompress(data)
            parts.append(text_part(f"section{number + 1}", list(paragraphs(data)), "HWP paragraph"))
        parts = parts or [text_part("section1", [], "HWP paragraph")]
        for entry in sorted(e for e in ole.listdir() if len(e) == 2 and e[0] == "BinData"):
            data = ole.openstream(entry).read(MAX_BYTES + 1)
            if flags.compressed:
                data = _inflated(data)
            parts += picture_data_parts("/".join(entry), data)
    return parts


@dataclass(frozen=True)
class Hwp5Flags:
    """What an HWP 5 FileHeader says: whether the streams are deflated, whether the document is encrypted."""

    compressed: bool
    encrypted: bool


def hwp5_flags(ole: olefile.OleFileIO) -> Hwp5Flags:
    """Read the ``FileHeader`` stream; an OLE file without the HWP signature is not an HWP 5 document."""
    header = ole.openstream("FileHeader").read()
    if not header.startswith(_SIGNATURE):
        raise ValueError("no HWP 5 file header: not an HWP 5 document (an HWP 3 file? save it as HWPX)")
    (flags,) = struct.unpack_from("<I", header, 36)
    return Hwp5Flags(bool(flags & _FLAG_COMPRESSED), bool(flags & (_FLAG_PASSWORD | _FLAG_DISTRIBUTION)))


def _inflated(data: bytes) -> bytes:
    """Undo a BinData stream's deflate (at most MAX_BYTES + 1 bytes); a picture stored as is stays as is."""
    inflater = zlib.decompressobj(-15)
    try:
        out = inflater.decompress(data, MAX_BYTES + 1)
    except zlib.error:
        return data
    return out if inflater.eof or len(out) > MAX_BYTES else data


def paragraphs(records: bytes) -> list[str]:
    """Return the text of every PARA_TEXT record in a section's record stream."""
    found: list[str] = []
    position = 0
    while position + 4 <= len(records):
        (head,) = struct.unpack_from("<I", records, position)
        tag, size = head & 0x3FF, head >> 20
        position += 4
        if size == 0xFFF:
            (size,) = struct.unpack_from("<I", records, position)
            position += 4
        if tag == _TAG_PARA_TEXT:
            found.append(_para_text(records[position : position + size]))
        position += size
    return found


def _para_text(data: bytes) -> str:
    units = struct.unpack(f"<{len(data) // 2}H", data[: len(data) // 2 * 2])
    chars: list[str] = []
    index = 0
    while index < len(units):
        unit = units[index]
        if unit < 32:
            index += 8 if unit in _WIDE_CONTROLS else 1
            if unit in (9, 10):  # a tab or a line break inside the paragraph
                chars.append(" ")
            continue
        chars.append(chr(unit))
        index += 1
    return "".join(chars)
