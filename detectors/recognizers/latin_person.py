"""PERSON: names in Latin letters of any origin (``WANG LI``, ``NGUYEN THI LAN``, ``Tanaka Yuki``)."""

from __future__ import annotations

from functools import cache
from typing import ClassVar

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from detectors.recognizers.base import LOW, MEDIUM, WEAK, KoRuleRecognizer
from detectors.recognizers.lexicon import load_terms

_WORD = r"(?:[A-Z][a-z]+(?:['-][A-Za-z]+)?|[A-Z]{2,}(?:['-][A-Z]+)?)"
_NAME = _WORD + r"(?:,?[ ]+" + _WORD + r"){1,3}"
_CELL = regex.compile(r"\A[ ]*(" + _NAME + r")[ ]*\Z")
_CUE_BEFORE = (
    r"(?:\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Guest|Patient|Client|Customer|Passenger|Name|Guardian)\.?:?[ ]+"
    r"|(?:성명|이름|환자|고객|보호자|예약자)[ ]*:?[ ]*)"
)
_IN_TEXT = regex.compile(_CUE_BEFORE + r"(" + _NAME + r")|(" + _NAME + r")[ ]?(?:님|씨|様|さん|女士|先生)")
# Russian, Kazakh, Uzbek, Ukrainian family names and patronymics end like this (Ivanov, Nurlanova, ...).
_SLAVIC_TURKIC_ENDING = regex.compile(r"(?:ov|ova|ev|eva|in|ina|sky|skaya|enko|uly|kyzy|bayev|bayeva)\Z")


class LatinNameRecognizer(KoRuleRecognizer):
    """Names written in Latin letters: foreign patients' passport names and romanized Korean ones.

    Alone in a cell, two to four capitalised words ('WANG LI', 'Nguyen Thi Lan', 'DELA CRUZ, MARIA') are
    LOW when one is a common surname of the patients' countries (``foreign_surnames.txt``, Slavic and
    Turkic endings) and WEAK otherwise: either needs a name column or a context word to be reported,
    because a product or place can look the same. In free text a name counts after a title or label
    (Mr, Guest, 성명:) or before an honorific (님, 様, 女士): MEDIUM. A word such as Hotel, Street or Bank
    rules the candidate out.
    """

    ENTITY: ClassVar[str] = "PERSON"
    CONTEXT: ClassVar[list[str]] = [
        "성명", "이름", "영문성명", "영문명", "환자", "고객", "name", "guest", "patient", "customer", "姓名",
        "氏名",
    ]  # fmt: skip
    PREFILTER: ClassVar[str | None] = (
        r"^[ ]*[A-Z][A-Za-z'-]*,?[ ]+[A-Z]"
        r"|(?:Mr|Mrs|Ms|Miss|Mx|Dr|Guest|Patient|Client|Customer|Passenger|Name|Guardian|성명|이름|환자|고객|보호자|예약자)"
        r"[^A-Za-z]{0,4}[A-Z]"
        r"|[A-Za-z][ ]?(?:님|씨|様|さん|女士|先生)"
    )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return the whole cell when it is one name, else the names next to a title, label or honorific."""
        cell = _CELL.match(text)
        if cell:
            words = _words(cell.group(1))
            if _plausible(words):
                score = LOW if any(_surname_like(w) for w in words) else WEAK
                return [self.result(cell.start(1), cell.end(1), score, "Latin name alone in the cell")]
            return []
        results = []
        for found in _IN_TEXT.finditer(text):
            group = 1 if found.group(1) else 2
            if _plausible(_words(found.group(group))):
                start, end = found.span(group)
                results.append(self.result(start, end, MEDIUM, "Latin name with a title or label"))
        return results


def _words(name: str) -> list[str]:
    return [w.lower() for w in regex.split(r"[ ,'-]+", name) if w]


def _plausible(words: list[str]) -> bool:
    return len(words) >= 2 and not any(w in _not_name_words() for w in words)


@cache
def _not_name_words() -> frozenset[str]:
    return frozenset(word for line in load_terms("not_names_latin.txt") for word in line.split())


def _surname_like(word: str) -> bool:
    return word in _surnames() or (len(word) > 4 and _SLAVIC_TURKIC_ENDING.search(word) is not None)


@cache
def _surnames() -> frozenset[str]:
    terms = load_terms("foreign_surnames.txt") + load_terms("romanized_surnames.txt")
    return frozenset(word for term in terms for word in term.split())
