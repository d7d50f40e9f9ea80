"""KR_FRN: the Korean foreigner registration number (외국인등록번호), YYMMDD-GXXXXXC with G in 5-8."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers.country_specific.korea.kr_frn_recognizer import (
    KrFrnRecognizer as PresidioKrFrnRecognizer,
)

from detectors.recognizers.base import LANGUAGE, MEDIUM, REGEX_FLAGS, PrefilterGate, copy_patterns, digits_of
from detectors.recognizers.checks import frn_checksum_ok, rrn_birth_date
from detectors.recognizers.number_labels import OtherNumberLabelGate


class KoreanFrnRecognizer(OtherNumberLabelGate, PrefilterGate, PresidioKrFrnRecognizer):
    """Presidio's FRN recognizer, registered under ``ko``, with both check-digit variants in use.

    Presidio checks ``(13 - sum mod 11) mod 10``, python-stdnum the RRN formula ``(11 - ...)``; issuers
    used both, so either one passing gives 1.0. A failing check digit keeps the medium score (random
    digits since October 2020); an impossible birth date rejects. A number labelled as an order, invoice,
    lot or serial number right before or after it (주문번호 2306147833427, 2306147833427 (송장)) is dropped
    (see ``number_labels``).
    """

    ENTITY: ClassVar[str] = "KR_FRN"
    PATTERNS = [  # noqa: RUF012  (Presidio declares it an instance-level list)
        Pattern(
            "FRN (date, gender digit 5-8)",
            r"(?<![0-9A-Za-z-])(?<![0-9]\.)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
            r"[- ]?[5-8][0-9]{6}(?![0-9]|-[0-9])",
            MEDIUM,
        )
    ]
    CONTEXT = [  # noqa: RUF012
        "외국인등록번호", "외국인번호", "외국인등록", "외국인", "등록번호", "foreigner", "alien",
        "registration", "frn", "arc",
    ]  # fmt: skip
    IDENTITY_LABELS: ClassVar[tuple[str, ...]] = ("외국인", "foreigner", "alien", "frn", "arc")
    PREFILTER: ClassVar[str | None] = r"[0-9]{2}[01][0-9][0-3][0-9][- ]?[5-8][0-9]{6}"

    def __init__(self) -> None:
        super().__init__(
            patterns=copy_patterns(self.PATTERNS),
            context=list(self.CONTEXT),
            supported_language=LANGUAGE,
            supported_entity=self.ENTITY,
        )
        self.global_regex_flags = REGEX_FLAGS

    def validate_result(self, pattern_text: str) -> bool | None:
        """Return True (1.0) when either check-digit variant passes, None when only the date is valid."""
        digits = digits_of(pattern_text)
        if len(digits) != 13 or rrn_birth_date(digits) is None:
            return False
        return True if frn_checksum_ok(digits) else None
