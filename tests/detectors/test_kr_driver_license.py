import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.analyzer import analyze_text
from detectors.recognizers.kr_driver_license import KoreanDriverLicenseRecognizer

RECOGNIZER = KoreanDriverLicenseRecognizer()

REGIONS = [str(n) for n in (*range(11, 27), 28)]
GROUPED = st.builds(
    lambda region, sep, year, serial, check: sep.join([region, year, serial, check]),
    st.sampled_from(REGIONS), st.sampled_from(["-", " "]), st.from_regex(r"\A[0-9]{2}\Z"),
    st.from_regex(r"\A[0-9]{6}\Z"), st.from_regex(r"\A[0-9]{2}\Z"),
)  # fmt: skip
NOISE = st.text(st.sampled_from("0123456789- 서울면허:\n"), max_size=16) | st.text(max_size=10)


@pytest.mark.parametrize(
    "text, value, score",
    [
        # Presidio's published vectors (same spans; the bare 12-digit form is WEAK here, not 1.0)
        ("11-22-123456-12", "11-22-123456-12", 0.5),
        ("My license is 13-22-123456-12", "13-22-123456-12", 0.5),
        ("28 22 123456 12", "28 22 123456 12", 0.5),
        ("112212345612", "112212345612", 0.1),
        # before June 2014 the region was printed as a name
        ("서울 19-123456-61", "서울 19-123456-61", 0.7),
        ("운전면허: 경기 05-654321-01", "경기 05-654321-01", 0.7),
    ],
)
def test_finds_licences(text: str, value: str, score: float, spans, prefilter_hit) -> None:
    assert spans(RECOGNIZER, text) == [(value, score)]
    assert prefilter_hit(RECOGNIZER.PREFILTER, text)


@pytest.mark.parametrize(
    "text",
    [
        # Presidio's negative vectors
        "99-22-123456-12", "11-22-12345-12", "11-22-123456-1", "11-22-123A56-12", "111-22-123456-12",
        "11-22-123456-123",
        # masked, mixed separators, region 27 (unused), look-alikes
        "11-**-******-**", "11-22 123456-12", "27-22-123456-12", "2024-01-15", "010-1234-5678",
    ],
)  # fmt: skip
def test_ignores_non_licences(text: str, spans) -> None:
    assert spans(RECOGNIZER, text) == []


def test_bare_digits_need_a_context_word() -> None:
    alone = analyze_text("112212345612", entities=["KR_DRIVER_LICENSE"])
    with_context = analyze_text("운전면허번호 112212345612", entities=["KR_DRIVER_LICENSE"])
    assert alone[0].score < 0.4 <= with_context[0].score


@settings(deadline=None)
@given(number=GROUPED)
def test_generated_grouped_licences_are_found(number: str, spans) -> None:
    assert spans(RECOGNIZER, f"면허 {number}") == [(number, 0.5)]


@settings(deadline=None)
@given(before=NOISE, middle=GROUPED | st.text("0123456789- ", max_size=16), after=NOISE)
def test_prefilter_matches_every_cell_the_recognizer_fires_on(
    before: str, middle: str, after: str, superset
) -> None:
    superset(RECOGNIZER, before + middle + after)
