"""ADDRESS: the detail line of a Korean address (상세주소), often kept in a column of its own."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern

from detectors.recognizers.base import LOW, MEDIUM, WEAK, KoPatternRecognizer

_BEFORE = r"(?<![0-9A-Za-z가-힣])"
_AFTER = r"(?![0-9]|실)"  # 302호실 is a room; a particle may follow (501호입니다)
_BUILDING_KINDS = r"(?:아파트|빌라|오피스텔|맨션|타워|빌딩|하이츠|캐슬|팰리스|상가|주택)"


class KoreanAddressDetailRecognizer(KoPatternRecognizer):
    """The unit part of an address, the second line clinics store beside the road address.

    Building and flat (``104동 1903호``), floor and unit (``3층 302호``), a basement shop (``B1 상가
    12호``), a named block and flat (``래미안아파트 101-1203``).

    A building and a flat number, or a named apartment block with its numbers, are MEDIUM (nothing else
    is written so); a floor and unit, or a basement shop, LOW (a clinic's own rooms read the same: 2층
    201호); a bare unit (``1903호``) alone in a cell WEAK. The last two need an address column (addr2,
    상세주소) or a context word.
    """

    ENTITY: ClassVar[str] = "ADDRESS"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("Building and flat", _BEFORE + r"[0-9]{1,4}동[ ]?[0-9]{1,5}호" + _AFTER, MEDIUM),
        Pattern(
            "Named block and flat",
            r"[가-힣A-Za-z0-9○◯*]{1,12}"
            + _BUILDING_KINDS
            + r"[ ]?[0-9]{1,4}(?:동[ ]?|-)[0-9]{1,5}호?"
            + _AFTER,
            MEDIUM,
        ),
        Pattern("Floor and unit", _BEFORE + r"(?:지하[ ]?)?[0-9]{1,3}층[ ]?[0-9]{1,5}호" + _AFTER, LOW),
        Pattern(
            "Basement shop",
            _BEFORE + r"(?:B|지하[ ]?)[0-9]{1,2}(?:층)?[ ]?(?:상가[ ]?)?[0-9]{1,4}호" + _AFTER,
            LOW,
        ),
        Pattern("Unit alone in the cell", r"\A[ ]*[0-9]{2,5}호[ ]*\Z", WEAK),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "상세주소", "주소", "동호수", "거주지", "address", "addr", "detail", "dtl", "unit",
    ]  # fmt: skip
    PREFILTER: ClassVar[str | None] = (
        r"[0-9]호|(?:아파트|빌라|오피스텔|맨션|타워|빌딩|하이츠|캐슬|팰리스|상가|주택)[ ]?[0-9]"
    )
