import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.analyzer import analyze_text
from detectors.entities import ALL_ENTITIES
from detectors.masking import FULL_MASK, MASKERS, mask, mask_result
from detectors.recognizers.checks import luhn_complete, rrn_check_digit


def _digits(text: str) -> str:
    return "".join(re.findall(r"[0-9]", text))


@pytest.mark.parametrize(
    "entity, value, masked",
    [
        ("KR_RRN", "900101-1234567", "900101-1******"),
        ("KR_RRN", "9001011234567", "900101-1******"),
        ("KR_RRN", "509122000019", "050912-2******"),
        ("KR_FRN", "911124-5678906", "911124-5******"),
        ("PHONE_NUMBER", "010-1234-5678", "010-****-5678"),
        ("PHONE_NUMBER", "01012345678", "010-****-5678"),
        ("PHONE_NUMBER", "02-123-4567", "02-****-4567"),
        ("PHONE_NUMBER", "0504-123-4567", "0504-****-4567"),
        ("PHONE_NUMBER", "+82 10 1234 5678", "010-****-5678"),
        ("PHONE_NUMBER", "1012345678", "010-****-5678"),
        ("PHONE_NUMBER", "1588-1234", "1588-****"),
        # Abroad: the country code, the first group, the last four and the shape stay.
        ("PHONE_NUMBER", "+86 138 1234 5678", "+86 138 **** 5678"),
        ("PHONE_NUMBER", "+8613812345678", "+86138****5678"),
        ("PHONE_NUMBER", "0086 138 1234 5678", "0086 138 **** 5678"),
        ("PHONE_NUMBER", "+81 90-1234-5678", "+81 90-****-5678"),
        ("PHONE_NUMBER", "+1 212-555-0100", "+1 212-***-0100"),
        ("PHONE_NUMBER", "+84 91 234 5678", "+84 91 *** 5678"),
        ("PHONE_NUMBER", "+86 12", "********"),  # too short to show anything
        ("EMAIL_ADDRESS", "hong@example.com", "h***@example.com"),
        ("CREDIT_CARD", "4111-1111-1111-1234", "****-****-****-1234"),
        ("CREDIT_CARD", "378282246310005", "****-****-****-0005"),
        ("BANK_ACCOUNT", "110-123-456789", "***-***-****89"),
        ("BANK_ACCOUNT", "1234567890123", "***********23"),
        ("PERSON", "김민수", "김*수"),
        ("PERSON", "김훈", "김*"),
        ("PERSON", "황보혜정", "황**정"),
        ("PERSON", "Kim Minsu", "K** M****"),
        ("ADDRESS", "서울특별시 강남구 테헤란로 123", "서울특별시 강남구 ***"),
        ("ADDRESS", "강남구 테헤란로 123", "강남구 ***"),
        ("IP_ADDRESS", "192.168.10.20", "192.168.*.*"),
        ("IP_ADDRESS", "2001:db8::1", "2001:db8:****"),
        ("PASSWORD", "Abcd1234!", "********"),
        ("PASSWORD", "x", "********"),
        ("PASSWORD_HASH", "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW", "$2b$12$…"),
        ("PASSWORD_HASH", "$argon2id$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub", "$argon2id$…"),
        ("PASSWORD_HASH", "pbkdf2_sha256$870000$salt$abcd", "pbkdf2_sha256$…"),
        ("PASSWORD_HASH", "{SSHA}abcdefghijklmnop", "{SSHA}…"),
        (
            "PASSWORD_HASH",
            "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
            "<hex digest>…",
        ),
        ("KR_PASSPORT", "M123A4567", "M1*******"),
        ("KR_DRIVER_LICENSE", "11-22-123456-12", "11-**-******-**"),
        ("KR_DRIVER_LICENSE", "서울 19-123456-61", "서울 **-******-**"),
        ("DATE_OF_BIRTH", "1990-01-01", "1990-**-**"),
        ("DATE_OF_BIRTH", "1990년 1월 1일", "1990년 *월 *일"),
        ("DATE_OF_BIRTH", "19900101", "1990****"),
        ("MEDICAL_INFO", "J30.1", "J3*.*"),
        ("MEDICAL_INFO", "쌍꺼풀", "쌍**"),
        ("PHOTO_METADATA", "2026-11-02 14:03:11", "2026-**-** **:**:**"),
        ("PHOTO_METADATA", "Apple iPhone 15 Pro S/N 052021004321", "Apple iPhone 15 Pro S/N ********"),
        ("PHOTO_METADATA", "S/N 3081234", "S/N ********"),
        ("US_SSN", "123-45-6789", FULL_MASK),  # unknown entity: masked completely
        ("KR_RRN", "   ", ""),
    ],
)
def test_masks(entity: str, value: str, masked: str) -> None:
    assert mask(entity, value) == masked


def test_every_entity_has_a_masking_rule() -> None:
    assert set(ALL_ENTITIES) == set(MASKERS)


@st.composite
def rrns(draw: st.DrawFn) -> str:
    born = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2024, 12, 31)))
    body = f"{born:%y%m%d}{draw(st.sampled_from('1234'))}" + draw(
        st.text("0123456789", min_size=5, max_size=5)
    )
    return body[:6] + draw(st.sampled_from(["-", ""])) + body[6:] + str(rrn_check_digit(body))


@settings(deadline=None)
@given(rrn=rrns())
def test_masked_rrns_show_birth_date_and_gender_digit_only(rrn: str) -> None:
    masked = mask("KR_RRN", rrn)
    assert _digits(masked) == _digits(rrn)[:7]


@settings(deadline=None)
@given(middle=st.from_regex(r"\A[0-9]{4}\Z"), last=st.from_regex(r"\A[0-9]{4}\Z"))
def test_masked_phones_show_prefix_and_last_four_only(middle: str, last: str) -> None:
    masked = mask("PHONE_NUMBER", f"010-{middle}-{last}")
    assert masked == f"010-****-{last}"


@settings(deadline=None)
@given(body=st.text("0123456789", min_size=15, max_size=15))
def test_masked_cards_show_the_last_four_digits_only(body: str) -> None:
    card = luhn_complete(body)
    masked = mask("CREDIT_CARD", card)
    assert _digits(masked) == card[-4:]


@settings(deadline=None)
@given(password=st.text(min_size=1, max_size=64).filter(lambda p: p.strip()))
def test_masked_passwords_reveal_nothing(password: str) -> None:
    assert mask("PASSWORD", password) == FULL_MASK


@settings(deadline=None)
@given(
    entity=st.sampled_from(["BANK_ACCOUNT", "KR_DRIVER_LICENSE", "KR_PASSPORT", "CREDIT_CARD", "KR_RRN"]),
    digits=st.text("0123456789", min_size=12, max_size=16),
)
def test_no_masked_number_contains_the_raw_digit_run(entity: str, digits: str) -> None:
    masked = mask(entity, digits)
    assert digits not in masked
    assert len(_digits(masked)) <= 7


def test_analyzer_evidence_never_contains_a_raw_value() -> None:
    text = (
        "환자 김민수 님, 주민번호 900101-1234567, 연락처 010-9876-5432, hong@example.com, "
        "카드 4111-1111-1111-1111, 계좌 110-123-456789, 비밀번호: Qwer1234!, 서울특별시 강남구 테헤란로 123"
    )
    results = analyze_text(text)
    assert len(results) >= 8
    for result in results:
        raw = text[result.start : result.end]
        assert raw not in mask_result(text, result), result.entity_type


@settings(deadline=None)
@given(number=st.from_regex(r"\A1[3-9][0-9]{9}\Z"), separated=st.booleans())
def test_masked_foreign_phones_keep_their_country_code_and_hide_the_middle(
    number: str, separated: bool
) -> None:
    phone = f"+86 {number[:3]} {number[3:7]} {number[7:]}" if separated else f"+86{number}"
    masked = mask("PHONE_NUMBER", phone)
    assert masked.startswith("+86") and len(masked) == len(phone)
    assert masked.count("*") == 4 and masked.endswith(number[-4:])
