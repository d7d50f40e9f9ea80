"""Pictures inside documents: a scanned ID card pasted into a Word consent form, a photo on a typed PDF page.

DOCX, XLSX and HWPX are zip files that keep each picture as a member (``word/media/``, ``xl/media/``,
``BinData/``), an HWP 5 file as a ``BinData`` stream; a PDF page draws image objects beside its text. Each
picture is read as an image file is (``images.picture_parts``): its text by OCR into the part
``image:word/media/image1.png`` (on a PDF page, ``p.2.image1``), and
``image:word/media/image1.png.patient_photo`` when it shows a face. Without Tesseract each picture is listed
as not inspected with the install line (exit 3), as an image file is.

Rules, so that nothing is skipped without a reason written here:

- a picture under ``images.ICON_SIDE`` (64) pixels on its longer side is not read (an icon, a bullet);
- a picture Pillow cannot decode (an EMF or WMF drawing, an SVG, a damaged file) is listed as not inspected;
  a member that is not a picture by its bytes or its name (an embedded OLE object, a font) is not this
  module's to read (``embedded.py`` reads embedded objects);
- a member over ``MAX_BYTES`` uncompressed is not inspected, as a possible zip bomb, and so is a PDF image
  over ``MAX_PIXELS`` (Pillow refuses larger images as decompression bombs);
- an image a PDF draws again (a letterhead logo on every page) is read once, where it first appears.

Cost: OCR takes about 0.25-0.55 s a picture on one core and the face rule about 20 ms, so a consent form with
two pasted cards takes about a second more than before; each picture has Tesseract's 60 s timeout. A
searchable scan (a text layer over each page's image) has its page images read too, at their own resolution
(about 2 s a 300 dpi A4 page): its text layer may be a scanner's poor OCR, and the image is what was sent.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from sources.files.images import ICON_SIDE, picture_parts
from sources.files.ocr import BY_EYE, OcrFailed, open_pdf
from sources.files.parts import Part, unreadable_part

if TYPE_CHECKING:
    import pypdfium2 as pdfium

PREFIX = "image:"
"""Starts the name of every part read from a picture member (a worksheet name cannot hold ``:``)."""
MAX_BYTES = 64 << 20
MAX_PIXELS = 2 * 89_478_485  # Pillow's decompression-bomb limit, for the images PDFium decodes
_RASTER_SUFFIXES = (".png", ".jpg", ".jpeg", ".jpe", ".bmp", ".dib", ".gif", ".tif", ".tiff", ".webp")
_OTHER_SUFFIXES = (".emf", ".wmf", ".emz", ".wmz", ".svg", ".eps", ".pict", ".heic")  # Pillow cannot decode
PICTURE_SUFFIXES = frozenset((*_RASTER_SUFFIXES, *_OTHER_SUFFIXES))
"""A member with one of these names is a picture even when Pillow cannot tell its bytes (a drawing, HEIC)."""
REPASTE = "check it by eye, or paste it into the document again as PNG or JPEG"


def member_picture_parts(path: Path, folder: str) -> list[Part]:
    """Read every picture below ``folder`` (``word/media/``) of the zip-based document at ``path``."""
    with zipfile.ZipFile(path) as archive:
        members = sorted(
            (info for info in archive.infolist() if info.filename.startswith(folder) and not info.is_dir()),
            key=lambda info: info.filename,
        )
        parts: list[Part] = []
        for info in members:
            if info.file_size > MAX_BYTES:
                parts.append(_too_big(info.filename))
                continue
            with archive.open(info) as member:
                parts += picture_data_parts(info.filename, member.read(MAX_BYTES + 1))  # the size may lie
    return parts


def xlsx_picture_parts(path: Path) -> list[Part]:
    """Read the pictures of an Excel workbook (``xl/media/``)."""
    return member_picture_parts(path, "xl/media/")


def picture_data_parts(shown: str, data: bytes) -> list[Part]:
    """Read the picture member ``shown`` (``BinData/BIN0001.jpg``) from its bytes, at most ``MAX_BYTES``."""
    from PIL import Image, UnidentifiedImageError

    name = PREFIX + shown
    if len(data) > MAX_BYTES:
        return [_too_big(shown)]
    try:
        with Image.open(io.BytesIO(data)) as picture:
            picture.load()  # an EMF or WMF opens (Pillow knows its header) but has no decoder off Windows
            return picture_parts(name, picture, shown)
    except UnidentifiedImageError:
        if PurePosixPath(shown).suffix.lower() not in PICTURE_SUFFIXES:
            return []  # not a picture: an embedded object or a font
        problem = f"the picture {shown} is in a format clinicscan cannot decode: not inspected"
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        problem = f"the picture {shown} could not be decoded ({exc}): not inspected"
    return [unreadable_part(name, problem, REPASTE)]


def _too_big(shown: str) -> Part:
    problem = f"the picture {shown} is over {MAX_BYTES >> 20} MB uncompressed: not inspected (a zip bomb?)"
    return unreadable_part(PREFIX + shown, problem, BY_EYE)


def pdf_picture_parts(path: Path, pages: list[int]) -> list[Part]:
    """Read the images drawn on ``pages`` (numbered from 1, pages with a text layer) as ``p.N.imageM``."""
    if not pages:
        return []
    import pypdfium2.raw as pdfium_c

    try:
        pdf = open_pdf(path, "the images on its pages")
    except OcrFailed as failed:
        return [failed.part("images")]
    parts: list[Part] = []
    seen: set[bytes] = set()  # the pictures read so far, by their pixels
    try:
        for number in pages:
            images = pdf[number - 1].get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,))
            for index, image in enumerate(images, start=1):
                parts += _pdf_image_parts(
                    image, f"p.{number}.image{index}", f"image {index} on page {number}", seen
                )
    finally:
        pdf.close()
    return parts


def _pdf_image_parts(image: pdfium.PdfImage, name: str, shown: str, seen: set[bytes]) -> list[Part]:
    """Read one image object of a PDF page, unless it is tiny or was read already (its pixels in ``seen``)."""
    import pypdfium2 as pdfium

    try:
        width, height = image.get_px_size()
        if max(width, height) < ICON_SIDE:
            return []
        if width * height > MAX_PIXELS:
            problem = f"{shown} is {width} x {height} pixels, too large to decode: not inspected"
            return [unreadable_part(name, problem, BY_EYE)]
        picture = image.get_bitmap(render=False).to_pil()
    except (pdfium.PdfiumError, KeyError, ValueError) as exc:  # KeyError: a bitmap format PIL has no mode for
        return [unreadable_part(name, f"{shown} could not be decoded ({exc}): not inspected", BY_EYE)]
    digest = hashlib.blake2b(f"{picture.mode} {picture.size}".encode() + picture.tobytes(), digest_size=16)
    if digest.digest() in seen:
        return []
    seen.add(digest.digest())
    return picture_parts(name, picture, shown)
