"""ADDRESS: Korean postcodes (우편번호), the five-digit zone numbers of 2015 and the six-digit ones before."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern

from detectors.recognizers.base import LOW, KoPatternRecognizer

_CODE = r"(?:(?:0[1-9]|[1-5][0-9]|6[0-3])[0-9]{3}|[1-7][0-9]{2}-[0-9]{3})"
_LABEL = r"(?<=(?:우편번호|우편|zip|postcode|code)[ ]*[:：]?[ ]*)"


class KoreanPostcodeRecognizer(KoPatternRecognizer):
    """Postcodes written as postcodes, in brackets or after a label.

    In brackets before an address (``(06236) 서울 ...``) or after a label (``우편번호 06236``,
    ``zip: 135-080``): LOW, a finding with any address context word.

    A bare five-digit cell is not matched: every integer key of 10000-63999 has that shape, and analysing
    each one would cost a scan more than the postcode column it could confirm (a postcode column alone is
    left to its name).
    """

    ENTITY: ClassVar[str] = "ADDRESS"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("Postcode in brackets", r"\(" + _CODE + r"\)", LOW),
        Pattern("Labelled postcode", _LABEL + _CODE + r"(?![0-9])", LOW),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "우편번호",
        "우편",
        "주소",
        "zip",
        "zipcode",
        "postcode",
        "postal",
        "address",
    ]
    PREFILTER: ClassVar[str | None] = (
        r"\([0-9]{3}-?[0-9]{2,3}\)|(?:우편|zip|postcode|code)[^0-9]{0,3}[0-9]{3}"
    )
