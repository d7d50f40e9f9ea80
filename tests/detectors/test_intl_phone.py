import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.recognizers.intl_phone import InternationalPhoneRecognizer

RECOGNIZER = InternationalPhoneRecognizer()
COUNTRIES = ["CN", "JP", "US", "RU", "VN", "TH", "MN", "KZ", "UZ", "PH"]


@pytest.mark.parametrize(
    "text, value",
    [
        ("+86 138 0743 3287", "+86 138 0743 3287"),
        ("+8613807433287", "+8613807433287"),
        ("+81 90-2646-6285", "+81 90-2646-6285"),
        ("+1 (213) 555-0147", "+1 (213) 555-0147"),
        ("+7 916 697-26-80", "+7 916 697-26-80"),
        ("+84 91 234 56 78", "+84 91 234 56 78"),
        ("0086 138 0743 3287", "0086 138 0743 3287"),
        ("WeChat 연락 안 되면 +63 907 727 1715 로 전화.", "+63 907 727 1715"),
        ("联系电话 +86 139 1234 5678", "+86 139 1234 5678"),
    ],
)
def test_finds_numbers_abroad(text: str, value: str, spans, prefilter_hit) -> None:
    assert spans(RECOGNIZER, text) == [(value, 0.7)]
    assert prefilter_hit(RECOGNIZER.PREFILTER, text)


@pytest.mark.parametrize(
    "text",
    [
        "+82 10-1234-5678",  # Korean: the Korean recognizer's
        "+86 123",  # too short
        "+1 000-000-0000",  # not in the US plan
        "version 2.0.1+86",
        "0082 10 1234 5678",
    ],
)
def test_ignores_korean_and_invalid_numbers(text: str, spans) -> None:
    assert spans(RECOGNIZER, text) == []


@settings(max_examples=60)
@given(region=st.sampled_from(COUNTRIES), seed=st.integers(0, 10**6))
def test_every_valid_mobile_number_is_found(region: str, seed: int, spans) -> None:
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    assert example is not None
    national = str(example.national_number)
    tail = str(seed).zfill(len(national) - 2)[-(len(national) - 2) :]
    number = phonenumbers.parse(f"+{example.country_code}{national[:2]}{tail}")
    text = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    assert bool(spans(RECOGNIZER, text)) is phonenumbers.is_valid_number(number)
