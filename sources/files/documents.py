"""Office documents and text: PDF (pypdf, pdfplumber), DOCX (python-docx), text, Markdown, HTML and RTF.

Each is read into parts (see ``parts.py``): text per PDF page (``p.1``) and each table pdfplumber finds on
it (``p.1.table1``), a DOCX's paragraphs (``text``) and each of its tables as a table with its first row as
header (``table1``); a text file is one table of lines.
A page with no text layer (a scanned consent form) is read by OCR (``ocr.py``) when Tesseract is installed,
and listed as not inspected otherwise. The images on a page with text and the pictures inside a DOCX (a
scanned ID card pasted into a letter) are read by OCR too, each a part of its own (``pictures.py``). Files
embedded in a DOCX or attached to a PDF are files of their own, beside the document (``embedded.py``).
"""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser
from pathlib import Path

from sources.files import ocr
from sources.files.encoding import detect_encoding
from sources.files.parts import Part, grid_part, text_part, unreadable_part
from sources.files.pictures import member_picture_parts, pdf_picture_parts

for _noisy in ("pypdf", "pdfminer"):  # their warnings on odd files would reach the CLI output
    logging.getLogger(_noisy).setLevel(logging.ERROR)


def pdf_parts(path: Path) -> list[Part]:
    """Text, tables and images per page; a page that is only an image is read by OCR; encrypted: not read."""
    import pypdf

    reader = pypdf.PdfReader(path)
    if reader.is_encrypted and not reader.decrypt(""):  # an owner password alone still lets anyone read it
        return [unreadable_part("encrypted", "the PDF is encrypted with a password: not inspectable")]
    parts: list[Part] = []
    text_pages: list[int] = []
    scanned_pages: list[int] = []
    picture_pages: list[int] = []  # text and images: a scanned card placed on a typed page
    for number, page in enumerate(reader.pages, start=1):
        lines = (page.extract_text() or "").splitlines()
        if any(line.strip() for line in lines):
            parts.append(text_part(f"p.{number}", lines, "PDF page text"))
            text_pages.append(number)
            if _has_images(page):
                picture_pages.append(number)
        elif _has_images(page):
            scanned_pages.append(number)
    parts.extend(ocr.pdf_page_parts(path, scanned_pages))
    parts.extend(pdf_picture_parts(path, picture_pages))
    if text_pages:
        parts.extend(_pdf_tables(path, text_pages))
    return parts or [text_part("p.1", [], "PDF page text")]


def _pdf_tables(path: Path, pages: list[int]) -> list[Part]:
    """Each table pdfplumber finds on the pages with text, as ``p.N.tableM`` (first row = header).

    A page whose tables cannot be read is listed as not inspected: its text was read, its columns were not.
    """
    import pdfplumber

    parts: list[Part] = []
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pypdf read the text; pdfminer may still refuse the file
        problem = f"the PDF's tables could not be read ({type(exc).__name__}): not inspected"
        return [unreadable_part("tables", problem)]
    with pdf:
        for number in pages:
            try:
                tables = pdf.pages[number - 1].extract_tables()
            except Exception as exc:  # pdfminer raises many kinds on odd pages; the text part still stands
                problem = (
                    f"the tables on page {number} could not be read ({type(exc).__name__}): not inspected"
                )
                parts.append(unreadable_part(f"p.{number}.tables", problem))
                continue
            for index, table in enumerate(tables, start=1):
                grid = [[(cell or "").strip() or None for cell in row] for row in table]
                parts.append(grid_part(f"p.{number}.table{index}", grid, "PDF table cell"))
    return parts


def _has_images(page: object) -> bool:
    try:
        return bool(page.images)  # type: ignore[attr-defined]
    except Exception:  # an image pypdf cannot decode is still an image
        return True


def docx_parts(path: Path) -> list[Part]:
    """Paragraphs (body, headers, footers) as ``text``; each table as ``tableN``; pictures read by OCR."""
    import docx

    document = docx.Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    for section in document.sections:
        for area in (section.header, section.footer):
            paragraphs += [p.text for p in area.paragraphs]
    parts = [text_part("text", paragraphs, "DOCX paragraphs")]
    for number, table in enumerate(document.tables, start=1):
        grid = [[cell.text.strip() or None for cell in row.cells] for row in table.rows]
        parts.append(grid_part(f"table{number}", grid, "DOCX table cell"))
    return parts + member_picture_parts(path, "word/media/")


def text_file_parts(path: Path) -> list[Part]:
    """Read a plain-text or Markdown file as one table of its lines, in its detected encoding."""
    return [text_part("", path.read_text(encoding=detect_encoding(path)).splitlines(), "text line")]


class _HtmlText(HTMLParser):
    """Collect an HTML page's visible text, one line per block, and its tables as grids."""

    _BLOCKS = frozenset(
        {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "title", "td", "th"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.tables: list[list[list[str | None]]] = []
        self._skip = 0
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "table":
            self._depth += 1
            if self._depth == 1:
                self.tables.append([])
        elif tag == "tr" and self._depth == 1:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self._depth == 1 and self.tables[-1]:
            self.tables[-1][-1].append("")
        if tag in self._BLOCKS:
            self.lines.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag == "table":
            self._depth = max(0, self._depth - 1)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if not self._depth:  # table cells go to their table, not twice into the text
            self.lines[-1] += data
        elif self._depth == 1 and self.tables[-1] and self.tables[-1][-1]:
            self.tables[-1][-1][-1] = (self.tables[-1][-1][-1] or "") + data


def html_parts(path: Path) -> list[Part]:
    """Visible text (scripts and styles left out) as ``text``, and each top-level table as ``tableN``."""
    parser = _HtmlText()
    parser.feed(path.read_text(encoding=detect_encoding(path)))
    parser.close()
    parts = [text_part("text", parser.lines, "HTML text")]
    for number, grid in enumerate(parser.tables, start=1):
        cleaned = [[(cell or "").strip() or None for cell in row] for row in grid]
        parts.append(grid_part(f"table{number}", cleaned, "HTML table cell"))
    return parts


_RTF_CODEPAGE = re.compile(rb"\\ansicpg(\d+)")


def rtf_parts(path: Path) -> list[Part]:
    r"""Read an RTF file's text; ``\'hh`` escapes decoded in the code page it declares (949: Korean)."""
    from striprtf.striprtf import rtf_to_text

    raw = path.read_bytes()
    codepage = _RTF_CODEPAGE.search(raw[:4096])
    encoding = f"cp{codepage[1].decode()}" if codepage else "cp1252"
    text = rtf_to_text(raw.decode("latin-1"), encoding=encoding, errors="replace")
    return [text_part("", text.splitlines(), "RTF text")]
