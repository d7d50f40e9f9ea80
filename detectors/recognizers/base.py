"""What every clinicscan recognizer shares: the score scale, the regex flags and the class layout.

A recognizer is one small class in one file (as in Presidio's ``country_specific/korea``): class attributes
``ENTITY``, ``PATTERNS``, ``CONTEXT`` and ``PREFILTER``, and at most a ``validate_result`` hook. The
``PREFILTER`` contract lets the vectorised first pass skip cells safely: it is an RE2- and Rust-compatible
pattern (no lookaround, no backreference) that matches, with ``re.search`` semantics, every cell on which
the recognizer can return a result. ``None`` means "needs every non-empty cell".
"""

from __future__ import annotations

from functools import cache
from typing import Any, ClassVar

import regex
from presidio_analyzer import (
    AnalysisExplanation,
    EntityRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)

LANGUAGE = "ko"
"""The one language code every clinicscan recognizer and the analyzer use."""

# The score scale. Presidio's context enhancer adds 0.35 and lifts a boosted score to at least 0.4, so a
# WEAK or LOW result becomes reportable only next to a context word or in a column whose name says so.
CERTAIN = 1.0
STRONG = 0.85
HIGH = 0.7
MEDIUM = 0.5
LOW = 0.3
WEAK = 0.1
FAINT = 0.05
REPORT_THRESHOLD = 0.4
"""Scores at or above this are findings; below it a result is a candidate that needs context."""

REGEX_FLAGS = regex.DOTALL | regex.MULTILINE
"""Presidio's default adds IGNORECASE, whose Unicode folding (``ſ`` for ``s``) RE2 and Rust do not share
identically; our patterns spell out the case they accept instead."""


@cache
def compiled_prefilter(pattern: str) -> regex.Pattern[str]:
    """Compile a PREFILTER once for Python (the RE2/Rust subset it uses means the same here)."""
    return regex.compile(pattern)


class PrefilterGate:
    """Skip a recognizer's patterns on cells its own PREFILTER rules out.

    The PREFILTER contract makes this exact (a cell it does not match yields no result), and it saves the
    per-pattern cost of Presidio's matcher on most cells of a per-cell analysis. Tests turn the gate off
    (``prefilter_gate = False``) to prove the contract on the ungated recognizer.
    """

    PREFILTER: ClassVar[str | None]
    prefilter_gate: bool = True

    def analyze(self, text: str, *args: Any, **kwargs: Any) -> list[RecognizerResult]:
        """Return no result when the PREFILTER misses ``text``, else the recognizer's own results."""
        prefilter = type(self).PREFILTER
        if self.prefilter_gate and prefilter is not None and not compiled_prefilter(prefilter).search(text):
            return []
        results: list[RecognizerResult] = super().analyze(text, *args, **kwargs)  # type: ignore[misc]
        return results


class KoPatternRecognizer(PrefilterGate, PatternRecognizer):
    """A Presidio pattern recognizer configured from class attributes, for language ``ko``.

    Subclasses set ``ENTITY``, ``PATTERNS``, ``CONTEXT`` and ``PREFILTER`` and may override
    ``validate_result`` (True: score 1.0, False: drop, None: keep the pattern's score).
    """

    ENTITY: ClassVar[str]
    PATTERNS: ClassVar[list[Pattern]]
    CONTEXT: ClassVar[list[str]]
    PREFILTER: ClassVar[str | None]

    def __init__(self) -> None:
        super().__init__(
            supported_entity=self.ENTITY,
            name=type(self).__name__,
            supported_language=LANGUAGE,
            patterns=copy_patterns(self.PATTERNS),
            context=list(self.CONTEXT),
            global_regex_flags=REGEX_FLAGS,
        )


class KoRuleRecognizer(EntityRecognizer):
    """A recognizer whose ``analyze`` is code rather than patterns (names), configured from class attributes.

    Subclasses set ``ENTITY``, ``CONTEXT`` and ``PREFILTER`` and implement ``analyze``, building each
    result with ``result`` so that it explains itself the way Presidio's pattern results do.
    """

    ENTITY: ClassVar[str]
    CONTEXT: ClassVar[list[str]]
    PREFILTER: ClassVar[str | None]

    def __init__(self) -> None:
        super().__init__(
            supported_entities=[self.ENTITY],
            name=type(self).__name__,
            supported_language=LANGUAGE,
            context=list(self.CONTEXT),
        )

    def load(self) -> None:
        """Nothing to load eagerly: lexicons and models load on first use."""

    def result(self, start: int, end: int, score: float, reason: str) -> RecognizerResult:
        """One result for ``text[start:end]``, with ``reason`` as its textual explanation."""
        explanation = AnalysisExplanation(
            recognizer=type(self).__name__, original_score=score, textual_explanation=f"Detected as {reason}"
        )
        metadata = {
            RecognizerResult.RECOGNIZER_NAME_KEY: type(self).__name__,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
        }
        return RecognizerResult(self.ENTITY, start, end, score, explanation, metadata)


def copy_patterns(patterns: list[Pattern]) -> list[Pattern]:
    """Fresh Pattern objects, because Presidio caches the compiled regex on the Pattern itself."""
    return [Pattern(name=p.name, regex=p.regex, score=p.score) for p in patterns]


def digits_of(text: str) -> str:
    """Return the ASCII digits of ``text`` in order (separators dropped)."""
    return "".join(ch for ch in text if "0" <= ch <= "9")
