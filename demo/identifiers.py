"""Fake Korean identifiers that pass the real checks: RRNs with their check digit, Luhn-valid cards, phones.

Detectors reject numbers that fail a checksum, so a demo full of random digits would test nothing. These
generators are vectorised (numpy) because a benchmark clinic has a million patients. Every number is
synthetic: drawn from a seeded generator, never taken from a person.
"""

from __future__ import annotations

from datetime import date

import numpy as np

RRN_WEIGHTS = np.array([2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5], dtype=np.int64)

#: Issuer prefixes (IIN) of the card brands Korean cards carry: Visa, Mastercard, JCB, domestic BC.
_CARD_PREFIXES: tuple[str, ...] = ("4", "51", "52", "53", "54", "55", "3568", "9410", "9430")


def rrn_check_digit(first12: str) -> int:
    """Compute the 13th digit of a pre-October-2020 RRN: ``(11 - sum(w*d) % 11) % 10``."""
    digits = [int(c) for c in first12]
    if len(digits) != 12:
        raise ValueError("an RRN check digit needs the first 12 digits")
    return (11 - sum(w * d for w, d in zip(RRN_WEIGHTS.tolist(), digits, strict=True)) % 11) % 10


def rrn_checksum_ok(rrn: str) -> bool:
    """Whether the RRN's last digit matches its check digit (numbers issued since 2020-10 need not)."""
    digits = rrn.replace("-", "")
    if len(digits) != 13 or not digits.isdigit():
        return False
    return rrn_check_digit(digits[:12]) == int(digits[12])


def rrn_birth_date(rrn: str) -> date | None:
    """Return the birth date an RRN encodes (century from the gender digit), or None if invalid."""
    digits = rrn.replace("-", "")
    if len(digits) != 13 or not digits.isdigit():
        return None
    century = {"1": 1900, "2": 1900, "3": 2000, "4": 2000, "9": 1800, "0": 1800}.get(digits[6])
    if century is None:
        return None
    try:
        return date(century + int(digits[:2]), int(digits[2:4]), int(digits[4:6]))
    except ValueError:
        return None


def make_rrns(
    rng: np.random.Generator, births: np.ndarray, male: np.ndarray, random_tail_ratio: float = 0.02
) -> list[str]:
    """RRNs ``YYMMDD-GXXXXXC`` for the given birth dates (``datetime64[D]``) and sexes.

    Most carry a region code (00-95), a sequence and a valid check digit; ``random_tail_ratio`` of them have
    the random six digits after G that numbers issued or changed since 2020-10-05 carry (no check digit).
    """
    n = len(births)
    days = births.astype("datetime64[D]")
    years = days.astype("datetime64[Y]").astype(np.int64) + 1970
    months = (days.astype("datetime64[M]") - days.astype("datetime64[Y]")).astype(np.int64) + 1
    mdays = (days - days.astype("datetime64[M]")).astype(np.int64) + 1
    yymmdd = (years % 100) * 10000 + months * 100 + mdays
    gender = np.where(years >= 2000, 3, 1) + np.where(male, 0, 1)
    tail = np.empty((n, 5), dtype=np.int64)
    region = rng.integers(0, 96, n)
    tail[:, 0], tail[:, 1] = region // 10, region % 10
    tail[:, 2:4] = rng.integers(0, 10, (n, 2))
    tail[:, 4] = rng.integers(1, 10, n)
    head = np.stack([(yymmdd // 10 ** (5 - i)) % 10 for i in range(6)], axis=1)
    digits = np.concatenate([head, gender[:, None], tail], axis=1)
    check = (11 - (digits @ RRN_WEIGHTS) % 11) % 10
    random_tail = rng.random(n) < random_tail_ratio
    random_six = rng.integers(0, 1_000_000, n)
    last6 = np.where(random_tail, random_six, (tail @ np.array([10000, 1000, 100, 10, 1])) * 10 + check)
    return [
        f"{a:06d}-{g}{b:06d}"
        for a, g, b in zip(yymmdd.tolist(), gender.tolist(), last6.tolist(), strict=True)
    ]


def luhn_ok(number: str) -> bool:
    """Whether a card number (dashes and spaces allowed) passes the Luhn check."""
    digits = [int(c) for c in number if c.isdigit()]
    if len(digits) < 12:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def make_cards(rng: np.random.Generator, n: int) -> list[str]:
    """Luhn-valid 16-digit card numbers ``NNNN-NNNN-NNNN-NNNN`` with real brand prefixes."""
    prefixes = [_CARD_PREFIXES[i] for i in rng.integers(0, len(_CARD_PREFIXES), n).tolist()]
    body = rng.integers(0, 10, (n, 15))
    for row, prefix in enumerate(prefixes):
        body[row, : len(prefix)] = [int(c) for c in prefix]
    # In a 16-digit number the check digit sits at index 15; indexes 0, 2, ..., 14 are doubled.
    doubled = body[:, 0::2] * 2
    doubled = np.where(doubled > 9, doubled - 9, doubled)
    total = doubled.sum(axis=1) + body[:, 1::2].sum(axis=1)
    check = (10 - total % 10) % 10
    full = np.concatenate([body, check[:, None]], axis=1)
    text = ["".join(map(str, row)) for row in full.tolist()]
    return [f"{t[:4]}-{t[4:8]}-{t[8:12]}-{t[12:]}" for t in text]


def make_mobiles(rng: np.random.Generator, n: int) -> list[str]:
    """Mobile numbers ``010-XXXX-XXXX`` (the middle block starts at 2000, as allocated)."""
    mid = rng.integers(2000, 10000, n).tolist()
    last = rng.integers(0, 10000, n).tolist()
    return [f"010-{a:04d}-{b:04d}" for a, b in zip(mid, last, strict=True)]


def make_landlines(rng: np.random.Generator, n: int, area_codes: tuple[str, ...]) -> list[str]:
    """Landline numbers ``0N(N)-XXX(X)-XXXX``; the exchange block starts at 2, as allocated."""
    codes = [area_codes[i] for i in rng.integers(0, len(area_codes), n).tolist()]
    mid = np.where(rng.random(n) < 0.6, rng.integers(2000, 10000, n), rng.integers(200, 1000, n)).tolist()
    last = rng.integers(0, 10000, n).tolist()
    return [f"{c}-{m}-{e:04d}" for c, m, e in zip(codes, mid, last, strict=True)]


def phone_digits(phone: str) -> str:
    """``010-1234-5678`` -> ``01012345678``: how many systems store a phone."""
    return phone.replace("-", "")


def phone_as_integer(phone: str) -> int:
    """Store a phone as an integer column does: the leading zero is lost (``1012345678``)."""
    return int(phone.replace("-", ""))


def rrn_as_integer(rrn: str) -> int:
    """Store an RRN as a BIGINT does: no dash, and a leading zero (born 2000-2009) is lost."""
    return int(rrn.replace("-", ""))


def make_ips(rng: np.random.Generator, n: int) -> list[str]:
    """Public-looking IPv4 addresses in blocks Korean ISPs announce (no private or reserved ranges)."""
    first = np.array([211, 175, 121, 112, 118, 222, 58, 61, 110, 223])[rng.integers(0, 10, n)]
    rest = rng.integers(1, 255, (n, 3))
    return [f"{a}.{b}.{c}.{d}" for a, (b, c, d) in zip(first.tolist(), rest.tolist(), strict=True)]
