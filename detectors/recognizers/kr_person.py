"""PERSON: Korean personal names in Hangul (and romanized, alone in a cell)."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from detectors.recognizers.base import HIGH, LOW, MEDIUM, KoRuleRecognizer
from detectors.recognizers.name_shapes import (
    NOT_NAMES,
    SURNAME_FIRST_SYLLABLES,
    analysed_as_name,
    labelled_before,
    name_suffix_kind,
    place_in_address,
    romanized_name_ok,
    split_hangul_name,
    titled_after,
)

_HANGUL_WORD = regex.compile(r"(?<![가-힣])[" + SURNAME_FIRST_SYLLABLES + r"][가-힣]+")
_ROMANIZED_CELL = regex.compile(
    r"\A[ ]*([A-Za-z]+(?:-[A-Za-z]+)?)(?:[ ]*,[ ]*|[ ]+)([A-Za-z]+(?:[- ][A-Za-z]+)?)[ ]*\Z"
)


class KoreanNameRecognizer(KoRuleRecognizer):
    """Korean names: a surname from the lexicon plus one or two given-name syllables.

    Alone in a cell ('김민수', '김민수 님') a three-syllable name is MEDIUM, a two-syllable one LOW, a
    name with a two-syllable surname (남궁민, 황보혜정) or an honorific HIGH. Inside free text a candidate
    counts when an honorific or title follows (김영희씨, 정민호 원장님), a label precedes (성명: 김민수) or
    kiwipiepy tags it a proper noun (NNP); common nouns of the same shape (고민이, 신청서), chart words
    (부종 경미, 상태 양호) and districts inside an address (인천광역시 연수구) are not names.
    A romanized name alone in a cell ('Kim Minsu') is LOW.
    """

    ENTITY: ClassVar[str] = "PERSON"
    CONTEXT: ClassVar[list[str]] = [
        "성명", "이름", "환자", "고객", "보호자", "예약자", "님", "씨", "name", "patient", "customer",
    ]  # fmt: skip
    PREFILTER: ClassVar[str | None] = (
        "["
        + SURNAME_FIRST_SYLLABLES
        + "][가-힣]|^[ ]*[A-Za-z]+(?:-[A-Za-z]+)?[ ,]+[A-Za-z]+(?:[- ][A-Za-z]+)?[ ]*$"
    )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Names in ``text``: the whole cell when it is one name, else names inside the free text."""
        romanized = _ROMANIZED_CELL.match(text)
        if romanized and romanized_name_ok(romanized.group(1), romanized.group(2)):
            return [
                self.result(romanized.start(1), romanized.end(2), LOW, "romanized name alone in the cell")
            ]
        results = []
        for word in _HANGUL_WORD.finditer(text):
            found = self._candidate(text, word)
            if found is None:
                continue
            start, end, score, reason = found
            if score is None:  # the shape fits; the morphological analyser must confirm a proper noun
                if place_in_address(text[start:end], text[:start]) or not analysed_as_name(text, start, end):
                    continue
                score, reason = (MEDIUM if end - start >= 3 else LOW), "proper noun (kiwipiepy NNP)"
            results.append(self.result(start, end, score, reason))
        return results

    @staticmethod
    def _candidate(text: str, word: regex.Match[str]) -> tuple[int, int, float | None, str] | None:
        """(start, end, score or None when kiwipiepy must confirm, reason) for one Hangul word."""
        token = word.group()
        if (
            token in NOT_NAMES
        ):  # 전문의 is a word, not 전문 + 의: no need to ask the analyser (its model: seconds)
            return None
        for length in (4, 3, 2):
            name = split_hangul_name(token[:length]) if len(token) >= length else None
            kind = name_suffix_kind(token[length:]) if name else None
            if name is None or kind is None:
                continue
            start, end = word.start(), word.start() + length
            if (
                kind == "honorific"
                or len(name[0]) == 2
                or titled_after(text[end:])
                or labelled_before(text[:start])
            ):
                return (
                    start,
                    end,
                    HIGH if length >= 3 else MEDIUM,
                    "name with a title, label or 2-syllable surname",
                )
            if kind == "none" and text.strip(" ") == token:
                return start, end, MEDIUM if length >= 3 else LOW, "name alone in the cell"
            return start, end, None, ""
        return None
