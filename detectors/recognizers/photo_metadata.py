"""PHOTO_METADATA: when and with what a photo was taken, as its EXIF records it (capture time, camera)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from detectors.recognizers.base import LOW, WEAK, KoPatternRecognizer

# Make as cameras write it in EXIF (Apple, samsung, NIKON CORPORATION, LEICA CAMERA AG, ...).
_MAKES = (
    r"Apple|[Ss]amsung|SAMSUNG|Google|Canon|NIKON|Nikon|SONY|Sony|FUJIFILM|Fujifilm|OLYMPUS|Olympus"
    r"|Panasonic|LEICA|Leica|LGE|LG Electronics|Xiaomi|HUAWEI|Huawei|OnePlus|OPPO|vivo|motorola|Motorola"
    r"|RICOH|PENTAX|GoPro|DJI|HASSELBLAD|Hasselblad"
)
_MODEL_WORDS = r"(?:[ ][A-Za-z0-9][A-Za-z0-9+./_-]*){1,6}"
_SERIAL = r"S/N[ ]?[A-Za-z0-9][A-Za-z0-9-]{3,}"
# EXIF writes 2026:11:02 14:03:11; clinicscan's image reader 2026-11-02 14:03:11.
_CAPTURED = (
    r"(?<![0-9])(?:19|20)[0-9]{2}([-:./])(?:0[1-9]|1[0-2])\1(?:0[1-9]|[12][0-9]|3[01])"
    r"[ T](?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?(?![0-9])"
)
_NUMBERS = regex.compile(r"[0-9]+")


class PhotoMetadataRecognizer(KoPatternRecognizer):
    """``2026-11-02 14:03:11``, ``Apple iPhone 15 Pro S/N 052021004321``: a photo's moment and camera.

    The capture time says when the person in the photo (or the one who took it) was where the photo was
    taken; the camera body's serial number ties every photo it took to one owner. Both shapes are common
    elsewhere (every log has timestamps, every inventory serial numbers), so they are WEAK and LOW: they
    count only beside 촬영/EXIF/camera context or in a column named as a photo's capture time or device
    (name_rules.yaml). A bare date with no time is left to the birth-date recognizer.
    """

    ENTITY: ClassVar[str] = "PHOTO_METADATA"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("Capture time (date and time)", _CAPTURED, WEAK),
        Pattern(
            "Camera (make, model, serial)",
            r"(?<![A-Za-z])(?:" + _MAKES + r")" + _MODEL_WORDS + r"(?:[ ]" + _SERIAL + r")?(?![A-Za-z0-9])",
            WEAK,
        ),
        Pattern("Camera body serial number", r"(?<![A-Za-z])" + _SERIAL + r"(?![A-Za-z0-9])", LOW),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "촬영", "카메라", "exif", "camera", "capture", "datetimeoriginal", "bodyserial",
    ]  # fmt: skip
    PREFILTER: ClassVar[str | None] = (
        r"(?:19|20)[0-9]{2}[-:./][01][0-9][-:./][0-3][0-9][ T][0-2][0-9]:[0-5][0-9]"
        r"|S/N|(?:" + _MAKES + r")[ ]"
    )

    def validate_result(self, pattern_text: str) -> bool | None:
        """Drop a capture time that is no calendar date (2026-02-30); a camera is kept as matched."""
        if "S/N" in pattern_text or not pattern_text[:1].isdigit():
            return None
        year, month, day = (int(n) for n in _NUMBERS.findall(pattern_text)[:3])
        try:
            dt.date(year, month, day)
        except ValueError:
            return False
        return None
