"""Which encoding a text export is in, decided by strict decoding rather than by guessing first.

Korean Excel saves CSV in CP949 by default, newer tools in UTF-8, some with a BOM; "Unicode text" is UTF-16.
A byte-order mark settles it; otherwise the whole file must decode strictly as UTF-8, else as CP949 (a
superset of EUC-KR). Only when both fail is charset-normalizer asked, and its answer must decode strictly
too. A wrong guess would garble Hangul names and hide them from the detectors, so an undecidable file is an
error.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import charset_normalizer

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
LADDER: tuple[str, ...] = ("utf-8", "cp949")
_CHUNK = 1 << 20


class UnknownEncodingError(ValueError):
    """No encoding decodes the file without errors."""


def detect_encoding(path: Path) -> str:
    """Return the encoding that decodes ``path`` without a single error.

    Args:
        path: A text file (CSV, TSV, JSON, JSONL).

    Returns:
        ``utf-8-sig`` or ``utf-16`` when the file starts with a byte-order mark, else the first of ``utf-8``,
        ``cp949`` that decodes the whole file, else charset-normalizer's best match if it decodes the file.

    Raises:
        UnknownEncodingError: no candidate decodes the file.

    """
    with path.open("rb") as handle:
        head = handle.read(4)
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return encoding
    for encoding in LADDER:
        if decodes(path, encoding):
            return encoding
    best = charset_normalizer.from_path(path).best()
    if best is not None and decodes(path, best.encoding):
        return best.encoding
    raise UnknownEncodingError(f"the file is neither UTF-8 nor CP949/EUC-KR (tried {', '.join(LADDER)})")


def decodes(path: Path, encoding: str) -> bool:
    """Tell whether the whole file decodes strictly in ``encoding`` (read in chunks, memory flat)."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True
