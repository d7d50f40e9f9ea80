"""A photo's capture time and camera: found in EXIF-shaped values, confirmed by a photo column's name."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detectors.analyzer import analyze_text
from detectors.recognizers.date_of_birth import DateOfBirthRecognizer
from detectors.recognizers.photo_metadata import PhotoMetadataRecognizer

RECOGNIZER = PhotoMetadataRecognizer()


@pytest.mark.parametrize(
    "text, value, score",
    [
        ("2026-11-02 14:03:11", "2026-11-02 14:03:11", 0.1),
        ("2026:11:02 14:03:11", "2026:11:02 14:03:11", 0.1),  # as EXIF writes it
        ("2019-05-04T09:30", "2019-05-04T09:30", 0.1),
        ("Apple iPhone 15 Pro", "Apple iPhone 15 Pro", 0.1),
        ("samsung SM-S918N", "samsung SM-S918N", 0.1),
        ("Apple iPhone 15 Pro S/N 052021004321", "Apple iPhone 15 Pro S/N 052021004321", 0.1),
        ("Canon Canon EOS R6 S/N 083021001234", "Canon Canon EOS R6 S/N 083021001234", 0.1),
        ("S/N 052021004321", "S/N 052021004321", 0.3),
    ],
)
def test_finds_capture_times_and_cameras(text: str, value: str, score: float, spans, prefilter_hit) -> None:
    assert (value, score) in spans(RECOGNIZER, text)
    assert prefilter_hit(RECOGNIZER.PREFILTER, text)


@pytest.mark.parametrize(
    "text",
    [
        "2026-02-30 14:03:11",  # no such day
        "2026-11-02",  # a date without a time: the birth-date recognizer's, not a capture time
        "14:03:11",
        "SM-G991N",  # a bare model number (an app's device column)
        "Pineapple iPhone",
        "S/N 12",
    ],
)
def test_ignores_what_is_no_capture_time_or_camera(text: str, spans) -> None:
    assert spans(RECOGNIZER, text) == []


@pytest.mark.parametrize(
    "column, text",
    [("촬영일시", "2026-11-02 14:03:11"), ("촬영기기", "Apple iPhone 15 Pro S/N 052021004321")],
)
def test_a_photo_column_confirms_the_value(column: str, text: str) -> None:
    found = analyze_text(text, context=[column])
    assert {r.entity_type for r in found if r.score >= 0.4} == {"PHOTO_METADATA"}


@pytest.mark.parametrize("column", ["방문일시", "created_at", "기기모델", "device_model"])
def test_without_photo_context_a_timestamp_or_a_phone_model_is_nothing(column: str) -> None:
    for text in ("2026-11-02 14:03:11", "Apple iPhone 15 Pro", "S/N 052021004321"):
        assert [r for r in analyze_text(text, context=[column]) if r.score >= 0.4] == [], (column, text)


def test_the_birth_date_recognizer_does_not_claim_a_capture_time(spans) -> None:
    assert spans(DateOfBirthRecognizer(), "2026-11-02 14:03:11") == []


@given(text=st.text(alphabet="0123456789-:/. TSNAple", max_size=30))
def test_prefilter_covers_every_hit(text: str, superset) -> None:
    superset(RECOGNIZER, text)
