import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.analyzer import analyze_text
from detectors.recognizers.date_of_birth import DateOfBirthRecognizer

RECOGNIZER = DateOfBirthRecognizer()

BIRTH_DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date.today())
LAYOUTS = ["%Y-%m-%d", "%Y.%m.%d", "%Y/%m/%d", "%Y%m%d", "%Y년 %m월 %d일", "%Y. %m. %d."]
NOISE = st.text(st.sampled_from("0123456789-./: T년월일생 \n"), max_size=16) | st.text(max_size=10)


@pytest.mark.parametrize(
    "text, value, score",
    [
        ("1990-01-01", "1990-01-01", 0.1),
        ("1990.1.1", "1990.1.1", 0.1),
        ("1985/12/31", "1985/12/31", 0.1),
        ("1990. 01. 01.", "1990. 01. 01.", 0.1),
        ("1990년 1월 1일", "1990년 1월 1일", 0.1),
        ("생년월일: 1990-01-01", "1990-01-01", 0.1),
        ("1990년 1월 1일생", "1990년 1월 1일생", 0.5),
        ("2000.02.29생", "2000.02.29생", 0.5),
        ("19900101", "19900101", 0.05),
        ("31/12/1985", "31/12/1985", 0.05),
        ("12/31/1985", "12/31/1985", 0.05),
    ],
)
def test_finds_dates(text: str, value: str, score: float, spans, prefilter_hit) -> None:
    assert spans(RECOGNIZER, text) == [(value, score)]
    assert prefilter_hit(RECOGNIZER.PREFILTER, text)


@pytest.mark.parametrize(
    "text",
    [
        "1990-**-**",  # masked
        "1990-02-30",  # no such day
        "1900-02-29",  # 1900 was no leap year
        "1899-12-31",  # too early for a living patient
        "2099-01-01",  # in the future
        "2024-01-15 10:30:00",  # timestamps are events
        "2024-01-15T10:30:00Z",
        "2024.01.15 14:00",
        "20240115103000",
        "13/13/1990",
        "900101",  # a bare yymmdd is too ambiguous
        "ORD-2024-000123",
    ],
)
def test_ignores_non_birth_dates(text: str, spans) -> None:
    assert spans(RECOGNIZER, text) == []


def test_birth_context_makes_a_date_a_finding() -> None:
    alone = analyze_text("1990-01-01", entities=["DATE_OF_BIRTH"])
    labelled = analyze_text("생년월일 1990-01-01", entities=["DATE_OF_BIRTH"])
    in_dob_column = analyze_text("19900101", context=["birth_date"], entities=["DATE_OF_BIRTH"])
    assert alone[0].score < 0.4 <= labelled[0].score
    assert in_dob_column[0].score >= 0.4


@settings(deadline=None)
@given(born=BIRTH_DATES, layout=st.sampled_from(LAYOUTS))
def test_every_past_date_in_every_layout_is_a_candidate(born: dt.date, layout: str, spans) -> None:
    text = born.strftime(layout)
    assert [value for value, _ in spans(RECOGNIZER, text)] == [text]


@settings(deadline=None)
@given(before=NOISE, middle=BIRTH_DATES.map(lambda d: d.strftime("%Y-%m-%d")) | st.just(""), after=NOISE)
def test_prefilter_matches_every_cell_the_recognizer_fires_on(
    before: str, middle: str, after: str, superset
) -> None:
    superset(RECOGNIZER, before + middle + after)
