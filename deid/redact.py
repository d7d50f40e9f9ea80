"""Free-text redaction: every entity our detectors find in a note is replaced by its tag (``<PERSON>``).

Presidio's analyzer (built by ``detectors.analyzer.build_analyzer``, which loads our Korean recognizers on a
blank spaCy pipeline, offline) finds the spans; presidio-anonymizer's ``replace`` operator writes ``<ENTITY>``
in their place. Each distinct note is analysed once.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from deid.errors import DeidError
from detectors.entities import ALL_ENTITIES

LANGUAGE = "ko"
KEPT_ENTITIES = frozenset({"MEDICAL_INFO"})  # the research content of a note: diagnoses, procedures
DEFAULT_ENTITIES: list[str] = [e for e in ALL_ENTITIES if e not in KEPT_ENTITIES]


def default_analyzer() -> Any:
    """Our detectors' analyzer (``detectors.analyzer.build_analyzer()``).

    Raises:
        DeidError: the detectors package has no analyzer, so free text cannot be redacted safely.

    """
    try:
        from detectors.analyzer import build_analyzer
    except ImportError as exc:
        raise DeidError(
            "free_text columns and the scanner post-check need detectors.analyzer.build_analyzer, which "
            f"could not be imported ({exc}); reinstall clinicscan"
        ) from None
    return build_analyzer()


def analyze(analyzer: Any, text: str, entities: list[str] | None = None) -> list[Any]:
    """Presidio recognizer results for one text in Korean."""
    return list(analyzer.analyze(text=text, language=LANGUAGE, entities=entities))


def redact_texts(values: pd.Series, analyzer: Any, entities: list[str] | None = None) -> pd.Series:
    """Replace every detected entity by ``<ENTITY_TYPE>``; NA stays NA.

    ``entities`` None redacts every entity except medical information (the research content of a note).
    """
    from presidio_anonymizer import AnonymizerEngine  # imported here: `import deid` stays light for the CLI
    from presidio_anonymizer.entities import OperatorConfig

    entities = entities if entities is not None else DEFAULT_ENTITIES
    engine = AnonymizerEngine()
    operators = {"DEFAULT": OperatorConfig("replace")}
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    redacted = []
    for text in map(str, uniques):
        found = analyze(analyzer, text, entities)
        redacted.append(
            engine.anonymize(text=text, analyzer_results=found, operators=operators).text if found else text
        )
    table = pd.Series([*redacted, None], dtype="string")
    out = table.take([c if c >= 0 else len(redacted) for c in codes]).reset_index(drop=True)
    out.index = values.index
    return out
