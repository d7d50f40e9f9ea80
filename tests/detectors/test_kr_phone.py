import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.analyzer import analyze_text
from detectors.recognizers.kr_phone import KoreanPhoneRecognizer

RECOGNIZER = KoreanPhoneRecognizer()

MOBILES = st.builds(
    lambda sep, middle, last: f"010{sep}{middle}{sep}{last}",
    st.sampled_from(["-", ".", " ", ""]),
    st.from_regex(r"\A[2-46-9][0-9]{3}\Z"),  # libphonenumber leaves parts of 010-5xxx unassigned
    st.from_regex(r"\A[0-9]{4}\Z"),
)
LANDLINES = st.builds(
    lambda area, middle, last: f"{area}-{middle}-{last}",
    st.sampled_from(["02", "031", "032", "033", "041", "042", "043", "044", "051", "052", "053", "054", "055",
                     "061", "062", "063", "064"]),
    st.from_regex(r"\A[2-9][0-9]{2,3}\Z"), st.from_regex(r"\A[0-9]{4}\Z"),
)  # fmt: skip
NOISE = st.text(st.sampled_from("0123456789-. +()*연락처:\n"), max_size=16) | st.text(max_size=10)


@pytest.mark.parametrize(
    "text, value, score",
    [
        ("010-1234-5678", "010-1234-5678", 0.7),
        ("010.1234.5678", "010.1234.5678", 0.7),
        ("010 1234 5678", "010 1234 5678", 0.7),
        ("011-234-5678", "011-234-5678", 0.7),
        ("연락처: 010-9876-5432 (본인)", "010-9876-5432", 0.7),
        ("02-123-4567", "02-123-4567", 0.7),
        ("(02) 3456-7890", "(02) 3456-7890", 0.7),
        ("031-234-5678", "031-234-5678", 0.7),
        ("064-712-3456", "064-712-3456", 0.7),
        ("070-1234-5678", "070-1234-5678", 0.7),
        ("0504-123-4567", "0504-123-4567", 0.7),
        ("080-123-4567", "080-123-4567", 0.7),
        ("+82-10-1234-5678", "+82-10-1234-5678", 0.7),
        ("+82 10 1234 5678", "+82 10 1234 5678", 0.7),
        ("+821012345678", "+821012345678", 0.7),
        ("01012345678", "01012345678", 0.5),
        ("연락처01012345678", "01012345678", 0.5),  # glued to Hangul, not to an identifier's letters
        ("0212345678", "0212345678", 0.5),
        ("1588-1234", "1588-1234", 0.5),
        ("1644-0000", "1644-0000", 0.5),
        ("1012345678", "1012345678", 0.3),  # a numeric column dropped the leading zero
        ("1012345678.0", "1012345678.0", 0.3),
    ],
)
def test_finds_phone_numbers(text: str, value: str, score: float, spans, prefilter_hit) -> None:
    assert spans(RECOGNIZER, text) == [(value, score)]
    assert prefilter_hit(RECOGNIZER.PREFILTER, text)


@pytest.mark.parametrize(
    "text",
    [
        "010-****-5678",  # masked
        "010-1234-****",
        "060-123-4567",  # premium numbers are no personal line and fail our prefixes
        "012-3456-7890",  # no such mobile prefix
        "039-123-4567",  # no such area code
        "02-1234-56789",
        "2024-01-15",
        "2024.01.15 10:30",
        "1700000000",  # a Unix timestamp, not 017 without its zero
        "ORD-2024-000123",
        "978-89-1234-567-8",  # ISBN
        "192.168.0.1",
        "010.123.145.167",
        "SM-G991N",
        "고객번호 1012345678 외",  # lost-zero form only as the whole cell
        "6194afedd65b289e0221543734d46391",  # digit runs inside a hex session id
        "421cc024398028bb18f43c00e1edcf0f",
        "tok_01012345678abc",
    ],
)
def test_ignores_non_phone_numbers(text: str, spans) -> None:
    assert spans(RECOGNIZER, text) == []


def test_context_raises_the_score() -> None:
    alone = analyze_text("1012345678", entities=["PHONE_NUMBER"])
    in_phone_column = analyze_text("1012345678", context=["휴대폰"], entities=["PHONE_NUMBER"])
    assert alone[0].score < 0.4 <= in_phone_column[0].score


@settings(deadline=None)
@given(number=MOBILES | LANDLINES)
def test_generated_numbers_are_found(number: str, spans) -> None:
    assert [value for value, _ in spans(RECOGNIZER, f"연락처 {number}.")] == [number]


@settings(deadline=None)
@given(before=NOISE, middle=MOBILES | LANDLINES | st.text("0123456789-+ ", max_size=14), after=NOISE)
def test_prefilter_matches_every_cell_the_recognizer_fires_on(
    before: str, middle: str, after: str, superset
) -> None:
    superset(RECOGNIZER, before + middle + after)
