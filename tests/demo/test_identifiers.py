"""Fake identifiers pass the same checks real ones do: RRN check digits and dates, Luhn, phone shapes."""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from demo.identifiers import (
    luhn_ok,
    make_cards,
    make_ips,
    make_landlines,
    make_mobiles,
    make_rrns,
    phone_as_integer,
    rrn_as_integer,
    rrn_birth_date,
    rrn_check_digit,
    rrn_checksum_ok,
)


@pytest.mark.parametrize(
    ("rrn", "valid"),
    [
        ("960121-1021413", True),  # Presidio's strong vectors
        ("050912-2000019", True),
        ("9710131019901", True),  # python-stdnum, no dash
        ("960121-1234567", False),  # Presidio's medium vector: check digit fails
        ("971013-9019903", False),  # stdnum: invalid checksum
        ("960121-102141", False),  # too short
        ("96012a-1021413", False),
    ],
)
def test_rrn_checksum(rrn: str, valid: bool) -> None:
    assert rrn_checksum_ok(rrn) is valid


def test_rrn_check_digit_needs_twelve_digits() -> None:
    with pytest.raises(ValueError, match="first 12 digits"):
        rrn_check_digit("96012110214")


@pytest.mark.parametrize(
    ("rrn", "born"),
    [
        ("960121-1021413", date(1996, 1, 21)),
        ("050912-3000019", date(2005, 9, 12)),
        ("971013-9019902", date(1897, 10, 13)),
        ("001332-1234567", None),  # month 13
        ("960230-2000000", None),  # 30 February
        ("960121-5021413", None),  # a foreigner's gender digit is no RRN century
    ],
)
def test_rrn_birth_date(rrn: str, born: date | None) -> None:
    assert rrn_birth_date(rrn) == born


@settings(max_examples=60, deadline=None)
@given(
    births=st.lists(st.dates(date(1930, 1, 1), date(2024, 12, 31)), min_size=1, max_size=40),
    seed=st.integers(0, 2**32 - 1),
)
def test_generated_rrns_encode_birth_and_sex_with_a_valid_check_digit(births: list[date], seed: int) -> None:
    rng = np.random.default_rng(seed)
    male = rng.random(len(births)) < 0.5
    rrns = make_rrns(rng, np.array(births, dtype="datetime64[D]"), male, random_tail_ratio=0.0)
    for rrn, born, is_male in zip(rrns, births, male.tolist(), strict=True):
        assert re.fullmatch(r"\d{6}-[1-4]\d{6}", rrn)
        assert rrn_birth_date(rrn) == born
        assert (int(rrn[7]) % 2 == 1) is is_male
        assert rrn_checksum_ok(rrn)
        assert int(rrn[8:10]) <= 95  # region codes run 00-95


def test_random_tail_rrns_keep_a_valid_date_but_mostly_fail_the_checksum() -> None:
    rng = np.random.default_rng(7)
    births = np.array(["1990-05-05"] * 400, dtype="datetime64[D]")
    rrns = make_rrns(rng, births, np.zeros(400, dtype=bool), random_tail_ratio=1.0)
    assert all(rrn_birth_date(r) == date(1990, 5, 5) for r in rrns)
    failing = sum(not rrn_checksum_ok(r) for r in rrns)
    assert 300 < failing < 400  # about 9 in 10 random tails miss the check digit


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("4111-1111-1111-1111", True),
        ("5500 0000 0000 0004", True),
        ("3530111333300000", True),
        ("4111-1111-1111-1112", False),
        ("1234-5678-9012-3456", False),
        ("4111", False),
    ],
)
def test_luhn(number: str, valid: bool) -> None:
    assert luhn_ok(number) is valid


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_generated_cards_pass_luhn_and_any_single_digit_change_fails(seed: int) -> None:
    rng = np.random.default_rng(seed)
    for card in make_cards(rng, 20):
        assert re.fullmatch(r"\d{4}-\d{4}-\d{4}-\d{4}", card)
        assert luhn_ok(card)
        last = int(card[-1])
        assert not luhn_ok(card[:-1] + str((last + 1) % 10))


def test_phone_shapes() -> None:
    rng = np.random.default_rng(1)
    assert all(re.fullmatch(r"010-[2-9]\d{3}-\d{4}", m) for m in make_mobiles(rng, 200))
    lines = make_landlines(rng, 200, ("02", "031", "051"))
    assert all(re.fullmatch(r"0\d{1,2}-[2-9]\d{2,3}-\d{4}", t) for t in lines)
    assert phone_as_integer("010-1234-5678") == 1012345678
    assert rrn_as_integer("050912-3000019") == 509123000019  # born 2005: the leading zero is lost


def test_ips_are_public_ipv4() -> None:
    for ip in make_ips(np.random.default_rng(3), 200):
        parts = [int(p) for p in ip.split(".")]
        assert len(parts) == 4 and all(0 < p < 255 for p in parts)
        assert parts[0] not in (10, 127, 172, 192)
