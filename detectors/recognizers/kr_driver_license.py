"""KR_DRIVER_LICENSE: Korean driver's licences, 11-22-123456-12 and the pre-2014 '서울 19-123456-61'."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers.country_specific.korea.kr_driver_license_recognizer import (
    KrDriverLicenseRecognizer as PresidioKrDriverLicenseRecognizer,
)

from detectors.recognizers.base import HIGH, LANGUAGE, MEDIUM, REGEX_FLAGS, WEAK, PrefilterGate, copy_patterns

REGION = r"(?:1[1-9]|2[0-68])"
"""Region codes 11-26 and 28 (경기북부); the licence number has no public check digit."""

OLD_REGION_NAMES = "서울|부산|경기|강원|충북|충남|전북|전남|경북|경남|제주|대구|인천|광주|대전|울산"

_BEFORE = r"(?<![0-9A-Za-z-])"
_AFTER = r"(?![0-9]|-[0-9])"


class KoreanDriverLicenseRecognizer(PrefilterGate, PresidioKrDriverLicenseRecognizer):
    """Presidio's licence recognizer, registered under ``ko``, with scores that match the evidence.

    Presidio scores any 12 digits starting with a region code 1.0; here the grouped form is MEDIUM, a
    bare 12-digit run is WEAK (needs 면허/운전 context: bank accounts have the same shape), and the old
    form with a region name is HIGH.
    """

    ENTITY: ClassVar[str] = "KR_DRIVER_LICENSE"
    PATTERNS = [  # noqa: RUF012  (Presidio declares it an instance-level list)
        Pattern(
            "Licence (grouped)",
            _BEFORE + REGION + r"([- ])[0-9]{2}\1[0-9]{6}\1[0-9]{2}" + _AFTER,
            MEDIUM,
        ),
        Pattern("Licence (12 digits)", _BEFORE + REGION + r"[0-9]{10}" + _AFTER, WEAK),
        Pattern(
            "Licence (region name, before 2014)",
            r"(?:" + OLD_REGION_NAMES + r")[ ]?[0-9]{2}-?[0-9]{6}-?[0-9]{2}" + _AFTER,
            HIGH,
        ),
    ]
    CONTEXT = [  # noqa: RUF012
        "운전면허번호",
        "운전면허",
        "면허번호",
        "면허",
        "driver",
        "licence",
        "license",
    ]
    PREFILTER: ClassVar[str | None] = r"[0-9]{2}[- ]?[0-9]{6}[- ]?[0-9]{2}"

    def __init__(self) -> None:
        super().__init__(
            patterns=copy_patterns(self.PATTERNS),
            context=list(self.CONTEXT),
            supported_language=LANGUAGE,
            supported_entity=self.ENTITY,
        )
        self.global_regex_flags = REGEX_FLAGS

    def validate_result(self, pattern_text: str) -> bool | None:  # type: ignore[override]  # None: keep score
        """Keep the pattern's score: the region code is already in the pattern and no check digit exists."""
        return None
