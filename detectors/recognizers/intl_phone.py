"""PHONE_NUMBER: phone numbers abroad, written with their country code (+86 138 1234 5678, 0081-90-...)."""

from __future__ import annotations

from typing import ClassVar

import phonenumbers
from presidio_analyzer import Pattern

from detectors.recognizers.base import HIGH, KoPatternRecognizer, digits_of

_BEFORE = r"(?<![0-9A-Za-z+])"
_AFTER = r"(?![0-9]|-[0-9])"
# A country code (1-3 digits), then 6-14 digits in groups separated by one space, dash, dot or brackets.
_NUMBER = r"[1-9][0-9]{0,2}(?:[ .-]?\(?[0-9]{1,5}\)?){2,6}"


class InternationalPhoneRecognizer(KoPatternRecognizer):
    """Phone numbers with an international prefix, confirmed by libphonenumber.

    A number with ``+`` or ``00`` before its country code is checked against the number plan of the
    country the code names: China, Japan, the US, Russia and Kazakhstan, Vietnam, Thailand, Mongolia,
    Uzbekistan, the Philippines and every other country. An invalid number is dropped; Korean numbers
    (+82) are the Korean recognizer's, which knows their national forms too.
    """

    ENTITY: ClassVar[str] = "PHONE_NUMBER"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("International (+)", _BEFORE + r"\+[ ]?" + _NUMBER + _AFTER, HIGH),
        # 00 starts the cell or follows a space, bracket or colon: inside '010-0012-3456' it is no prefix.
        Pattern("International (00)", r"(?<![^ (:])00(?!82)" + _NUMBER + _AFTER, HIGH),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "전화번호", "연락처", "해외연락처", "휴대폰", "phone", "mobile", "tel", "whatsapp", "电话", "手机",
        "联系电话", "電話", "携帯",
    ]  # fmt: skip
    PREFILTER: ClassVar[str | None] = r"\+[ ]?[1-9]|(?:^|[ (:])00[1-9]"

    def validate_result(self, pattern_text: str) -> bool | None:
        """Keep the score when libphonenumber accepts the number in its country's plan, drop it otherwise."""
        digits = digits_of(pattern_text)
        if pattern_text.startswith("00"):
            digits = digits[2:]
        if digits.startswith("82"):
            return False
        try:
            number = phonenumbers.parse("+" + digits, None)
        except phonenumbers.NumberParseException:
            return False
        return None if phonenumbers.is_valid_number(number) else False
