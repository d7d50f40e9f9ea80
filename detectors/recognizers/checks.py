"""Check digits and date rules shared by several recognizers (and by generators of synthetic test data).

Kept apart from the recognizer classes so that the demo generator and the tests build valid fake numbers
with exactly the rule the detector applies.
"""

from __future__ import annotations

import datetime as dt

RRN_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
EARLIEST_1800S_BIRTH_YEAR = 1870
"""People born before this never held a resident registration number (the system began in 1968)."""

_CENTURY_BY_GENDER_DIGIT = {
    "9": 1800, "0": 1800,
    "1": 1900, "2": 1900, "5": 1900, "6": 1900,
    "3": 2000, "4": 2000, "7": 2000, "8": 2000,
}  # fmt: skip


def rrn_birth_date(digits: str, today: dt.date | None = None) -> dt.date | None:
    """Return the birth date a 13-digit RRN/FRN encodes, or None when it is no plausible birth date.

    The century comes from the gender digit (7th): 9/0 1800s, 1/2/5/6 1900s, 3/4/7/8 2000s. Future dates
    and 1800s dates before ``EARLIEST_1800S_BIRTH_YEAR`` are rejected.
    """
    if len(digits) < 7 or not digits[:7].isdigit():
        return None
    century = _CENTURY_BY_GENDER_DIGIT[digits[6]]
    try:
        born = dt.date(century + int(digits[0:2]), int(digits[2:4]), int(digits[4:6]))
    except ValueError:
        return None
    if born > (today or dt.date.today()):
        return None
    if century == 1800 and born.year < EARLIEST_1800S_BIRTH_YEAR:
        return None
    return born


def _weighted_sum(first12: str) -> int:
    return sum(w * int(d) for w, d in zip(RRN_WEIGHTS, first12, strict=True))


def rrn_check_digit(first12: str) -> int:
    """Compute the RRN check digit: (11 - weighted sum mod 11) mod 10 (python-stdnum, Presidio)."""
    return (11 - _weighted_sum(first12) % 11) % 10


def frn_check_digit(first12: str) -> int:
    """Compute the foreigner-number check digit variant (13 - sum mod 11) mod 10 (Presidio, YooGenie)."""
    return (13 - _weighted_sum(first12) % 11) % 10


def rrn_checksum_ok(digits: str) -> bool:
    """Check a 13-digit number against the RRN check digit."""
    return len(digits) == 13 and digits.isdigit() and rrn_check_digit(digits[:12]) == int(digits[12])


def frn_checksum_ok(digits: str) -> bool:
    """Check a 13-digit number against either foreigner-number variant (13- or 11-)."""
    if len(digits) != 13 or not digits.isdigit():
        return False
    check = int(digits[12])
    return check in (frn_check_digit(digits[:12]), rrn_check_digit(digits[:12]))


def luhn_ok(digits: str) -> bool:
    """Check the Luhn (mod 10) digit used by payment cards."""
    if not digits.isdigit():
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def luhn_complete(partial: str) -> str:
    """``partial`` followed by the digit that makes it pass the Luhn check."""
    for last in "0123456789":
        if luhn_ok(partial + last):
            return partial + last
    raise AssertionError("unreachable: one digit always completes a Luhn number")


def isbn13_ok(digits: str) -> bool:
    """Check for a 13-digit ISBN (978/979 prefix, weights 1,3 mod 10): a look-alike of accounts and ids."""
    if len(digits) != 13 or not digits.isdigit() or digits[:3] not in ("978", "979"):
        return False
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits))
    return total % 10 == 0


def plausible_birth_date(year: int, month: int, day: int, today: dt.date | None = None) -> bool:
    """Check for a real calendar date from 1900 up to today: a living patient's possible birth date."""
    try:
        born = dt.date(year, month, day)
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= (today or dt.date.today())
