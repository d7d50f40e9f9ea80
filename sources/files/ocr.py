"""OCR with Tesseract (``kor+eng``): the text of an image file or of a scanned PDF page, as a text part.

A scanned ID card or a signed consent form holds the same resident number as a database row, so its text
goes through the same detectors as a free-text column: one row per line, in a part named for where it was
(``id_card.jpg#text``, ``consent.pdf#p.2``, ``form.docx#image:word/media/image1.png``). Tesseract is an
optional system program (Debian's ``tesseract-ocr`` and ``tesseract-ocr-kor``; ``make ocr``, which
``make test`` runs, installs them): without it, or without its Korean model, the part is listed as not
inspected with the install line as its advice, never passed as clean.

Cost: about 0.25-0.55 s an image or page on one core; an image is shrunk to ``MAX_SIDE`` first and each run
is stopped after ``TIMEOUT_SECONDS``.

The binary is run directly rather than through pytesseract: it must run with ``OMP_THREAD_LIMIT=1``
(Tesseract's OpenMP threads made it four times slower on a busy two-core machine, 1.6 s against 0.4 s an A4
page), an environment pytesseract cannot pass to its subprocess without changing the whole process's.
"""

from __future__ import annotations

import io
import math
import os
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sources.files.parts import Part, text_part, unreadable_part

if TYPE_CHECKING:
    import pypdfium2 as pdfium
    from PIL import Image

LANGUAGES = "kor+eng"
TIMEOUT_SECONDS = 60
PAGE_SEGMENTATION = "4"  # one column of lines of varying size: the default (3) dropped whole lines of forms
PDF_DPI = 200  # an A4 page is then 1654 x 2339 pixels, a 10-point line about 28 pixels high
MAX_SIDE = 4000  # a 48-megapixel photo is shrunk to this: Tesseract's time grows with the pixels
MIN_SIDE = 1200  # a small phone shot is enlarged to this (at most 4x): Tesseract misreads small glyphs
DECLARED = "OCR text"
INSTALL = (
    "install Tesseract with its Korean model (apt-get install tesseract-ocr tesseract-ocr-kor, or make ocr "
    "in a clinicscan checkout) and scan again, or check it by eye"
)
BY_EYE = "check it by eye"


def unavailable() -> str | None:
    """Say why Tesseract cannot read Korean here (not installed, no Korean model), or None when it can.

    The reason ends in "not inspected"; what to do about it is ``INSTALL``.
    """
    binary = shutil.which("tesseract")
    if binary is None:
        return "Tesseract is not installed, so its text was not read: not inspected"
    missing = [lang for lang in LANGUAGES.split("+") if lang not in _languages(binary)]
    if missing:
        models = ", ".join(missing)
        return f"Tesseract has no model for {models}, so its text was not read: not inspected"
    return None


def image_file_part(path: Path, name: str = "text") -> Part:
    """Read the text of an image file (every frame of a multi-page TIFF) into the part ``name``."""
    from PIL import Image

    problem = unavailable()
    if problem is not None:  # the file is not even opened
        return unreadable_part(name, problem, INSTALL)
    with Image.open(path) as image:
        return picture_part(name, image, "the image")


def picture_part(name: str, image: Image.Image, what: str) -> Part:
    """Read the text of an image (every frame) into the part ``name``; ``what`` names it in errors.

    Without a usable Tesseract the part is not inspected, with the install line as its advice.
    """
    from PIL import ImageSequence

    problem = unavailable()
    if problem is not None:
        return unreadable_part(name, problem, INSTALL)
    lines: list[str] = []
    try:
        for frame in ImageSequence.Iterator(image):
            lines += read_image(frame, what)
    except OcrFailed as failed:
        return failed.part(name)
    return text_part(name, lines, DECLARED)


def pdf_page_parts(path: Path, pages: list[int]) -> list[Part]:
    """Render each page (numbered from 1) with PDFium and read its text into the part ``p.N``."""
    problem = unavailable()
    if problem is not None:
        return [
            unreadable_part(f"p.{n}", f"page {n} is an image with no text; {problem}", INSTALL) for n in pages
        ]
    if not pages:
        return []
    try:
        pdf = open_pdf(path, "its scanned pages")
    except OcrFailed as failed:
        reason = failed.problem
        return [
            unreadable_part(f"p.{n}", f"page {n} is an image with no text; {reason}", BY_EYE) for n in pages
        ]
    parts: list[Part] = []
    try:
        for number in pages:
            page = pdf[number - 1]
            scale = min(PDF_DPI / 72, MAX_SIDE / max(page.get_size()))
            image = page.render(scale=scale, grayscale=True).to_pil()
            try:
                lines = read_image(image, f"page {number}", dpi=round(scale * 72))
            except OcrFailed as failed:
                parts.append(failed.part(f"p.{number}"))
                continue
            parts.append(text_part(f"p.{number}", lines, DECLARED))
    finally:
        pdf.close()
    return parts


def open_pdf(path: Path, what: str) -> pdfium.PdfDocument:
    """Open the PDF with PDFium to read ``what`` (its scanned pages, the images on its pages).

    Raises:
        OcrFailed: PDFium refused the file; the message says so.

    """
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise OcrFailed(
            f"PDFium could not open the PDF to read {what} ({exc}): not inspected", BY_EYE
        ) from None


class OcrFailed(Exception):
    """Tesseract could not read an image: ``problem`` is the line the report shows, ``advice`` what to do."""

    def __init__(self, problem: str, advice: str) -> None:
        super().__init__(f"{problem}; {advice}")
        self.problem = problem
        self.advice = advice

    def part(self, name: str) -> Part:
        """Make the part ``name``, not inspected for this reason."""
        return unreadable_part(name, self.problem, self.advice)


def read_image(image: Image.Image, what: str, dpi: int | None = None) -> list[str]:
    """Return the lines Tesseract reads in ``image`` (``what`` names it in errors).

    Raises:
        OcrFailed: Tesseract is missing, failed or took too long; the message says so and what to do.

    """
    binary = shutil.which("tesseract")
    if binary is None:
        raise OcrFailed(f"Tesseract is not installed: {what} was not read: not inspected", INSTALL)
    pixels = io.BytesIO()
    prepare(image).save(pixels, format="PPM")  # uncompressed: nothing to encode or decode
    command = [binary, "stdin", "stdout", "-l", LANGUAGES, "--psm", PAGE_SEGMENTATION]
    if dpi:
        command += ["--dpi", str(dpi)]
    try:
        done = subprocess.run(
            command,
            input=pixels.getvalue(),
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise OcrFailed(f"Tesseract took over {TIMEOUT_SECONDS} s on {what}: not inspected", BY_EYE) from None
    except OSError as exc:
        raise OcrFailed(
            f"Tesseract could not be run on {what} ({exc.strerror}): not inspected", INSTALL
        ) from None
    if done.returncode != 0:
        said = _last_line(done.stderr) or f"exit status {done.returncode}"
        raise OcrFailed(f"Tesseract could not read {what} ({said}): not inspected", BY_EYE)
    return done.stdout.decode("utf-8", errors="replace").splitlines()


def prepare(image: Image.Image) -> Image.Image:
    """Return the image in grey on white, shrunk when huge and enlarged when small, for Tesseract."""
    from PIL import Image

    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")  # transparent pixels are often black: put them on white paper first
        image = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)
    grey = image.convert("L")
    longest = max(grey.size)
    if longest > MAX_SIDE:
        factor = MAX_SIDE / longest
    elif longest < MIN_SIDE:
        factor = min(4.0, MIN_SIDE / max(longest, 1))
    else:
        return grey
    size = (max(1, math.floor(grey.width * factor)), max(1, math.floor(grey.height * factor)))
    return grey.resize(size, Image.Resampling.LANCZOS)


@lru_cache(maxsize=4)
def _languages(binary: str) -> frozenset[str]:
    try:
        done = subprocess.run([binary, "--list-langs"], capture_output=True, timeout=30, check=False)
    except (subprocess.SubprocessError, OSError):
        return frozenset()
    return frozenset(line.strip() for line in done.stdout.decode(errors="replace").splitlines()[1:])


def _last_line(stderr: bytes) -> str:
    lines = [line.strip() for line in stderr.decode("utf-8", errors="replace").splitlines() if line.strip()]
    return lines[-1][:160] if lines else ""
