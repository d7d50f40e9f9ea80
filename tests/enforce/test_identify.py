"""Normalizing what identifies a person: phones, RRNs, e-mails, names, and the --find arguments."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from enforce import EnforceError, parse_find
from enforce.identify import normalize_email, normalize_phone, normalize_rrn, phone_forms, rrn_forms


@pytest.mark.parametrize(
    "text",
    [
        "010-1111-0002",
        "01011110002",
        "010 1111 0002",
        "010.1111.0002",
        "(010) 1111-0002",
        "+82 10-1111-0002",
        "+82-10-1111-0002",
        "+821011110002",
        "+82 010 1111 0002",
        "82-10-1111-0002",
        " 010-1111-0002 ",
    ],
)
def test_phone_forms_normalize_to_one(text: str) -> None:
    assert normalize_phone(text) == "01011110002"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("02-555-0101", "025550101"), ("031-555-0101", "0315550101"), ("+82 2 555 0101", "025550101")],
)
def test_landlines(text: str, expected: str) -> None:
    assert normalize_phone(text) == expected


@pytest.mark.parametrize(
    "text", ["", "1234", "010-1111", "+1 415 555 0100", "abc", "010-1111-0002-99", "1011110002"]
)
def test_not_phones(text: str) -> None:
    assert normalize_phone(text) is None


@given(
    st.sampled_from(["010", "011", "016", "02", "031", "051", "070"]),
    st.integers(0, 9999),
    st.integers(0, 9999),
)
def test_every_stored_form_of_a_phone_reads_back(prefix: str, middle: int, last: int) -> None:
    width = 3 if prefix == "02" and middle < 1000 else 4
    canonical = f"{prefix}{middle:0{width}d}{last:04d}"
    for form in phone_forms(canonical):
        assert normalize_phone(form) == canonical, form


@pytest.mark.parametrize("text", ["900101-1234567", "9001011234567", "900101 1234567", " 900101-1234567"])
def test_rrn_with_or_without_dash(text: str) -> None:
    assert normalize_rrn(text) == "9001011234567"
    assert rrn_forms("9001011234567") == ["900101-1234567", "9001011234567"]


@pytest.mark.parametrize("text", ["900101-123456", "90010112345678", "abc", ""])
def test_not_rrns(text: str) -> None:
    assert normalize_rrn(text) is None


@given(st.from_regex(r"[A-Za-z0-9._]{1,12}@[A-Za-z0-9]{1,10}\.(com|kr|net)", fullmatch=True))
def test_email_case_is_folded(address: str) -> None:
    assert normalize_email(address.upper()) == normalize_email(address) == address.lower()


@pytest.mark.parametrize("text", ["no-at-sign", "a@b", "two@@x.com", "a b@x.com"])
def test_not_emails(text: str) -> None:
    assert normalize_email(text) is None


def test_parse_find_accepts_aliases_and_normalizes() -> None:
    query = parse_find(["name=김 민준", "mobile=+82 10-1111-0001", "member_id=42", "EMAIL=Kim@Example.com"])
    assert query.names == ("김민준",) and query.phones == ("01011110001",)
    assert query.ids == ("42",) and query.emails == ("kim@example.com",)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["name=김민준"], "name alone"),
        (["phone=12"], "not a Korean phone"),
        (["rrn=123"], "resident registration"),
        (["email=x"], "not an e-mail"),
        (["shoe=42"], "unknown key"),
        (["phone"], "KEY=VALUE"),
        ([], "name alone"),
    ],
)
def test_parse_find_refuses(args: list[str], message: str) -> None:
    with pytest.raises(EnforceError, match=message):
        parse_find(args)
