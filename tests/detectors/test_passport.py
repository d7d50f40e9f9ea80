import pytest
from hypothesis import given
from hypothesis import strategies as st

from detectors.analyzer import analyze_text
from detectors.recognizers.passport import PassportRecognizer

RECOGNIZER = PassportRecognizer()


@pytest.mark.parametrize(
    "text, value, score",
    [
        ("E12345678", "E12345678", 0.3),  # China, ordinary since 2012
        ("EA1234567", "EA1234567", 0.3),  # China, ordinary with a second letter
        ("G12345678", "G12345678", 0.1),  # China, ordinary 1997-2012
        ("D1234567", "D1234567", 0.1),  # China, diplomatic
        ("TK1234567", "TK1234567", 0.1),  # Japan (also Thailand, Uzbekistan)
        ("C1234567", "C1234567", 0.1),  # Vietnam
        ("N12345678", "N12345678", 0.1),  # Kazakhstan
        ("P1234567A", "P1234567A", 0.1),  # the Philippines
        ("123456789", "123456789", 0.1),  # the US, Russia
        ("여권번호 E98765432 사본 받음", "E98765432", 0.3),
    ],
)
def test_finds_foreign_passport_formats(text: str, value: str, score: float, spans, prefilter_hit) -> None:
    assert spans(RECOGNIZER, text) == [(value, score)]
    assert prefilter_hit(RECOGNIZER.PREFILTER, text)


@pytest.mark.parametrize(
    "text",
    [
        "M12345678",  # a Korean passport (KR_PASSPORT)
        "SM-G991N1234567",  # glued to a model code
        "E1234567890",  # too many digits
        "1234567890",  # ten digits: a phone or an account
        "e12345678",  # passports are printed in capitals
        "010-1234-5678",
    ],
)
def test_ignores_look_alikes(text: str, spans) -> None:
    assert spans(RECOGNIZER, text) == []


@pytest.mark.parametrize(
    "text, reported",
    [
        ("Passport no. TK1234567 verified.", True),
        ("护照号码 E12345678", True),
        ("여권 사본: 123456789", True),
        ("Booking ref E24011503 confirmed.", False),  # a reference with the E-series shape, no context
        ("재고 로트 G24815402 입고", False),
    ],
)
def test_needs_a_context_word(text: str, reported: bool) -> None:
    found = [r for r in analyze_text(text) if r.entity_type == "PASSPORT" and r.score >= 0.4]
    assert bool(found) is reported


@given(text=st.text(alphabet="ABCDEFGHJKLNPSTUVXYZ0123456789 -/", max_size=24))
def test_prefilter_covers_every_hit(text: str, superset) -> None:
    superset(RECOGNIZER, text)
