"""CN_RIC: the resident identity number of the People's Republic of China (居民身份证号码), 18 characters."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import ClassVar

from presidio_analyzer import Pattern
from stdnum import numdb
from stdnum.cn import ric
from stdnum.exceptions import InvalidComponent

from detectors.recognizers.base import MEDIUM, KoPatternRecognizer

_BIRTH = r"(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"


class ChineseResidentIdRecognizer(KoPatternRecognizer):
    """China's resident identity number, confirmed by its check character, birth date and region.

    Six digits of region, the birth date YYYYMMDD, three digits of sequence and an ISO 7064 MOD 11-2
    check character (0-9 or X).

    python-stdnum's ``cn.ric`` gives the check character, the birth date and the table of region codes:
    a number passing all three scores 1.0, any other is dropped (an 18-digit order number passes by
    chance only when its digits 7-14 also form a date and its region exists).
    """

    ENTITY: ClassVar[str] = "CN_RIC"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "PRC resident identity number",
            r"(?<![0-9A-Za-z])[1-9][0-9]{5}" + _BIRTH + r"[0-9]{3}[0-9Xx](?![0-9A-Za-z])",
            MEDIUM,
        )
    ]
    CONTEXT: ClassVar[list[str]] = [
        "身份证", "身份证号", "身份证号码", "居民身份证", "公民身份号码", "중국신분증", "신분증",
        "신분증번호", "거민신분증", "resident identity", "chinese id", "id card",
    ]  # fmt: skip
    PREFILTER: ClassVar[str | None] = r"[0-9]{17}[0-9Xx]"

    def validate_result(self, pattern_text: str) -> bool:
        """Return True (1.0) when check character, birth date and region hold; otherwise drop the match."""
        number = pattern_text.upper()
        if ric.calc_check_digit(number) != number[-1]:
            return False
        try:
            born = ric.get_birth_date(number)
        except InvalidComponent:
            return False
        return born <= dt.date.today() and _region_known(number[:6])


@cache
def _region_known(code: str) -> bool:
    """Whether the region code was ever assigned (stdnum's table of counties, any period).

    stdnum's own ``is_valid`` also demands that the county existed in the birth year; a person born in
    1982 in a district created in 1990 holds a card issued later with the new code, so that check would
    drop real numbers.
    """
    return any(props for _, props in numdb.get("cn/loc").info(code))
