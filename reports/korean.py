"""Korean particles chosen by the word before them, so no report ever prints ``이(가)`` or ``은(는)``.

A particle pair (이/가, 은/는, 을/를, 과/와, 으로/로) takes its first form after a syllable with a final
consonant and its second after an open syllable; 으로 also takes 로 after a final ㄹ. The word's last
sound is read the way a person reads it aloud: a Hangul syllable by its final consonant, a number as a
Korean numeral (``3`` 삼 -> 이, ``2`` 이 -> 가, ``10`` 십 -> 이, ``100`` 백 -> 이), a Latin letter by its
name (L, M, N, R sound closed: 엘, 엠, 엔, 알), a word in brackets or quotes by the word before them
(``주민등록번호(RRN)`` is read as 주민등록번호; ``'tmp_export'`` as tmp_export).

``ko_format`` is ``str.format`` with a particle as the format spec:
``ko_format("{x:이} 있습니다", x="성명")`` gives ``성명이 있습니다``; templates write ``{name:이}`` instead
of ``{name}이(가)``, and ``{table:q은}`` for a quoted name (``'members'는``); ``{table:q}`` quotes alone.
"""

from __future__ import annotations

import string
from typing import Any

_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_RIEUL = 8  # index of ㄹ among the 28 final-consonant slots (0 = none)

# (after a final consonant, after an open syllable); either form names the pair.
PAIRS: tuple[tuple[str, str], ...] = (
    ("이", "가"),
    ("은", "는"),
    ("을", "를"),
    ("과", "와"),
    ("으로", "로"),
    ("이나", "나"),
    ("이라", "라"),
    ("이며", "며"),
    ("이고", "고"),
    ("이에요", "예요"),
    ("아", "야"),
)
_PAIR_OF: dict[str, tuple[str, str]] = {form: pair for pair in PAIRS for form in pair}

# The last sound of each digit read as a Sino-Korean numeral: None (open), "ㄹ", or "closed".
_DIGIT_END: dict[str, str | None] = {
    "1": "ㄹ",  # 일
    "2": None,  # 이
    "3": "closed",  # 삼
    "4": None,  # 사
    "5": None,  # 오
    "6": "closed",  # 육
    "7": "ㄹ",  # 칠
    "8": "ㄹ",  # 팔
    "9": None,  # 구
}
_TENS_END: dict[int, str | None] = {1: "closed", 2: "closed", 3: "closed"}  # 십, 백, 천
_MYRIAD_END: dict[int, str | None] = {1: "closed", 2: "closed", 3: None, 4: "closed"}  # 만, 억, 조, 경
_LATIN_END: dict[str, str | None] = {"l": "ㄹ", "r": "ㄹ", "m": "closed", "n": "closed"}
_CLOSERS = {")": "(", "]": "[", "}": "{", "）": "（", "」": "「", "』": "『", "》": "《", "〉": "〈"}
_QUOTES = "'\"‘’“”`"


def _number_end(digits: str) -> str | None:
    """Tell the last sound of a whole number read aloud: ``10`` 십, ``1200`` 천이백, ``30000`` 삼만."""
    stripped = digits.rstrip("0")
    if not stripped:
        return "closed"  # 영
    zeros = len(digits) - len(stripped)
    if zeros >= 4:
        return _MYRIAD_END[min(zeros // 4, 4)]
    if zeros:
        return _TENS_END[zeros]
    return _DIGIT_END[stripped[-1]]


def _strip_tail(word: str) -> str:
    """Drop what is not read before a particle: spaces, quotes, a bracketed aside, closing punctuation."""
    text = word.rstrip()
    while text:
        last = text[-1]
        if last in _QUOTES or last in ".,;:!?…·":
            text = text[:-1].rstrip()
        elif last in _CLOSERS:
            opening = text.rfind(_CLOSERS[last])
            text = text[:-1].rstrip() if opening <= 0 else text[:opening].rstrip()
        else:
            break
    return text


def last_sound(word: str) -> str | None:
    """Tell how ``word`` ends read aloud: ``None`` (open syllable), ``"ㄹ"``, or ``"closed"`` (another final).

    Unreadable endings (an empty string, a symbol, a Hanja) count as open: the particle after them is
    still a real word (가, 는), never a seam.
    """
    text = _strip_tail(word)
    if not text:
        return None
    last = text[-1]
    code = ord(last)
    if _HANGUL_FIRST <= code <= _HANGUL_LAST:
        final = (code - _HANGUL_FIRST) % 28
        return None if final == 0 else ("ㄹ" if final == _RIEUL else "closed")
    if last.isdigit() and last.isascii():
        i = len(text)
        while i > 0 and ((text[i - 1].isdigit() and text[i - 1].isascii()) or text[i - 1] == ","):
            i -= 1
        return _number_end(text[i:].replace(",", ""))
    if last.isascii() and last.isalpha():
        lower = text.lower()
        if lower.endswith("ng"):
            return "closed"  # -ing, -ong: 잉, 옹
        return _LATIN_END.get(lower[-1])
    return None


def particle(word: str, form: str) -> str:
    """Return the form of the particle ``form`` (either form of a pair: ``이`` or ``가``) that fits ``word``.

    Raises:
        KeyError: ``form`` is not a particle this module knows (see ``PAIRS``).

    """
    closed_form, open_form = _PAIR_OF[form]
    sound = last_sound(word)
    if closed_form == "으로":
        return "으로" if sound == "closed" else "로"
    return open_form if sound is None else closed_form


def attach(word: str, form: str) -> str:
    """Return ``word`` and the fitting particle: ``attach("주민등록번호", "이")`` -> ``주민등록번호가``."""
    return f"{word}{particle(word, form)}"


class _KoreanFormatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.startswith("q"):  # quoted: {table:q은} -> 'members'는
            value, format_spec = f"'{value}'", format_spec[1:]
        if format_spec in _PAIR_OF:
            return attach(str(value), format_spec)
        return super().format_field(value, format_spec)


_FORMATTER = _KoreanFormatter()


def ko_format(template: str, /, **values: Any) -> str:
    """``str.format`` where a particle as format spec attaches the fitting form: ``{table:은}`` -> 환자는."""
    return _FORMATTER.format(template, **values)
