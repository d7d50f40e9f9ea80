"""CREDIT_CARD: payment card numbers of the major brands, Luhn-checked."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern

from detectors.recognizers.base import HIGH, KoPatternRecognizer, digits_of
from detectors.recognizers.checks import luhn_ok

_BEFORE = r"(?<![0-9A-Za-z-])"
_AFTER = r"(?![0-9]|-[0-9])"

# (prefixes as ranges of the leading digits, allowed lengths); Korean domestic-only cards start with 9.
BRANDS: dict[str, tuple[tuple[tuple[int, int, int], ...], frozenset[int]]] = {
    "visa": (((1, 4, 4),), frozenset({13, 16, 19})),
    "mastercard": (((2, 51, 55), (4, 2221, 2720)), frozenset({16})),
    "amex": (((2, 34, 34), (2, 37, 37)), frozenset({15})),
    "discover": (((4, 6011, 6011), (3, 644, 649), (2, 65, 65)), frozenset({16, 17, 18, 19})),
    "jcb": (((4, 3528, 3589),), frozenset({16, 17, 18, 19})),
    "diners": (((3, 300, 305), (2, 36, 36), (2, 38, 39)), frozenset({14, 15, 16, 17, 18, 19})),
    "unionpay": (((2, 62, 62),), frozenset({16, 17, 18, 19})),
    "korean domestic": (((1, 9, 9),), frozenset({16})),
}


def card_brand(digits: str) -> str | None:
    """Return the brand whose prefix and length fit ``digits``, or None."""
    for brand, (prefixes, lengths) in BRANDS.items():
        if len(digits) not in lengths:
            continue
        for width, low, high in prefixes:
            if low <= int(digits[:width]) <= high:
                return brand
    return None


class PaymentCardRecognizer(KoPatternRecognizer):
    """Card numbers 4-4-4-4 (dash or space), Amex 4-6-5, Diners 4-6-4, or 13-19 digits unbroken.

    A number must pass Luhn and fit a brand's prefix and length. Grouped numbers that pass score 1.0;
    unbroken digit runs stay HIGH (about one random 16-digit id in 50 passes both checks). Luhn failures
    and masked numbers (****-****-****-1234) are never reported.
    """

    ENTITY: ClassVar[str] = "CREDIT_CARD"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("Card (4-4-4-4)", _BEFORE + r"[0-9]{4}([- ])[0-9]{4}\1[0-9]{4}\1[0-9]{4}" + _AFTER, HIGH),
        Pattern("Card (4-6-5 / 4-6-4)", _BEFORE + r"3[0-9]{3}([- ])[0-9]{6}\1[0-9]{4,5}" + _AFTER, HIGH),
        Pattern("Card (digits only)", _BEFORE + r"[0-9]{13,19}" + _AFTER, HIGH),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "카드번호", "카드", "신용카드", "체크카드", "결제", "card", "credit", "visa", "master", "amex",
    ]  # fmt: skip
    PREFILTER: ClassVar[str | None] = (
        r"[0-9]{4}[- ]?[0-9]{4}[- ]?[0-9]{4}[- ]?[0-9]|[0-9]{4}[- ][0-9]{6}[- ][0-9]{4}"
    )

    def validate_result(self, pattern_text: str) -> bool | None:
        """1.0 for a grouped number with Luhn and brand, the pattern score when unbroken, else drop."""
        digits = digits_of(pattern_text)
        if not luhn_ok(digits) or card_brand(digits) is None or len(set(digits)) == 1:
            return False
        return True if len(digits) != len(pattern_text) else None
