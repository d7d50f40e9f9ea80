"""What every clinicscan recognizer shares: the score scale, the regex flags and the class layout.

A recognizer is one small class in one file (as in Presidio's ``country_specific/korea``): class attributes
``ENTITY``, ``PATTERNS``, ``CONTEXT`` and ``PREFILTER``, and at most a ``validate_result`` hook. The
``PREFILTER`` contract lets the vectorised first pass skip cells safely: it is an RE2- and Rust-compatible
pattern (no lookaround, no backreference) that matches, with ``re.search`` semantics, every cell on which
the recognizer can return a result. ``None`` means "needs every non-empty cell". A column the source
types as a date or a time holds nothing but dates: only a recognizer that sets ``READS_DATE_COLUMNS``
(the birth date's) reads it.
"""

from __future__ import annotations

from contextvars import ContextVar
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


PREFILTER_PASSED: ContextVar[frozenset[str]] = ContextVar("prefilter_passed", default=frozenset())
"""Ids of the recognizers whose PREFILTER the vectorised first pass already matched on the cell now being
analysed (``detectors.validation`` sets it around each call): their gate does not search it again."""


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
        if (
            self.prefilter_gate
            and prefilter is not None
            and getattr(self, "id", None) not in PREFILTER_PASSED.get()
            and not compiled_prefilter(prefilter).search(text)
        ):
            return []
        if len(text) <= UNTIMED_MAX_CHARS and _matches_patterns_only(type(self)):
            recognizer: Any = self  # a PatternRecognizer (checked above), whose attributes are untyped
            flags: int | None = kwargs.get("regex_flags", args[2] if len(args) > 2 else None)
            return _match_patterns(recognizer, text, flags or recognizer.global_regex_flags)
        results: list[RecognizerResult] = super().analyze(text, *args, **kwargs)  # type: ignore[misc]
        return results


UNTIMED_MAX_CHARS = 256
"""Cells up to this length are matched without Presidio's regex timeout (see ``_match_patterns``)."""


_PATTERNS_ONLY: dict[type, bool] = {}


def _matches_patterns_only(cls: type) -> bool:
    """Whether the ``analyze`` after ``PrefilterGate`` in ``cls``'s MRO is Presidio's pattern matcher."""
    known = _PATTERNS_ONLY.get(cls)
    if known is None:
        after = cls.__mro__[cls.__mro__.index(PrefilterGate) + 1 :]
        owner = next((c for c in after if "analyze" in c.__dict__), None)
        known = _PATTERNS_ONLY[cls] = owner is PatternRecognizer
    return known


def _match_patterns(recognizer: PatternRecognizer, text: str, flags: int) -> list[RecognizerResult]:
    """``PatternRecognizer.analyze`` for a short cell, without the ``regex`` module's timeout.

    The same steps as Presidio's ``__analyze_patterns`` (compile once, every match, ``validate_result``,
    ``invalidate_result``, the explanation, ``remove_duplicates``), so the results are the same. Only the
    ``timeout=`` of each ``finditer`` is left out: it exists for a pattern that backtracks for minutes
    on a long text, and timing a match cost 10-40 times the match itself on a cell of a few characters
    (most of a sample scan's pattern time). Longer texts take Presidio's timed path.
    """
    results = []
    typed: Any = recognizer  # Presidio's attributes are set untyped in its __init__
    name: str = typed.name
    patterns: list[Pattern] = typed.patterns
    for pattern in patterns:
        cached: Any = pattern  # Presidio caches the compiled regex on the Pattern, in untyped attributes
        if not cached.compiled_regex or cached.compiled_with_flags != flags:
            cached.compiled_with_flags = flags
            cached.compiled_regex = regex.compile(pattern.regex, flags=flags)
        for match in cached.compiled_regex.finditer(text):
            start, end = match.span()
            current = text[start:end]
            if current == "":
                continue
            validation = recognizer.validate_result(current)
            description = recognizer.build_regex_explanation(
                name,
                pattern.name,
                pattern.regex,
                pattern.score,
                validation,  # type: ignore[arg-type]  # Presidio passes its Optional[bool] too
                flags,
            )
            result = RecognizerResult(
                entity_type=recognizer.supported_entities[0],
                start=start,
                end=end,
                score=pattern.score,
                analysis_explanation=description,
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: name,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
                },
            )
            if validation is not None:
                result.score = EntityRecognizer.MAX_SCORE if validation else EntityRecognizer.MIN_SCORE
            if recognizer.invalidate_result(current):
                result.score = EntityRecognizer.MIN_SCORE
            if result.score > EntityRecognizer.MIN_SCORE:
                results.append(result)
            description.score = result.score
    return EntityRecognizer.remove_duplicates(results)


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
