import pytest
from hypothesis import given
from hypothesis import strategies as st

from detectors.analyzer import analyze_text
from detectors.recognizers.latin_person import LatinNameRecognizer

RECOGNIZER = LatinNameRecognizer()


@pytest.mark.parametrize(
    "text, value, score",
    [
        ("WANG LI", "WANG LI", 0.3),
        ("NGUYEN THI LAN", "NGUYEN THI LAN", 0.3),
        ("Kim Min-su", "Kim Min-su", 0.3),
        ("KIM MINSU", "KIM MINSU", 0.3),
        ("Tanaka Yuki", "Tanaka Yuki", 0.3),
        ("DELA CRUZ, MARIA", "DELA CRUZ, MARIA", 0.3),
        ("NURLANOV ARMAN", "NURLANOV ARMAN", 0.3),  # a Kazakh family name by its ending
        ("Somchai Srisuk", "Somchai Srisuk", 0.3),
        ("Ariunaa Tsend", "Ariunaa Tsend", 0.3),
        ("Bruno Oliveira", "Bruno Oliveira", 0.1),  # shape only: needs a name column
        ("Guest TRAN VAN NAM checked in.", "TRAN VAN NAM", 0.5),
        ("성명: WANG LI", "WANG LI", 0.5),
        ("JOHN SMITH 님 방문 예정", "JOHN SMITH", 0.5),
    ],
)
def test_finds_latin_names(text: str, value: str, score: float, spans, prefilter_hit) -> None:
    assert spans(RECOGNIZER, text) == [(value, score)]
    assert prefilter_hit(RECOGNIZER.PREFILTER, text)


@pytest.mark.parametrize(
    "text",
    [
        "Atopic dermatitis",  # a diagnosis: the second word is not capitalised
        "Lotte Hotel",
        "Gangnam Station",
        "Pixel 7",
        "Follow-up by video call.",
        "Paid in cash, receipt issued.",
        "WANG",  # one word
        "Late arrival, 20 min.",
        "Y",
    ],
)
def test_ignores_other_latin_text(text: str, spans) -> None:
    assert spans(RECOGNIZER, text) == []


@pytest.mark.parametrize(
    "column, text, reported",
    [
        ("name_en", "WANG LI", True),
        ("영문성명", "Bruno Oliveira", True),
        ("dx_nm_en", "Psoriasis Vulgaris", False),  # a capitalised diagnosis in a column not about names
        ("chnl_cd", "WEB APP", False),
    ],
)
def test_a_cell_alone_needs_a_name_column(column: str, text: str, reported: bool) -> None:
    found = [r for r in analyze_text(text, context=[column]) if r.entity_type == "PERSON" and r.score >= 0.4]
    assert bool(found) is reported


@given(text=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop ,-'님様", max_size=30))
def test_prefilter_covers_every_hit(text: str, superset) -> None:
    superset(RECOGNIZER, text)
