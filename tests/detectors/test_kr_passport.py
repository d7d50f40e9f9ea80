import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.analyzer import analyze_text
from detectors.recognizers.kr_passport import KoreanPassportRecognizer

RECOGNIZER = KoreanPassportRecognizer()

NEW_FORM = st.from_regex(r"\A[MSRGOD][0-9]{3}[A-Z][0-9]{4}\Z")
OLD_FORM = st.from_regex(r"\A[MSROD][0-9]{8}\Z")  # G + 8 digits: China (test_passport.py)
NOISE = st.text(st.sampled_from("0123456789MSRGOD AZ-여권번호:\n"), max_size=16) | st.text(max_size=10)


@pytest.mark.parametrize(
    "text, value, score",
    [
        # Presidio's published vectors (same spans; our scores: 2021 form MEDIUM, old form WEAK)
        ("M123A4567", "M123A4567", 0.5),
        ("m456B7890", "m456B7890", 0.5),
        ("d789C1234", "d789C1234", 0.5),
        ("S012D5678", "S012D5678", 0.5),
        ("M678f3456", "M678f3456", 0.5),
        ("My passport number is M123A4567", "M123A4567", 0.5),
        ("여권번호는 M789C1234입니다", "M789C1234", 0.5),
        ("M12345678", "M12345678", 0.1),
        ("d11223344", "d11223344", 0.1),
        ("대한민국 여권 S87654321", "S87654321", 0.1),
        # official passports (G), documented by passport.go.kr, missing from Presidio
        ("G123A4567", "G123A4567", 0.5),
    ],
)
def test_finds_passports(text: str, value: str, score: float, spans, prefilter_hit) -> None:
    assert spans(RECOGNIZER, text) == [(value, score)]
    assert prefilter_hit(RECOGNIZER.PREFILTER, text)


@pytest.mark.parametrize(
    "text",
    [
        # Presidio's negative vectors
        "A123B4567", "M12A4567", "M1234A567", "M123AB567", "M123A456", "M123A45678", "M1234567",
        "M123456789", "123A4567", "MM123A4567", "M123 A4567", "M123-A4567", "", "passport", "M123a456",
        # masked and look-alikes
        "M1*******", "SM-G991N", "ORD-2024-000123", "XM123A4567",
    ],
)  # fmt: skip
def test_ignores_non_passports(text: str, spans) -> None:
    assert spans(RECOGNIZER, text) == []


def test_old_form_needs_a_context_word() -> None:
    alone = analyze_text("M12345678", entities=["KR_PASSPORT"])
    with_context = analyze_text("여권번호: M12345678", entities=["KR_PASSPORT"])
    assert alone[0].score < 0.4 <= with_context[0].score


@settings(deadline=None)
@given(number=NEW_FORM | OLD_FORM)
def test_generated_passports_are_found(number: str, spans) -> None:
    assert [value for value, _ in spans(RECOGNIZER, f"여권 {number}.")] == [number]


@settings(deadline=None)
@given(before=NOISE, middle=NEW_FORM | OLD_FORM | st.just(""), after=NOISE)
def test_prefilter_matches_every_cell_the_recognizer_fires_on(
    before: str, middle: str, after: str, superset
) -> None:
    superset(RECOGNIZER, before + middle + after)
