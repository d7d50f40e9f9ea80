"""A short cell is matched without Presidio's regex timeout, and gives exactly Presidio's results."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from presidio_analyzer import PatternRecognizer, RecognizerResult

from detectors.recognizers.base import UNTIMED_MAX_CHARS, PrefilterGate
from detectors.registry import RECOGNIZERS

PATTERN_RECOGNIZERS = [cls() for cls in RECOGNIZERS if issubclass(cls, PatternRecognizer)]  # type: ignore[call-arg]

CELLS = [
    "900101-1234567",
    "900101-5234561",
    "주민번호 850315-2345678 확인",
    "010-1234-5678",
    "+82 10-1234-5678",
    "02-123-4567",
    "kim.minsu@naver.com",
    "4111 1111 1111 1111",
    "110-123-456789",
    "M12345678",
    "E12345678",
    "TR1234567",
    "11010119900307123X",
    "1990-03-07",
    "1990년 3월 7일생",
    "서울특별시 강남구 압구정로 12길 5",
    "104동 1903호",
    "(06000)",
    "192.168.0.1",
    "Passw0rd!2024",
    "$2b$12$abcdefghijklmnopqrstuv",
    "쌍꺼풀 수술 후 경과 양호, 부기 감소",
    "C00000001",
    "11-12-345678-90",
    "주문번호 900101-1234567",
]


def _timed(recognizer: PatternRecognizer, text: str) -> list[RecognizerResult]:
    """Presidio's own pattern matching (``PatternRecognizer.analyze``, with its timeout), gate passed."""
    return PatternRecognizer.analyze(recognizer, text, recognizer.supported_entities, None)


def _gated(recognizer: PatternRecognizer, text: str) -> list[RecognizerResult]:
    """What the recognizer returns through ``PrefilterGate`` with the gate off (the untimed path)."""
    recognizer.prefilter_gate = False  # type: ignore[attr-defined]
    try:
        return PrefilterGate.analyze(recognizer, text, recognizer.supported_entities, None)  # type: ignore[arg-type]
    finally:
        recognizer.prefilter_gate = True  # type: ignore[attr-defined]


def _shape(results: list[RecognizerResult]) -> list[tuple[object, ...]]:
    return sorted(
        (
            r.entity_type,
            r.start,
            r.end,
            r.score,
            r.analysis_explanation.textual_explanation if r.analysis_explanation else None,
            r.analysis_explanation.validation_result if r.analysis_explanation else None,
            r.analysis_explanation.score if r.analysis_explanation else None,
            tuple(sorted((r.recognition_metadata or {}).items())),
        )
        for r in results
    )


def _gate_users() -> list[PatternRecognizer]:
    return [r for r in PATTERN_RECOGNIZERS if isinstance(r, PrefilterGate)]


@pytest.mark.parametrize("recognizer", _gate_users(), ids=lambda r: type(r).__name__)
def test_short_cells_give_presidios_results(recognizer: PatternRecognizer) -> None:
    for text in CELLS:
        assert _shape(_gated(recognizer, text)) == _shape(_timed(recognizer, text)), text


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789- .+()@abcEMXx가나김서울동호년월일", max_size=40))
def test_any_short_cell_gives_presidios_results(text: str) -> None:
    for recognizer in _gate_users():
        assert _shape(_gated(recognizer, text)) == _shape(_timed(recognizer, text)), type(recognizer).__name__


def test_every_pattern_recognizer_of_ours_takes_the_untimed_path() -> None:
    assert len(_gate_users()) >= 10
    assert all(isinstance(r, PrefilterGate) for r in PATTERN_RECOGNIZERS)


def test_long_texts_keep_the_timed_path(monkeypatch: pytest.MonkeyPatch) -> None:
    called: list[str] = []
    original = PatternRecognizer.analyze

    def spy(self: PatternRecognizer, text: str, *args: object, **kwargs: object) -> list[RecognizerResult]:
        called.append(text)
        return original(self, text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(PatternRecognizer, "analyze", spy)
    [rrn] = [r for r in _gate_users() if "KR_RRN" in r.supported_entities]
    note = "환자 메모 " * (UNTIMED_MAX_CHARS // 6 + 1) + "900101-1234567"
    assert _gated(rrn, "900101-1234567") and not called
    assert _gated(rrn, note) and called == [note]
