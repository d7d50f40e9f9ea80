import pytest
from hypothesis import given
from hypothesis import strategies as st

from detectors.analyzer import analyze_text
from detectors.recognizers.kr_address_detail import KoreanAddressDetailRecognizer

RECOGNIZER = KoreanAddressDetailRecognizer()


@pytest.mark.parametrize(
    "text, value, score",
    [
        ("104동 1903호", "104동 1903호", 0.5),
        ("104동1903호", "104동1903호", 0.5),
        ("래미안아파트 101-1203", "래미안아파트 101-1203", 0.5),
        ("○○아파트 101-1203", "○○아파트 101-1203", 0.5),
        ("푸르지오아파트 105동 1201호", "푸르지오아파트 105동 1201호", 0.5),
        ("3층 302호", "3층 302호", 0.3),
        ("지하 1층 102호", "지하 1층 102호", 0.3),
        ("B1 상가 12호", "B1 상가 12호", 0.3),
        ("1903호", "1903호", 0.1),
        ("숙소는 103동 501호입니다", "103동 501호", 0.5),
    ],
)
def test_finds_detail_lines(text: str, value: str, score: float, spans, prefilter_hit) -> None:
    assert spans(RECOGNIZER, text) == [(value, score)]
    assert prefilter_hit(RECOGNIZER.PREFILTER, text)


@pytest.mark.parametrize(
    "text", ["오후 3시 30분", "2층 회복실", "주문 12호 배송", "제3호 서식", "12동", "1903"]
)
def test_ignores_other_numbers(text: str, spans) -> None:
    assert spans(RECOGNIZER, text) == []


@pytest.mark.parametrize(
    "column, text, reported",
    [("addr2", "1903호", True), ("상세주소", "3층 302호", True), ("room_no", "302호", False)],
)
def test_a_bare_unit_needs_an_address_column(column: str, text: str, reported: bool) -> None:
    found = [r for r in analyze_text(text, context=[column]) if r.entity_type == "ADDRESS" and r.score >= 0.4]
    assert bool(found) is reported


@given(text=st.text(alphabet="0123456789동호층 B-아파트상가지하", max_size=20))
def test_prefilter_covers_every_hit(text: str, superset) -> None:
    superset(RECOGNIZER, text)
