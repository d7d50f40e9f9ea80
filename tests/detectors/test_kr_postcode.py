import pytest
from hypothesis import given
from hypothesis import strategies as st

from detectors.analyzer import analyze_text
from detectors.recognizers.kr_postcode import KoreanPostcodeRecognizer

RECOGNIZER = KoreanPostcodeRecognizer()


@pytest.mark.parametrize("text", ["06236", "13494", "63534", "135-080", "우편번호 04524"])
def test_finds_postcodes_as_candidates(text: str, spans, prefilter_hit) -> None:
    assert [score for _, score in spans(RECOGNIZER, text)] == [0.1]
    assert prefilter_hit(RECOGNIZER.PREFILTER, text)


@pytest.mark.parametrize("text", ["99999", "00123", "010-1234-5678", "123456", "2024", "900101-1234567"])
def test_ignores_other_numbers(text: str, spans) -> None:
    assert spans(RECOGNIZER, text) == []


@pytest.mark.parametrize(
    "column, reported", [("zip_cd", True), ("우편번호", True), ("postcode", True), ("qty", False)]
)
def test_only_a_postcode_column_or_word_makes_a_finding(column: str, reported: bool) -> None:
    found = [
        r for r in analyze_text("06236", context=[column]) if r.entity_type == "ADDRESS" and r.score >= 0.4
    ]
    assert bool(found) is reported


@given(text=st.text(alphabet="0123456789- (", max_size=14))
def test_prefilter_covers_every_hit(text: str, superset) -> None:
    superset(RECOGNIZER, text)
