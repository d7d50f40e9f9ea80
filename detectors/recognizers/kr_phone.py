"""PHONE_NUMBER: Korean telephone numbers (mobile, area codes, 070, 050x, 080, 15xx/16xx/18xx, +82)."""

from __future__ import annotations

from typing import ClassVar

import phonenumbers
from presidio_analyzer import Pattern

from detectors.recognizers.base import HIGH, LOW, MEDIUM, KoPatternRecognizer, digits_of

# National codes after the trunk 0: mobile 010/011/016-019, Seoul 02, regions 031-064, VoIP 070,
# personal 050x, toll-free 080 (libphonenumber's KR metadata, reference section 4.3).
_CODE = r"(?:1[016-9]|2|3[1-3]|4[1-4]|5[1-5]|6[1-4]|70|50[2-8]|80)"
_PREFIX = r"(?:\+82[- ]?(?:\(0\))?|\(0|0)"
_BEFORE = r"(?<![0-9])"
_AFTER = r"(?![0-9]|-[0-9])"
# An unseparated number glued to letters is a run of digits inside an identifier (a session id, a hex
# token: ...e0221543734d...), not a phone number.
_BEFORE_RUN = r"(?<![0-9A-Za-z])"
_AFTER_RUN = r"(?![0-9A-Za-z]|-[0-9])"
_UAN = r"1(?:5(?:22|33|44|66|77|88|99)|6(?:00|44|6[0168]|70|88)|8(?:00|33|55|77|99))"


class KoreanPhoneRecognizer(KoPatternRecognizer):
    """Korean phone numbers, each candidate confirmed by libphonenumber's Korean number plan.

    Separated forms (010-1234-5678, 02) 123-4567, +82 10 1234 5678) are HIGH, unseparated ones MEDIUM,
    nationwide numbers (1588-1234) MEDIUM. A mobile number that lost its leading zero in a numeric column
    (1012345678) is LOW when it is the whole cell. Masked numbers (010-****-5678) never match, nor does an
    unseparated number glued to letters (a digit run in a hex session id or token).
    """

    ENTITY: ClassVar[str] = "PHONE_NUMBER"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "Phone (separated)",
            _BEFORE + _PREFIX + _CODE + r"(?:\)[ ]?|[-. ])[0-9]{3,4}[-. ]?[0-9]{4}" + _AFTER,
            HIGH,
        ),
        Pattern("Phone (+82)", _BEFORE + r"\+82[- ]?" + _CODE + r"[0-9]{7,8}" + _AFTER, HIGH),
        Pattern("Phone (digits only)", _BEFORE_RUN + "0" + _CODE + r"[0-9]{7,8}" + _AFTER_RUN, MEDIUM),
        Pattern("Phone (nationwide 15xx/16xx/18xx)", _BEFORE + _UAN + r"-[0-9]{4}" + _AFTER, MEDIUM),
        Pattern("Mobile without leading zero", r"\A[ ]*10[0-9]{8}(?:\.0)?[ ]*\Z", LOW),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "전화번호", "전화", "연락처", "휴대폰", "휴대전화", "핸드폰", "핸드폰번호", "폰번호", "모바일", "hp",
        "phone", "mobile", "tel", "contact", "cell",
    ]  # fmt: skip
    PREFILTER: ClassVar[str | None] = (
        r"\+82|0(?:1[016-9]|2|[3-6][1-5]|[578]0)[0-9]?\)?[-. ]?[0-9]{3,4}[-. ]?[0-9]{4}"
        r"|1[568][0-9]{2}-[0-9]{4}|10[0-9]{8}"
    )

    def validate_result(self, pattern_text: str) -> bool | None:
        """Keep the score when libphonenumber accepts the number for Korea, drop it otherwise."""
        text = pattern_text.strip()
        if text.startswith("+82"):
            rest = digits_of(text)[2:]
            national = rest if rest.startswith("0") else "0" + rest
        elif text.startswith("10"):
            national = "0" + text[:10]
        else:
            national = digits_of(text)
        try:
            number = phonenumbers.parse(national, "KR")
        except phonenumbers.NumberParseException:
            return False
        return None if phonenumbers.is_valid_number(number) else False
