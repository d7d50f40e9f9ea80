"""KR_PASSPORT: Korean passport numbers, the 2021 form M123A4567 and the old form M12345678."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers.country_specific.korea.kr_passport_recognizer import (
    KrPassportRecognizer as PresidioKrPassportRecognizer,
)

from detectors.recognizers.base import LANGUAGE, MEDIUM, REGEX_FLAGS, WEAK, PrefilterGate, copy_patterns

_TYPE_LETTER = "[MSRGODmsrgod]"  # multiple, single, resident, official (G), official (O), diplomatic
# G and 8 digits is China's ordinary passport of 1997-2012 (``passport.py``), not a Korean old form.
_OLD_TYPE_LETTER = "[MSRODmsrod]"


class KoreanPassportRecognizer(PrefilterGate, PresidioKrPassportRecognizer):
    """Presidio's passport recognizer registered under ``ko`` (some Presidio releases default to ``kr``).

    Adds the ``G`` (official) type letter that passport.go.kr documents. Passport numbers carry no check
    digit, so the 2021 form (letter, 3 digits, letter, 4 digits) is MEDIUM and the old form (letter and 8
    digits, the shape of many part and order codes) is WEAK: it needs a context word such as 여권. G and 8
    digits is left to ``PASSPORT``: China issued its ordinary passports in that form from 1997 to 2012.
    """

    ENTITY: ClassVar[str] = "KR_PASSPORT"
    PATTERNS = [  # noqa: RUF012  (Presidio declares it an instance-level list)
        Pattern(
            "Passport (2021 form)",
            r"(?<![A-Za-z0-9])" + _TYPE_LETTER + r"[0-9]{3}[A-Za-z][0-9]{4}(?![A-Za-z0-9])",
            MEDIUM,
        ),
        Pattern(
            "Passport (old form)", r"(?<![A-Za-z0-9])" + _OLD_TYPE_LETTER + r"[0-9]{8}(?![A-Za-z0-9])", WEAK
        ),
    ]
    CONTEXT = ["여권번호", "여권", "passport", "passportno", "pass_no", "여권no"]  # noqa: RUF012
    PREFILTER: ClassVar[str | None] = _TYPE_LETTER + r"[0-9]{3}[A-Za-z0-9][0-9]{4}"

    def __init__(self) -> None:
        super().__init__(
            patterns=copy_patterns(self.PATTERNS),
            context=list(self.CONTEXT),
            supported_language=LANGUAGE,
            supported_entity=self.ENTITY,
        )
        self.global_regex_flags = REGEX_FLAGS
