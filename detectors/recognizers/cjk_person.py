"""PERSON: names in Han characters and Kana (``王丽``, ``田中 優希``, ``タナカ ユキ``)."""

from __future__ import annotations

from functools import cache
from typing import ClassVar

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from detectors.recognizers.base import LOW, MEDIUM, WEAK, KoRuleRecognizer
from detectors.recognizers.lexicon import load_terms

_HAN = r"\p{Han}"
_KANA = r"[\p{Katakana}\p{Hiragana}ー]"
_CUE_AFTER = r"(?:女士|先生|小姐|同学|様|さま|さん|氏|님|씨)"
_HAN_CELL = regex.compile(r"\A[ ]*(" + _HAN + r"{1,3}?[ 　]?" + _HAN + r"{1,3}?)" + _CUE_AFTER + r"?[ ]*\Z")
_KANA_CELL = regex.compile(r"\A[ ]*(" + _KANA + r"{2,8}[ 　・]" + _KANA + r"{1,8})[ ]*\Z")
_CUE_BEFORE = r"(?:患者|病人|客人|顾客|顧客|姓名|氏名|名前|成员)[:：]?[ ]?"
_IN_TEXT = regex.compile(
    r"(?:" + _CUE_BEFORE + r"(" + _HAN + r"{2,4}?)(?:" + _CUE_AFTER + r"|(?!" + _HAN + r"))"
    r"|(?<!" + _HAN + r")(" + _HAN + r"{2,4}?)" + _CUE_AFTER + r")"
)


class CjkNameRecognizer(KoRuleRecognizer):
    """Names of Chinese and Japanese patients (and Korean names in Hanja) as they write them.

    Alone in a cell, two to six Han characters that start with a surname (``cjk_surnames.txt``: 王, 李,
    田中, 佐藤, 金, ...) are LOW; Kana in two words (タナカ ユキ) WEAK: both need a name column or a
    context word, since a Chinese word or a Japanese product name can look the same. In free text a Han
    name after 患者/客人/姓名 or before an honorific (女士, 先生, 様, さん) is MEDIUM.
    """

    ENTITY: ClassVar[str] = "PERSON"
    CONTEXT: ClassVar[list[str]] = [
        "성명", "이름", "한자", "name", "local", "kanji", "kana", "姓名", "氏名", "名前",
    ]  # fmt: skip
    PREFILTER: ClassVar[str | None] = r"\p{Han}|\p{Katakana}|\p{Hiragana}"

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return the whole cell when it is one name, else the Han names next to a label or honorific."""
        han = _HAN_CELL.match(text)
        if han:
            if _starts_with_surname(han.group(1)):
                return [self.result(han.start(1), han.end(1), LOW, "Han name alone in the cell")]
            return []
        kana = _KANA_CELL.match(text)
        if kana:
            return [self.result(kana.start(1), kana.end(1), WEAK, "Kana name alone in the cell")]
        results = []
        for found in _IN_TEXT.finditer(text):
            group = 1 if found.group(1) else 2
            if _starts_with_surname(found.group(group)):
                start, end = found.span(group)
                results.append(self.result(start, end, MEDIUM, "Han name with a label or honorific"))
        return results


def _starts_with_surname(name: str) -> bool:
    compact = name.replace(" ", "").replace("　", "")
    return len(compact) >= 2 and any(compact.startswith(s) and len(compact) > len(s) for s in _surnames())


@cache
def _surnames() -> tuple[str, ...]:
    return load_terms("cjk_surnames.txt")
