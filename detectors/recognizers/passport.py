"""PASSPORT: passport numbers of other countries (the international desk's patients), by format and context.

Korean passports are ``KR_PASSPORT`` (``kr_passport.py``). No passport number carries a check digit that
the holder's documents let us verify, and every format below is also the shape of some lot, order or
serial number, so a number counts only beside a context word (여권, passport, 护照, 旅券, パスポート) or in a
column whose name says passport. China's E series (E12345678, EA1234567) is LOW; every other format WEAK.
"""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern

from detectors.recognizers.base import LOW, WEAK, KoPatternRecognizer

_BEFORE = r"(?<![0-9A-Za-z-])"
_AFTER = r"(?![0-9A-Za-z]|-[0-9])"


class PassportRecognizer(KoPatternRecognizer):
    """Passport numbers of the countries most foreign patients of Korean clinics come from.

    China, Japan, the US, Russia, Vietnam, Thailand, Mongolia, Kazakhstan, Uzbekistan, the Philippines:

    - China: E + 8 digits or E + a letter (not I or O) + 7 digits (ordinary, since 2012); G + 8 digits
      (ordinary, 1997-2012); D, S, P + 7 or 8 digits (diplomatic, service, public affairs).
    - Japan, Thailand, Uzbekistan, the Philippines (old form): two letters + 7 digits (TK1234567).
    - Vietnam, Mongolia, the Philippines (new form): a letter + 7 digits, the Philippines with a final letter.
    - Kazakhstan (N + 8 digits) and the US next-generation book (a letter + 8 digits); the Korean letters
      M and R are left to ``KR_PASSPORT``.
    - the US and Russia: 9 digits.
    """

    ENTITY: ClassVar[str] = "PASSPORT"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("China (E series)", _BEFORE + r"E(?:[0-9]{8}|[A-HJ-NP-Z][0-9]{7})" + _AFTER, LOW),
        Pattern("China (G, D, S, P series)", _BEFORE + r"[GDSP][0-9]{7,8}" + _AFTER, WEAK),
        Pattern("Two letters + 7 digits", _BEFORE + r"[A-Z]{2}[0-9]{7}" + _AFTER, WEAK),
        Pattern("A letter + 7 digits", _BEFORE + r"[A-Z][0-9]{7}[A-Z]?" + _AFTER, WEAK),
        Pattern("A letter + 8 digits", _BEFORE + r"[A-LN-QS-Z][0-9]{8}" + _AFTER, WEAK),
        Pattern("Nine digits (US, Russia)", _BEFORE + r"[0-9]{9}" + _AFTER, WEAK),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "여권", "여권번호", "passport", "passportno", "pspt", "护照", "護照", "旅券", "パスポート",
        "hộ chiếu", "паспорт", "신분증", "신분번호", "주민등록번호", "주민번호", "jumin", "identity",
    ]  # fmt: skip
    PREFILTER: ClassVar[str | None] = r"[A-Z][0-9]{7}|(?:^|[^0-9])[0-9]{9}(?:[^0-9]|$)"
