import pytest
from hypothesis import given
from hypothesis import strategies as st

from detectors.recognizers.gps_position import GpsPositionRecognizer

RECOGNIZER = GpsPositionRecognizer()


@pytest.mark.parametrize(
    "text, value",
    [
        ("37.517000, 127.028000", "37.517000, 127.028000"),
        ("촬영 위치 35.1796,129.0756 부산", "35.1796,129.0756"),
        ("-33.868820, 151.209296", "-33.868820, 151.209296"),
    ],
)
def test_finds_positions_in_decimal_degrees(text: str, value: str, spans, prefilter_hit) -> None:
    assert spans(RECOGNIZER, text) == [(value, 0.5)]
    assert prefilter_hit(RECOGNIZER.PREFILTER, text)


@pytest.mark.parametrize(
    "text",
    [
        "0.000000, 0.000000",  # no fix
        "95.123456, 127.028000",  # no such latitude
        "37.517000, 190.028000",  # no such longitude
        "37.5, 127.0",  # too coarse to place anyone
        "1.2345.6789, 127.0280",
        "합계 1,234.5678",
    ],
)
def test_ignores_what_is_not_a_position(text: str, spans) -> None:
    assert spans(RECOGNIZER, text) == []


@given(text=st.text(alphabet="0123456789.,- ", max_size=30))
def test_prefilter_covers_every_hit(text: str, superset) -> None:
    superset(RECOGNIZER, text)
