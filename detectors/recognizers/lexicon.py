"""Read the word lists in ``detectors/lexicons`` and turn them into regex alternations."""

from __future__ import annotations

from functools import cache
from importlib import resources

import regex


@cache
def load_terms(file_name: str) -> tuple[str, ...]:
    """Return the terms of one lexicon file, in order, without duplicates.

    One term per line ('#' starts a comment), or several per line when the file lists single syllables
    separated by spaces.
    """
    text = resources.files("detectors.lexicons").joinpath(file_name).read_text(encoding="utf-8")
    terms: dict[str, None] = {}
    for line in text.splitlines():
        content = line.split("#", 1)[0].strip()
        if not content:
            continue
        parts = content.split() if all(len(p) == 1 for p in content.split()) else [content]
        for part in parts:
            terms[part] = None
    return tuple(terms)


def alternation(terms: tuple[str, ...] | list[str], optional_spaces: bool = False) -> str:
    """Return a non-capturing alternation of the escaped terms, longest first (the longest term wins).

    With ``optional_spaces`` a space inside a term matches one space or none ('레이저 토닝' finds
    '레이저토닝' too), because Korean staff write compound terms both ways. It uses no syntax beyond
    literals and ``[ ]?``, so the same string compiles in Python, RE2 and Rust.
    """
    ordered = sorted(set(terms), key=lambda t: (-len(t), t))
    escaped = (_escape(term) for term in ordered)
    if optional_spaces:
        escaped = (term.replace(" ", "[ ]?") for term in escaped)
    return "(?:" + "|".join(escaped) + ")"


def _escape(term: str) -> str:
    """Escape only what RE2 and Rust need (``regex.escape`` also escapes spaces and Hangul-safe chars)."""
    return regex.sub(r"([.^$*+?()\[\]{}|\\-])", r"\\\1", term)
