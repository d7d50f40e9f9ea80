"""DATE_OF_BIRTH: dates that can be a living patient's birth date, reported with birth context."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from detectors.recognizers.base import FAINT, MEDIUM, WEAK, KoPatternRecognizer
from detectors.recognizers.checks import plausible_birth_date

_YEAR = r"(?:19|20)[0-9]{2}"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_DAY = r"(?:0?[1-9]|[12][0-9]|3[01])"
_BEFORE = r"(?<![0-9])(?<![0-9][-./])"
# A time after the date makes it a timestamp (an event), not a birth date.
_NOT_TIMESTAMP = r"(?![0-9]|[-./][0-9]|[ T]?[0-9]{1,2}:[0-9]{2})"
_NUMBERS = regex.compile(r"[0-9]+")


class DateOfBirthRecognizer(KoPatternRecognizer):
    """Calendar dates from 1900 up to today in Korean and ISO layouts.

    Any such date could be an appointment, so a bare date is WEAK (FAINT for the compact 19900101 and the
    day-first/month-first forms): it counts only with 생년월일/DOB/birth context or in a birth-date column.
    '1990년 1월 1일생' says birth itself and is MEDIUM. Timestamps and future dates are never reported.
    """

    ENTITY: ClassVar[str] = "DATE_OF_BIRTH"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "Date (year first, separated)",
            _BEFORE + _YEAR + r"[ ]?([-./])[ ]?" + _MONTH + r"[ ]?\1[ ]?" + _DAY + r"\.?" + _NOT_TIMESTAMP,
            WEAK,
        ),
        Pattern(
            "Date (년 월 일)",
            _BEFORE + _YEAR + r"[ ]?년[ ]?" + _MONTH + r"[ ]?월[ ]?" + _DAY + r"[ ]?일" + _NOT_TIMESTAMP,
            WEAK,
        ),
        Pattern(
            "Birth date (…생)",
            _BEFORE
            + _YEAR
            + r"(?:[ ]?년[ ]?|[ ]?[-./][ ]?)"
            + _MONTH
            + r"(?:[ ]?월[ ]?|[ ]?[-./][ ]?)"
            + _DAY
            + r"(?:[ ]?일)?[ ]?생",
            MEDIUM,
        ),
        Pattern(
            "Date (compact yyyymmdd)",
            _BEFORE + _YEAR + r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])" + r"(?![0-9])",
            FAINT,
        ),
        Pattern(
            "Date (year last)",
            _BEFORE + r"[0-9]{1,2}([-./])[0-9]{1,2}\1" + _YEAR + _NOT_TIMESTAMP,
            FAINT,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "생년월일", "생일", "출생", "생년", "birth", "dob", "birthday", "born",
    ]  # fmt: skip
    READS_DATE_COLUMNS: ClassVar[bool] = True  # a DATE column may be the birth date
    PREFILTER: ClassVar[str | None] = (
        r"(?:19|20)[0-9]{2}[ ]?(?:[-./][ ]?[01]?[0-9]|년|[01][0-9][0-3][0-9])|[0-9][-./](?:19|20)[0-9]{2}"
    )

    def validate_result(self, pattern_text: str) -> bool | None:
        """Keep dates from 1900 up to today that exist on the calendar; drop the rest."""
        parts = [int(n) for n in _NUMBERS.findall(pattern_text)]
        if len(parts) == 1:  # compact yyyymmdd
            text = str(parts[0])
            parts = [int(text[:4]), int(text[4:6]), int(text[6:8])]
        if len(parts) != 3:
            return False
        if parts[0] >= 1900:
            return None if plausible_birth_date(parts[0], parts[1], parts[2]) else False
        day_first = plausible_birth_date(parts[2], parts[1], parts[0])
        month_first = plausible_birth_date(parts[2], parts[0], parts[1])
        return None if day_first or month_first else False
