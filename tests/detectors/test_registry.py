import importlib
import inspect
import pkgutil
from typing import Any, cast

import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from presidio_analyzer import EntityRecognizer, RecognizerRegistry
from presidio_analyzer.recognizer_registry.recognizers_loader_utils import RecognizerListLoader

import detectors.recognizers
from detectors.entities import ALL_ENTITIES
from detectors.registry import ENTITY_RECOGNIZERS, RECOGNIZERS, prefilter_for


def _recognizer_classes_in_package() -> set[type]:
    found: set[type] = set()
    for module_info in pkgutil.iter_modules(detectors.recognizers.__path__):
        module = importlib.import_module(f"detectors.recognizers.{module_info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            defined_here = cls.__module__ == module.__name__
            if defined_here and issubclass(cls, EntityRecognizer) and hasattr(cls, "ENTITY"):
                found.add(cls)
    return found


def test_every_recognizer_class_is_registered() -> None:
    assert _recognizer_classes_in_package() == set(RECOGNIZERS)


def test_every_entity_has_a_recognizer() -> None:
    assert set(ALL_ENTITIES) == set(ENTITY_RECOGNIZERS)
    assert all(ENTITY_RECOGNIZERS[entity] for entity in ALL_ENTITIES)


@pytest.mark.parametrize("recognizer_class", RECOGNIZERS, ids=lambda c: c.__name__)
def test_recognizers_speak_korean_and_english(recognizer_class: Any) -> None:
    recognizer = recognizer_class()
    assert recognizer.supported_language == "ko"
    assert recognizer.supported_entities == [recognizer_class.ENTITY]
    assert any(not word.isascii() for word in recognizer.context), "no Korean context word"
    assert any(word.isascii() for word in recognizer.context), "no English context word"


@pytest.mark.parametrize("recognizer_class", RECOGNIZERS, ids=lambda c: c.__name__)
def test_prefilters_compile_in_re2_and_rust(recognizer_class: Any) -> None:
    prefilter = recognizer_class.PREFILTER
    assert prefilter is None or isinstance(prefilter, str)
    if prefilter is not None:
        pc.match_substring_regex(pa.array(["x"]), prefilter)  # RE2 rejects lookaround and backreferences
        pl.Series(["x"]).str.contains(prefilter)  # so does Rust's regex


@pytest.mark.parametrize("entity", ALL_ENTITIES)
def test_entity_prefilters_combine_their_recognizers(entity: str) -> None:
    combined = prefilter_for(entity)
    assert combined is None or all(cast(Any, c).PREFILTER in combined for c in ENTITY_RECOGNIZERS[entity])


def test_unknown_entity_has_no_prefilter() -> None:
    with pytest.raises(KeyError):
        prefilter_for("US_SSN")


MIXED_CELLS = [
    "김민수", "환자 김민수 님 010-1234-5678", "900101-1234567", "911124-5678906", "M123A4567",
    "여권 M12345678", "11-22-123456-12", "hong@example.com", "서울특별시 강남구 테헤란로 123", "1990-01-01",
    "4111-1111-1111-1111",
    "110-123-456789", "192.168.0.1", "2001:db8::1", "Abcd1234!", "비밀번호: qwer1234",
    "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW", "J30.1 쌍꺼풀", "SM-G991N",
    "ORD-2024-000123", "Chrome/120.0.6099.109", "", " ", "12345", "남", "2024-01-15 10:30:00",
]  # fmt: skip


@pytest.mark.parametrize("recognizer_class", RECOGNIZERS, ids=lambda c: c.__name__)
def test_the_prefilter_gate_never_changes_a_result(recognizer_class: type) -> None:
    gated, ungated = recognizer_class(), recognizer_class()
    ungated.prefilter_gate = False
    for cell in MIXED_CELLS:
        entities = gated.supported_entities
        assert gated.analyze(cell, entities, None) == ungated.analyze(cell, entities, None), cell


def test_our_class_names_never_shadow_presidios() -> None:
    # Presidio's loader finds predefined recognizers by class name among all EntityRecognizer subclasses;
    # a clash would make a stock engine built in the same process pick up one of ours.
    ours = {cls.__name__ for cls in _recognizer_classes_in_package()} | {"KoPatternRecognizer"}
    presidio = {
        cls.__name__
        for cls in RecognizerListLoader.get_all_existing_recognizers()
        if cls.__module__.startswith("presidio_analyzer")
    }
    assert ours.isdisjoint(presidio)


def test_a_stock_presidio_registry_still_loads_beside_ours() -> None:
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"])
    assert all(r.__class__.__module__.startswith("presidio_analyzer") for r in registry.recognizers)
