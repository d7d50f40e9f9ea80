import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from detectors.recognizers.checks import luhn_complete, luhn_ok
from detectors.recognizers.credit_card import PaymentCardRecognizer

RECOGNIZER = PaymentCardRecognizer()

VISA_OR_MASTERCARD = st.sampled_from(["4", "51", "52", "53", "54", "55", "2221", "2720"]).flatmap(
    lambda prefix: st.text("0123456789", min_size=15 - len(prefix), max_size=15 - len(prefix)).map(
        lambda body: luhn_complete(prefix + body)
    )
)
SIXTEEN_DIGITS = st.text("0123456789", min_size=16, max_size=16)
NOISE = st.text(st.sampled_from("0123456789- *카드:\n"), max_size=16) | st.text(max_size=10)


def _grouped(digits: str, sep: str) -> str:
    return sep.join(digits[i : i + 4] for i in range(0, 16, 4))


@pytest.mark.parametrize(
    "text, value, score",
    [
        # Presidio's published vectors (test_credit_card_recognizer.py); unbroken runs stay 0.7 here
        ("4012888888881881", "4012888888881881", 0.7),
        ("4012-8888-8888-1881", "4012-8888-8888-1881", 1.0),
        ("4012 8888 8888 1881", "4012 8888 8888 1881", 1.0),
        ("371449635398431", "371449635398431", 0.7),
        ("5555555555554444", "5555555555554444", 0.7),
        ("30569309025904", "30569309025904", 0.7),
        ("6011000400000000", "6011000400000000", 0.7),
        ("3528000700000000", "3528000700000000", 0.7),
        ("4111111111111111", "4111111111111111", 0.7),
        ("4917300800000000", "4917300800000000", 0.7),
        ("4484070000000000", "4484070000000000", 0.7),
        # other well-known test numbers (Amex grouped 4-6-5, Mastercard 2-series, UnionPay)
        ("4111-1111-1111-1111", "4111-1111-1111-1111", 1.0),
        ("5105-1051-0510-5100", "5105-1051-0510-5100", 1.0),
        ("3782-822463-10005", "3782-822463-10005", 1.0),
        ("6250941006528599", "6250941006528599", 0.7),
        ("2221000000000009", "2221000000000009", 0.7),
        ("카드번호: 4111-1111-1111-1111 (일시불)", "4111-1111-1111-1111", 1.0),
    ],
)
def test_finds_cards(text: str, value: str, score: float, spans, prefilter_hit) -> None:
    assert spans(RECOGNIZER, text) == [(value, score)]
    assert prefilter_hit(RECOGNIZER.PREFILTER, text)


@pytest.mark.parametrize(
    "text",
    [
        "****-****-****-1234",  # masked
        "4111-11**-****-1111",
        "4012-8888-8888-1882",  # Presidio's invalid vectors: Luhn fails
        "36168002586008",
        "4111-1111-1111-1112",
        "4111111111111112",
        "1234-5678-9012-3456",  # no brand
        "0000-0000-0000-0000",  # Luhn passes, no brand
        "4111-1111 1111-1111",  # mixed separators
        "9781234567897",  # ISBN-13 (no brand starts with 97 at 13 digits)
        "20240115103000123",  # timestamp in ms + digits
        "41111111111111111111",  # too long
    ],
)
def test_ignores_non_cards(text: str, spans) -> None:
    assert spans(RECOGNIZER, text) == []


@settings(deadline=None)
@given(number=VISA_OR_MASTERCARD, sep=st.sampled_from(["-", " "]))
def test_grouped_luhn_valid_cards_are_certain(number: str, sep: str, spans) -> None:
    text = _grouped(number, sep)
    assert spans(RECOGNIZER, f"카드 {text}") == [(text, 1.0)]


@settings(deadline=None)
@given(digits=SIXTEEN_DIGITS, sep=st.sampled_from(["-", " ", ""]))
def test_luhn_invalid_numbers_are_never_cards(digits: str, sep: str, spans) -> None:
    assume(not luhn_ok(digits))
    assert spans(RECOGNIZER, _grouped(digits, sep)) == []


@settings(deadline=None)
@given(before=NOISE, middle=VISA_OR_MASTERCARD | SIXTEEN_DIGITS, after=NOISE)
def test_prefilter_matches_every_cell_the_recognizer_fires_on(
    before: str, middle: str, after: str, superset
) -> None:
    superset(RECOGNIZER, before + middle + after)
