"""KR_RRN: the Korean resident registration number (주민등록번호), YYMMDD-GXXXXXC."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers.country_specific.korea.kr_rrn_recognizer import (
    KrRrnRecognizer as PresidioKrRrnRecognizer,
)

from detectors.recognizers.base import (
    LANGUAGE,
    LOW,
    MEDIUM,
    REGEX_FLAGS,
    PrefilterGate,
    copy_patterns,
    digits_of,
)
from detectors.recognizers.checks import rrn_birth_date, rrn_checksum_ok
from detectors.recognizers.number_labels import OtherNumberLabelGate

_DATE = r"[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
_BEFORE = r"(?<![0-9A-Za-z-])(?<![0-9]\.)"
_AFTER = r"(?![0-9]|-[0-9])"


class KoreanRrnRecognizer(OtherNumberLabelGate, PrefilterGate, PresidioKrRrnRecognizer):
    """Presidio's RRN recognizer, registered under ``ko``, with Korean context and a stricter date rule.

    Differences from Presidio, and why:
    - the birth date must be a real past date for the century the gender digit gives (Presidio accepts
      31 February); gender digits 9/0 (born in the 1800s) are accepted, but only with a passing checksum,
      since no such number was issued after the check digit was dropped;
    - a failed check digit keeps the medium score and never rejects: numbers issued since October 2020
      end in random digits;
    - a 12-digit number that is an RRN without its leading zero (a 1900-1909 or 2000-2009 birth stored as
      an integer) is a LOW candidate when its checksum passes;
    - a number labelled as something else right before it (주문번호, 송장, 로트, 승인번호, invoice, ...), or
      right after it in brackets (``9001011234567 (주문번호)``), is dropped: order numbers are often a
      yymmdd date plus 7 digits (see ``number_labels``).
    """

    ENTITY: ClassVar[str] = "KR_RRN"
    PATTERNS = [  # noqa: RUF012  (Presidio declares it an instance-level list)
        Pattern("RRN (date, gender digit)", _BEFORE + _DATE + r"[- ]?[0-49][0-9]{6}" + _AFTER, MEDIUM),
        Pattern(
            "RRN without leading zero (integer column)",
            _BEFORE + r"[0-9](?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[1-4][0-9]{6}" + _AFTER,
            LOW,
        ),
    ]
    CONTEXT = [  # noqa: RUF012
        "주민등록번호", "주민번호", "주민등록", "주민", "생년월일", "jumin", "juminno", "resident",
        "registration", "rrn", "ssn",
    ]  # fmt: skip
    IDENTITY_LABELS: ClassVar[tuple[str, ...]] = (
        "주민", "생년월일", "jumin", "resident", "rrn", "ssn",
    )  # fmt: skip
    PREFILTER: ClassVar[str | None] = (
        r"[0-9]{2}[01][0-9][0-3][0-9][- ]?[0-9]{7}|[0-9][01][0-9][0-3][0-9][1-4][0-9]{6}"
    )

    def __init__(self) -> None:
        super().__init__(
            patterns=copy_patterns(self.PATTERNS),
            context=list(self.CONTEXT),
            supported_language=LANGUAGE,
            supported_entity=self.ENTITY,
        )
        self.global_regex_flags = REGEX_FLAGS

    def validate_result(self, pattern_text: str) -> bool | None:
        """Return True (1.0) for a passing check digit, None (keep score) for a valid date and gender only."""
        digits = digits_of(pattern_text)
        if len(digits) == 12:
            digits = "0" + digits
            return None if rrn_birth_date(digits) and rrn_checksum_ok(digits) else False
        if len(digits) != 13 or digits[6] not in "1234" + "90" or rrn_birth_date(digits) is None:
            return False
        if rrn_checksum_ok(digits):
            return True
        return False if digits[6] in "90" else None
