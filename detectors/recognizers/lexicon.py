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


def alternation(terms: tuple[str, ...] | list[str]) -> str:
    """Return a non-capturing alternation of the escaped terms, longest first (the longest term wins).

    It uses no syntax beyond literals, so the same string compiles in Python, RE2 and Rust.
    """
    ordered = sorted(set(terms), key=lambda t: (-len(t), t))
    return "(?:" + "|".join(_escape(term) for term in ordered) + ")"


def _escape(term: str) -> str:
    """Escape only what RE2 and Rust need (``regex.escape`` also escapes spaces and Hangul-safe chars)."""
    return regex.sub(r"([.^$*+?()\[\]{}|\\-])", r"\\\1", term)
