import socket

import pytest
from presidio_analyzer.predefined_recognizers.country_specific.korea.kr_driver_license_recognizer import (
    KrDriverLicenseRecognizer as PresidioKrDriverLicenseRecognizer,
)
from presidio_analyzer.predefined_recognizers.country_specific.korea.kr_frn_recognizer import (
    KrFrnRecognizer as PresidioKrFrnRecognizer,
)
from presidio_analyzer.predefined_recognizers.country_specific.korea.kr_passport_recognizer import (
    KrPassportRecognizer as PresidioKrPassportRecognizer,
)
from presidio_analyzer.predefined_recognizers.country_specific.korea.kr_rrn_recognizer import (
    KrRrnRecognizer as PresidioKrRrnRecognizer,
)

from detectors.analyzer import REPORT_THRESHOLD, analyze_text, build_analyzer
from detectors.registry import RECOGNIZERS


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_the_engine_builds_and_analyses_without_network(no_network: None) -> None:
    build_analyzer.cache_clear()
    engine = build_analyzer()
    text = (
        "환자 김민수 님 010-1234-5678 hong@example.com 주민번호 900101-1234567 서울특별시 강남구 테헤란로 123"
    )
    found = {r.entity_type for r in engine.analyze(text=text, language="ko")}
    assert {"PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "KR_RRN", "ADDRESS"} <= found


def test_only_our_recognizers_run_and_all_under_ko() -> None:
    recognizers = build_analyzer().registry.recognizers
    assert sorted(type(r).__name__ for r in recognizers) == sorted(c.__name__ for c in RECOGNIZERS)
    assert {r.supported_language for r in recognizers} == {"ko"}
    assert build_analyzer().supported_languages == ["ko"]


@pytest.mark.parametrize(
    "presidio_class",
    [
        PresidioKrRrnRecognizer,
        PresidioKrFrnRecognizer,
        PresidioKrPassportRecognizer,
        PresidioKrDriverLicenseRecognizer,
    ],
)
def test_presidios_korean_recognizers_are_registered_under_ko(presidio_class: type) -> None:
    registered = [r for r in build_analyzer().registry.recognizers if presidio_class in type(r).__bases__]
    assert len(registered) == 1 and registered[0].supported_language == "ko"


@pytest.mark.parametrize(
    "labelled, entity",
    [
        ("주민번호 900101-1234567", "KR_RRN"),
        ("주민등록번호는 900101-1234567", "KR_RRN"),
        ("RRN: 900101-1234567", "KR_RRN"),
        ("900101-1234567 (주민번호)", "KR_RRN"),
        ("외국인등록번호 911124-5678901", "KR_FRN"),
        ("여권번호: M12345678", "KR_PASSPORT"),
        ("운전면허 112212345612", "KR_DRIVER_LICENSE"),
    ],
)
def test_korean_context_words_raise_the_score(labelled: str, entity: str) -> None:
    value = labelled.split()[-1] if not labelled.endswith(")") else labelled.split()[0]
    alone = analyze_text(value, entities=[entity])
    with_context = analyze_text(labelled, entities=[entity])
    assert alone and with_context
    assert with_context[0].score > alone[0].score


def test_column_names_work_as_context() -> None:
    plain = analyze_text("Abcd1234!", entities=["PASSWORD"])[0].score
    named = analyze_text("Abcd1234!", context=["비밀번호"], entities=["PASSWORD"])[0].score
    assert plain < REPORT_THRESHOLD <= named


@pytest.mark.parametrize(
    "look_alike",
    [
        "900101-1******", "****-****-****-1234", "010-****-5678", "h***@example.com", "192.168.*.*",
        "SM-G991N", "ORD-2024-000123", "LOT-20240115-001", "Chrome/120.0.6099.109",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0.0.0 Safari/537.36",
        "2024-01-15 10:30:00", "2024-01-15T10:30:00+09:00", "550e8400-e29b-41d4-a716-446655440000",
        "978-89-1234-567-9", "4111-1111-1111-1112", "900230-1234567",
    ],
)  # fmt: skip
def test_look_alikes_are_not_reported(look_alike: str) -> None:
    reported = [r.entity_type for r in analyze_text(look_alike) if r.score >= REPORT_THRESHOLD]
    assert reported == []
