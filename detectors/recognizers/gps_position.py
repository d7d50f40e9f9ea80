"""ADDRESS: a GPS position written as a latitude, longitude pair in decimal degrees (a photo's EXIF place)."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from detectors.recognizers.base import MEDIUM, KoPatternRecognizer

_DEGREES = r"-?[0-9]{1,3}\.[0-9]{4,}"
_PAIR = re.compile(r"(-?[0-9.]+)\s*,\s*(-?[0-9.]+)")


class GpsPositionRecognizer(KoPatternRecognizer):
    """``37.517000, 127.028000``: where a photo was taken, to a few metres, often the patient's home.

    Both numbers need four decimals or more (about ten metres) and must be a latitude (-90 to 90) and a
    longitude (-180 to 180); ``0.0000, 0.0000`` (a camera with no fix) is dropped. MEDIUM: decimals
    of that precision in pairs are rarely anything else, and a GPS or 위치 column name confirms them.
    """

    ENTITY: ClassVar[str] = "ADDRESS"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("Decimal degrees", r"(?<![0-9.])" + _DEGREES + r"\s*,\s*" + _DEGREES + r"(?![0-9.])", MEDIUM),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "gps",
        "위치",
        "좌표",
        "위도",
        "경도",
        "latitude",
        "longitude",
        "location",
    ]
    PREFILTER: ClassVar[str | None] = r"[0-9]\.[0-9]{4}[0-9]*\s*,\s*-?[0-9]"

    def validate_result(self, pattern_text: str) -> bool | None:
        """Keep a pair that is a latitude and a longitude, other than the null island 0, 0."""
        match = _PAIR.fullmatch(pattern_text.strip())
        if match is None:
            return False
        latitude, longitude = float(match[1]), float(match[2])
        if abs(latitude) > 90 or abs(longitude) > 180 or (latitude == 0 and longitude == 0):
            return False
        return None
