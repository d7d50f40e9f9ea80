"""ADDRESS: Korean postcodes (우편번호), the five-digit zone numbers of 2015 and the six-digit ones before."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern

from detectors.recognizers.base import WEAK, KoPatternRecognizer

_BEFORE = r"(?<![0-9-])"
_AFTER = r"(?![0-9]|-[0-9])"


class KoreanPostcodeRecognizer(KoPatternRecognizer):
    """Postcodes, which only a postcode column or a context word makes findings.

    A zone number 01000-63999, or the old ``123-456``: WEAK, so only a postcode column (zip_cd,
    우편번호) or a context word makes it a finding; five digits alone are anything.
    """

    ENTITY: ClassVar[str] = "ADDRESS"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("Zone number (since 2015)", _BEFORE + r"(?:0[1-9]|[1-5][0-9]|6[0-3])[0-9]{3}" + _AFTER, WEAK),
        Pattern("Postcode (before 2015)", _BEFORE + r"[1-7][0-9]{2}-[0-9]{3}" + _AFTER, WEAK),
    ]
    CONTEXT: ClassVar[list[str]] = ["우편번호", "우편", "zip", "zipcode", "postcode", "postal", "zonecode"]
    PREFILTER: ClassVar[str | None] = r"(?:^|[^0-9-])(?:[0-6][0-9]{4}|[1-7][0-9]{2}-[0-9]{3})(?:[^0-9-]|$)"
