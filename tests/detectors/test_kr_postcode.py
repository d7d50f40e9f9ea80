import pytest
from hypothesis import given
from hypothesis import strategies as st

from detectors.recognizers.kr_postcode import KoreanPostcodeRecognizer

RECOGNIZER = KoreanPostcodeRecognizer()


@pytest.mark.parametrize(
    "text, value",
    [
        ("(06236) 서울특별시 강남구 테헤란로 1", "(06236)"),
        ("우편번호 06236", "06236"),
        ("zip: 135-080", "135-080"),
        ("우편번호:04524", "04524"),
    ],
)
def test_finds_postcodes_written_as_postcodes(text: str, value: str, spans, prefilter_hit) -> None:
    assert spans(RECOGNIZER, text) == [(value, 0.3)]
    assert prefilter_hit(RECOGNIZER.PREFILTER, text)


@pytest.mark.parametrize(
    "text", ["06236", "13494", "99999", "(99999)", "010-1234-5678", "user12345@naver.com", "우편번호 99999"]
)
def test_ignores_bare_and_impossible_numbers(text: str, spans) -> None:
    assert spans(RECOGNIZER, text) == []


@given(text=st.text(alphabet="0123456789-() 우편번호zip:", max_size=16))
def test_prefilter_covers_every_hit(text: str, superset) -> None:
    superset(RECOGNIZER, text)
