"""The Presidio AnalyzerEngine clinicscan uses: offline, Korean, our recognizers only.

No spaCy model is downloaded: Presidio runs on a blank Korean pipeline whose rule-based tokenizer stands
in for mecab (spaCy's Korean tokenizer needs mecab-ko, which we do not install). A blank pipeline has no
lemmatizer, so each token's text serves as its lemma; that keeps Presidio's context enhancer working, and
its substring matching lets '주민번호는' count as the context word '주민번호'. No recognizer uses tldextract
and neither Presidio nor spaCy sends telemetry, so analysing text never touches the network.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

import spacy
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.nlp_engine.slim_spacy_nlp_engine import SlimSpacyNlpEngine
from spacy.tokens import Doc

from detectors.chunking import WINDOW, windows
from detectors.recognizers.base import LANGUAGE, REPORT_THRESHOLD
from detectors.registry import RECOGNIZERS

__all__ = [
    "REPORT_THRESHOLD",
    "BlankKoreanNlpEngine",
    "WindowedAnalyzerEngine",
    "analyze_text",
    "build_analyzer",
]

CONTEXT_WORDS_BEFORE = 5
CONTEXT_WORDS_AFTER = 2
"""Korean writes titles after the value ('김민수 님', '900101-1234567 (주민번호)'), so look both ways."""


class BlankKoreanNlpEngine(SlimSpacyNlpEngine):
    """Tokens without a model: ``spacy.blank("ko")`` with spaCy's rule-based tokenizer and lemma = text."""

    engine_name = "blank-ko"

    def __init__(self) -> None:
        super().__init__(models=[{"lang_code": LANGUAGE, "model_name": "blank"}], auto_download=False)

    def load(self) -> None:
        """Build the blank pipeline; nothing is read from disk or the network."""
        tokenizer_config: dict[str, Any] = {"nlp": {"tokenizer": {"@tokenizers": "spacy.Tokenizer.v1"}}}
        self.nlp = {LANGUAGE: spacy.blank(LANGUAGE, config=tokenizer_config)}  # type: ignore[assignment]

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        lemmas = [token.lemma_ or token.text for token in doc]
        return NlpArtifacts(
            entities=[],
            tokens=doc,
            tokens_indices=[token.idx for token in doc],
            lemmas=lemmas,
            nlp_engine=self,
            language=language,
            scores=[],
        )


class _CheaplyCopiedResults(list[RecognizerResult]):
    """Results that ``copy.deepcopy`` copies field by field (they hold only scalars and one flat dict)."""

    def __deepcopy__(self, memo: dict[int, Any]) -> list[RecognizerResult]:
        return [_copy_result(result) for result in self]


def _copy_result(result: RecognizerResult) -> RecognizerResult:
    copied = copy.copy(result)
    copied.analysis_explanation = copy.copy(result.analysis_explanation)
    copied.recognition_metadata = dict(result.recognition_metadata or {})
    return copied


class ContextEnhancer(LemmaContextAwareEnhancer):
    """Presidio's lemma context enhancer, without its generic deep copy of the results.

    ``enhance_using_context`` starts with ``copy.deepcopy(raw_results)``, which walks every object a
    result references and cost a third of a short cell's analysis; the copy made here is the same
    (explanations and metadata are copied, nothing is shared with the recognizers' objects), only direct.
    """

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        """See ``LemmaContextAwareEnhancer.enhance_using_context``; the results are copied cheaply."""
        return super().enhance_using_context(
            text, _CheaplyCopiedResults(raw_results), nlp_artifacts, recognizers, context
        )


class WindowedAnalyzerEngine(AnalyzerEngine):
    """Presidio's engine, which analyses a text longer than one window in overlapping windows.

    Without it a cell or page over spaCy's ``max_length`` (1,000,000 characters) raised E088 and the
    scan died; see ``detectors.chunking`` for how windows overlap so that an entity on a cut is kept once.
    """

    def analyze(self, text: str, language: str, *args: Any, **kwargs: Any) -> list[RecognizerResult]:
        """See ``AnalyzerEngine.analyze``; offsets in the results are offsets in the whole ``text``."""
        if len(text) <= WINDOW or kwargs.get("nlp_artifacts") is not None or args:
            return super().analyze(text, language, *args, **kwargs)  # every cell passes here: keep it cheap
        cuts = list(windows(len(text)))
        results: list[RecognizerResult] = []
        for window in cuts:
            for result in super().analyze(text[window.start : window.end], language, **kwargs):
                result.start += window.start
                result.end += window.start
                if window.own_start <= result.start < window.own_end:
                    results.append(result)
        return results


@cache
def build_analyzer() -> AnalyzerEngine:
    """Return the shared engine: every recognizer in ``detectors.registry.RECOGNIZERS``, language ``ko``.

    Built once per process (about a second; the name recognizer loads kiwipiepy's model on first use).
    Results below ``REPORT_THRESHOLD`` are returned too: they are candidates that a column name or a
    context word can confirm.
    """
    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    for recognizer_class in RECOGNIZERS:
        registry.add_recognizer(recognizer_class())  # type: ignore[call-arg]  # ours take no arguments
    return WindowedAnalyzerEngine(
        registry=registry,
        nlp_engine=BlankKoreanNlpEngine(),
        supported_languages=[LANGUAGE],
        context_aware_enhancer=ContextEnhancer(
            context_prefix_count=CONTEXT_WORDS_BEFORE, context_suffix_count=CONTEXT_WORDS_AFTER
        ),
    )


def analyze_text(
    text: str, context: list[str] | None = None, entities: list[str] | None = None
) -> list[RecognizerResult]:
    """Analyse one cell or note with the shared engine.

    Args:
        text: the cell value as text.
        context: extra context words, such as the column name, that raise the score of an entity whose
            recognizer lists them (a password-shaped cell in a ``user_pw`` column).
        entities: only these entity names (default: all).

    Returns:
        Presidio results (entity, start, end, score), strongest evidence per span; the raw value is not
        copied into them: mask ``text[start:end]`` with ``detectors.masking.mask`` before showing it.

    """
    return build_analyzer().analyze(text=text, language=LANGUAGE, context=context, entities=entities)
