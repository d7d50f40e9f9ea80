"""Synthetic documents holding Korean personal data, one per format, written by the tests themselves.

Every fixture carries a (fake, valid-checksum) resident registration number, a Hangul name and a phone, so a
test can assert that a scan finds them in each. Nothing here is a real person's data.
"""

from __future__ import annotations

import io
import itertools
import random
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tests.sources.dbkit import fake_rrn

if TYPE_CHECKING:
    from PIL import Image


@dataclass(frozen=True)
class Person:
    name: str
    rrn: str
    phone: str

    @property
    def sentence(self) -> str:
        return f"환자 {self.name}님(주민등록번호 {self.rrn}, 연락처 {self.phone})께서 쌍꺼풀 수술에 동의함."


def people(count: int, seed: int = 3) -> list[Person]:
    rng = random.Random(seed)
    names = ["김민준", "이서연", "박지호", "최수아", "정하준", "강지유", "조은우", "윤서윤"]
    return [
        Person(
            names[i % len(names)], fake_rrn(rng), f"010-{rng.randrange(10**4):04d}-{rng.randrange(10**4):04d}"
        )
        for i in range(count)
    ]


def write_pdf(path: Path, person: Person) -> Path:
    """One page with a consent sentence in a Korean CID font."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HYSMyeongJo-Medium"))
    page = canvas.Canvas(str(path), invariant=1)
    page.setFont("HYSMyeongJo-Medium", 11)
    page.drawString(40, 760, "수술 동의서")
    page.drawString(40, 740, person.sentence)
    page.showPage()
    page.save()
    return path


def write_pdf_table(path: Path, people: list[Person]) -> Path:
    """A patient list printed to PDF: a title line and a ruled table of name, RRN and phone."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("HYSMyeongJo-Medium"))
    style = getSampleStyleSheet()["Normal"].clone("ko", fontName="HYSMyeongJo-Medium")
    grid = [["성명", "주민등록번호", "연락처"], *([p.name, p.rrn, p.phone] for p in people)]
    table = Table(grid)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), "HYSMyeongJo-Medium"),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ]
        )
    )
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(
        [Paragraph("수술 예정 환자 명단", style), table]
    )
    return path


def write_docx(path: Path, person: Person, other: Person) -> Path:
    """A referral letter: the sentence in a paragraph, a table of patients, a header line."""
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "에이탑성형외과 진료의뢰서"
    document.add_paragraph("진료 의뢰 드립니다.")
    document.add_paragraph(person.sentence)
    table = document.add_table(rows=1, cols=3)
    for cell, title in zip(table.rows[0].cells, ("성명", "주민등록번호", "연락처"), strict=True):
        cell.text = title
    for row_person in (person, other):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = row_person.name, row_person.rrn, row_person.phone
    document.save(str(path))
    return path


def write_xls(path: Path, persons: list[Person]) -> Path:
    import datetime as dt

    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("환자명단")
    for column, title in enumerate(("성명", "주민등록번호", "휴대폰", "내원일")):
        sheet.write(0, column, title)
    dates = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for row, person in enumerate(persons, start=1):
        sheet.write(row, 0, person.name)
        sheet.write(row, 1, person.rrn)
        sheet.write(row, 2, person.phone)
        sheet.write(row, 3, dt.date(2026, 11, row), dates)
    book.save(str(path))
    return path


HP = "http://www.hancom.co.kr/hwpml/2011/paragraph"


def write_hwpx(path: Path, person: Person, other: Person) -> Path:
    """OWPML: a section with two paragraphs and a table anchored in the second."""

    def para(text: str, inner: str = "") -> str:
        return f"<hp:p><hp:run><hp:t>{text}</hp:t>{inner}</hp:run></hp:p>"

    def cell(text: str) -> str:
        return f"<hp:tc><hp:subList>{para(text)}</hp:subList></hp:tc>"

    rows = "".join(
        "<hp:tr>" + "".join(cell(v) for v in values) + "</hp:tr>"
        for values in (("성명", "주민등록번호"), (person.name, person.rrn), (other.name, other.rrn))
    )
    section = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" '
        f'xmlns:hp="{HP}">{para("상담 기록")}{para(person.sentence, f"<hp:tbl>{rows}</hp:tbl>")}</hs:sec>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/hwp+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr("version.xml", '<?xml version="1.0"?><hv:HCFVersion/>')
        archive.writestr("Contents/section0.xml", section)
    return path


def hwp_records(paragraphs: list[str]) -> bytes:
    """HWP 5 body records: one PARA_TEXT per paragraph, each with an extended control code to skip."""
    out = io.BytesIO()
    for text in paragraphs:
        control = [0x0B, 0x6C62, 0x7474, 0, 0, 0, 0, 0x0B]  # a table control: 8 units, dropped
        units = [*control, *(ord(c) for c in text), 0x0D]
        data = struct.pack(f"<{len(units)}H", *units)
        out.write(struct.pack("<I", 67 | (1 << 10) | (len(data) << 20)))
        out.write(data)
    return out.getvalue()


def write_hwp5(
    path: Path, paragraphs: list[str], encrypted: bool = False, pictures: dict[str, bytes] | None = None
) -> Path:
    """An HWP 5 compound file (FileHeader, BodyText/Section0, BinData/*), written by a minimal OLE writer."""
    flags = 0x1 | (0x2 if encrypted else 0)
    header = b"HWP Document File".ljust(32, b"\0") + struct.pack("<II", 0x05000300, flags)
    streams = {"FileHeader": header, "BodyText/Section0": _deflated(hwp_records(paragraphs))}
    streams |= {f"BinData/{name}": _deflated(data) for name, data in (pictures or {}).items()}
    path.write_bytes(compound_file(streams))
    return path


def _deflated(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


_END, _FREE, _FAT_SECTOR, _NONE = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


@dataclass
class _Entry:
    name: str
    kind: int  # 5 root, 1 storage, 2 stream
    data: bytes = b""
    children: list[int] = field(default_factory=list)
    right: int = _NONE
    start: int = _END


def compound_file(streams: dict[str, bytes]) -> bytes:
    """Write an OLE compound file (version 3) holding ``streams`` at most one storage deep.

    Every stream is padded to 4,096 bytes so that none goes into the mini stream (readers ignore the padding:
    the HWP header is fixed-size and the body is a deflate stream that ends by itself).
    """
    entries = [_Entry("Root Entry", 5)]
    storages: dict[str, int] = {}
    for full, content in streams.items():
        parent = 0
        if "/" in full:
            storage = full.split("/")[0]
            if storage not in storages:
                storages[storage] = len(entries)
                entries[0].children.append(len(entries))
                entries.append(_Entry(storage, 1))
            parent = storages[storage]
        entries[parent].children.append(len(entries))
        entries.append(
            _Entry(full.split("/")[-1], 2, content.ljust(max(4096, -(-len(content) // 512) * 512), b"\0"))
        )
    directory_sectors = -(-len(entries) * 128 // 512)
    fat = [_FAT_SECTOR, *range(2, 1 + directory_sectors), _END]
    next_sector = 1 + directory_sectors
    for entry in entries:
        if entry.kind == 2:
            count = len(entry.data) // 512
            entry.start = next_sector
            fat += [*range(next_sector + 1, next_sector + count), _END]
            next_sector += count
    assert len(fat) <= 128, "one FAT sector is enough for a test fixture"
    for entry in entries:  # children as a chain of right siblings, in the order the format sorts names
        ordered = sorted(entry.children, key=lambda i: (len(entries[i].name), entries[i].name.upper()))
        for left, right in itertools.pairwise(ordered):
            entries[left].right = right
    directory = b"".join(_directory_entry(e, entries) for e in entries).ljust(directory_sectors * 512, b"\0")
    head = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
        + struct.pack("<109I", 0, *([_FREE] * 108))
    )
    fat_sector = struct.pack("<128I", *(fat + [_FREE] * (128 - len(fat))))
    return head + fat_sector + directory + b"".join(e.data for e in entries if e.kind == 2)


def _directory_entry(entry: _Entry, entries: list[_Entry]) -> bytes:
    name = entry.name.encode("utf-16-le") + b"\0\0"
    child = min(entry.children, key=lambda i: (len(entries[i].name), entries[i].name.upper()), default=_NONE)
    return (
        name.ljust(64, b"\0")
        + struct.pack("<HBB", len(name), entry.kind, 1)
        + struct.pack("<III", _NONE, entry.right, child)
        + b"\0" * 36  # class id, state bits, creation and modification times
        + struct.pack("<IQ", entry.start, len(entry.data))
    )


def write_rtf(path: Path, person: Person) -> Path:
    """RTF as Korean Word saves it: code page 949, Hangul as ``\\'hh`` byte escapes."""
    escaped = "".join(f"\\'{b:02x}" for b in person.sentence.encode("cp949"))
    path.write_text(
        "{\\rtf1\\ansi\\ansicpg949\\deff0{\\fonttbl{\\f0 Gulim;}}\\f0 " + escaped + "\\par}", "ascii"
    )
    return path


def write_html(path: Path, person: Person, other: Person) -> Path:
    html = (
        "<html><head><title>상담 신청</title><script>var rrn='000000-0000000';</script></head><body>"
        f"<p>{person.sentence}</p><table><tr><th>이름</th><th>주민등록번호</th></tr>"
        f"<tr><td>{other.name}</td><td>{other.rrn}</td></tr></table></body></html>"
    )
    path.write_text(html, encoding="utf-8")
    return path


def write_photo(
    path: Path, gps: bool = True, serial: str | None = None, picture: Image.Image | None = None
) -> Path:
    """A JPEG as a phone saves it: device, capture time and (optionally) the GPS position in EXIF.

    ``picture`` is what the photo shows (``photokit``); by default a small patch of skin tone, no face.
    """
    from PIL import Image

    exif = Image.Exif()
    exif[271], exif[272], exif[306] = "Apple", "iPhone 15 Pro", "2026:11:02 14:03:11"
    exif.get_ifd(0x8769)[36867] = "2026:11:02 14:03:11"
    if serial:
        exif.get_ifd(0x8769)[0xA431] = serial
    if gps:  # Gangnam-gu, Seoul
        exif.get_ifd(0x8825).update({1: "N", 2: (37.0, 31.0, 1.2), 3: "E", 4: (127.0, 1.0, 40.8)})
    path.parent.mkdir(parents=True, exist_ok=True)
    (picture or Image.new("RGB", (48, 32), (230, 200, 190))).save(path, exif=exif)
    return path


def cjk_font() -> str | None:
    """The Noto Sans CJK file (``make browser`` installs fonts-noto-cjk), or None when it is missing."""
    import subprocess

    try:
        listed = subprocess.run(["fc-list", ":lang=ko", "file"], capture_output=True, text=True, check=False)
    except OSError:
        return None
    files = sorted(line.rstrip(": ") for line in listed.stdout.splitlines() if "NotoSansCJK-Regular" in line)
    return files[0] if files else None


def _draw_lines(size: tuple[int, int], lines: list[tuple[int, int, int, str]], fill: int) -> Image.Image:
    """A grey image with each (x, y, font size, text) drawn in Noto Sans CJK KR (face 1 of the collection)."""
    from PIL import Image, ImageDraw, ImageFont

    font = cjk_font()
    assert font is not None, "no Noto CJK font: install fonts-noto-cjk (make browser does)"
    image = Image.new("L", size, fill)
    draw = ImageDraw.Draw(image)
    for x, y, points, text in lines:
        draw.text((x, y), text, font=ImageFont.truetype(font, points, index=1), fill=0)
    return image


def write_id_card(path: Path, person: Person) -> Path:
    """A resident registration card photographed flat (85.6 x 54 mm at 300 dpi): name, RRN, address."""
    id_card(person).save(path)
    return path


def id_card(person: Person) -> Image.Image:
    """The picture of ``write_id_card``, to paste into a document."""
    card = _draw_lines(
        (1011, 638),
        [
            (60, 50, 60, "주민등록증"),
            (60, 170, 52, f"{person.name}"),
            (60, 260, 52, person.rrn),
            (60, 360, 34, "서울특별시 강남구 테헤란로 123"),
            (420, 540, 30, "2020. 3. 15. 서울특별시 강남구청장"),
        ],
        fill=238,
    )
    card.paste(200, (700, 150, 940, 450))  # the photo
    return card


def write_scanned_consent(path: Path, person: Person, dpi: int = 150) -> Path:
    """A signed A4 consent form scanned to an image-only PDF page (Pillow writes the PDF)."""
    pt = dpi / 72
    body = [
        f"환자 성명: {person.name}",
        f"주민등록번호: {person.rrn}",
        f"연락처: {person.phone}",
        "본인은 쌍꺼풀 수술의 목적, 방법, 예상되는 합병증에 대하여",
        "충분한 설명을 들었으며 수술에 동의합니다.",
        "2026년 11월 2일",
    ]
    lines = [(round(200 * pt), round(60 * pt), round(22 * pt), "수술 동의서")]
    lines += [
        (round(60 * pt), round((110 + 22 * i) * pt), round(11 * pt), text) for i, text in enumerate(body)
    ]
    page = _draw_lines((round(8.27 * dpi), round(11.69 * dpi)), lines, fill=255)
    page.save(path, "PDF", resolution=dpi)
    return path


def png_bytes(picture: Image.Image) -> bytes:
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def write_docx_with_pictures(path: Path, pictures: list[Image.Image]) -> Path:
    """A consent form in Word with pictures pasted in (a scanned ID card, a photo), as a clinic's staff do."""
    import docx
    from docx.shared import Cm

    document = docx.Document()
    document.add_paragraph("수술 동의서 첨부: 신분증 사본")  # the typed text holds no personal data
    for picture in pictures:
        document.add_picture(io.BytesIO(png_bytes(picture)), width=Cm(8.56))
    document.save(str(path))
    return path


def write_pdf_with_picture(path: Path, picture: Image.Image) -> Path:
    """A typed PDF page (a CID font text layer) with a scanned ID card placed on it, and a small logo."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HYSMyeongJo-Medium"))
    page = canvas.Canvas(str(path), invariant=1)
    page.setFont("HYSMyeongJo-Medium", 11)
    page.drawString(40, 760, "수술 동의서 첨부: 신분증 사본")
    page.drawImage(ImageReader(Image.new("RGB", (40, 40), (200, 30, 60))), 500, 750, 30, 30)  # the logo
    page.drawImage(ImageReader(picture), 40, 420, 243, 153)  # 85.6 x 54 mm
    page.showPage()
    page.save()
    return path


def fake_tesseract(folder: Path, languages: str, body: str) -> Path:
    """A ``tesseract`` script in ``folder/bin`` that lists ``languages`` and runs ``body`` on an image."""
    fake = folder / "bin" / "tesseract"
    fake.parent.mkdir(parents=True)
    fake.write_text(
        f'#!/bin/sh\ncase "$*" in *--list-langs*) printf "List of available languages:\\n{languages}";;\n'
        f"*) cat >/dev/null; {body};; esac\n"
    )
    fake.chmod(0o755)
    return fake.parent


def add_members(path: Path, members: dict[str, bytes]) -> Path:
    """Add members to a zip-based document (DOCX, XLSX, HWPX): a picture, an embedded object."""
    with zipfile.ZipFile(path, "a") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def xlsx_bytes(persons: list[Person], title: str = "환자명단") -> bytes:
    """A patient list as an Excel workbook: name, RRN, phone."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = title
    book.active.append(["성명", "주민등록번호", "연락처"])
    for person in persons:
        book.active.append([person.name, person.rrn, person.phone])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def packaged_object(filename: str, data: bytes) -> bytes:
    """An OLE object as Windows' Packager writes it: an ``\\x01Ole10Native`` stream holding a named file."""
    return compound_file({"\x01Ole10Native": ole10_native(filename, data)})


def ole10_native(filename: str, data: bytes) -> bytes:
    """The ``\\x01Ole10Native`` stream of a Packager object: size, type, label, paths, then the file."""
    name = filename.encode("cp949") + b"\0"
    source = f"C:\\Users\\staff\\Desktop\\{filename}".encode("cp949") + b"\0"
    body = (
        struct.pack("<H", 2)
        + name
        + source
        + struct.pack("<I", 0x30000)
        + struct.pack("<I", len(source))
        + source
        + struct.pack("<I", len(data))
        + data
    )
    return struct.pack("<I", len(body)) + body
