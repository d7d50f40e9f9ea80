r"""Column-level gates: skip a PREFILTER pattern that no cell of the column can match, before running it.

Running every recognizer's pattern over every cell is the first pass's main cost. Many cannot match a
given column at all: a name column holds no digit, so no identifier pattern can fire; an RRN column holds
no ``@`` and no Hangul. Two facts about a pattern, read once from its syntax tree, settle that cheaply:

- its minimum match length: no cell of the column is that long => skip;
- the character kinds every match must contain (``[0-9]``, Hangul syllables, ASCII letters, Han and
  Kana (``\p{Han}``, ``\p{Katakana}``, ``\p{Hiragana}``: a Korean register holds none), and the
  punctuation that identifier shapes need: ``@ - . : + $ { , ( /`` and the ASCII space), as clauses "at
  least one character of these kinds": the column holds none of them => skip (no ``.`` or ``:``, no IP
  address; no ``+``, no ``+82`` phone prefix; no space or comma, no "given family" name in Latin
  letters; no comma, no GPS position);
- the digits every match must contain (``[0-9]{6}-[1-4][0-9]{6}``: 13): no cell holds that many => skip.
  This is what spares an e-mail or phone column the RRN, card and licence patterns.

Both are exact (a skipped pattern would have matched no cell), so the candidates stay what per-cell
analysis sees. A pattern Python's parser cannot read gets no gate and always runs.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from re import _parser as sre_parse  # type: ignore[attr-defined]  # Python's own regex parser (3.11+)
from typing import Any

import numpy as np
import polars as pl
import pyarrow as pa

Kinds = frozenset[str]

_ASCII_KINDS = {
    "at": "@",
    "hyphen": "-",
    "dot": ".",
    "colon": ":",
    "plus": "+",
    "dollar": "$",
    "brace": "{",
    "space": " ",
    "comma": ",",
    "paren": "(",
    "slash": "/",
}
_HANGUL_LEAD = (0xEA, 0xEE)
"""UTF-8 lead bytes of U+A000-U+DFFF, which hold every Hangul syllable (and a few other scripts: a
superset, which keeps the gate sound)."""
_FOLDS_TO_LATIN = (0xC5, 0xE2)
"""Lead bytes of the long s and the Kelvin sign, which a case-insensitive pattern folds to s and k."""
_CJK_LEADS = (0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEF, 0xF0)
"""UTF-8 lead bytes of U+2000-U+9FFF, U+F000-U+FFFF and U+10000-U+3FFFF, which hold every Han and Kana
character (and punctuation, Jamo and more: a superset, which keeps the gate sound). Hangul syllables
(lead bytes 0xEA-0xED) are not among them."""
_SCRIPT_RANGES = {"Han": "\u2e80-\u9fff", "Katakana": "\u30a0-\u30ff", "Hiragana": "\u3040-\u309f"}
"""Rust's script classes, which Python's parser does not know, read as a range of the ``cjk`` kind (only
for the gate: the pattern itself runs unchanged)."""


def _byte_kinds(data: np.ndarray, digits: np.ndarray) -> Kinds:
    """Return the character kinds present in UTF-8 ``data`` (``digits``: its bytes that are 0-9)."""
    raw = data.tobytes()
    found = {kind for kind, char in _ASCII_KINDS.items() if char.encode() in raw}
    if digits.any():
        found.add("digit")
    if ((data - _HANGUL_LEAD[0]) < _HANGUL_LEAD[1] - _HANGUL_LEAD[0]).any():
        found.add("hangul")
    if (((data | 0x20) - ord("a")) < 26).any() or any(bytes([b]) in raw for b in _FOLDS_TO_LATIN):
        found.add("latin")
    if any(bytes([b]) in raw for b in _CJK_LEADS):
        found.add("cjk")
    return frozenset(found)


_RANGES: dict[str, tuple[tuple[int, int], ...]] = {
    "digit": ((ord("0"), ord("9")),),
    "hangul": ((ord("가"), ord("힣")),),
    "latin": ((ord("A"), ord("Z")), (ord("a"), ord("z"))),
    "cjk": ((0x2E80, 0x9FFF),),
    **{kind: ((ord(char), ord(char)),) for kind, char in _ASCII_KINDS.items()},
}
_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}


@dataclass(frozen=True)
class BranchGate:
    """What any match of one alternative of a pattern needs from a column.

    Attributes:
        min_chars: the shortest match, in characters.
        clauses: each clause is a set of character kinds of which a match holds at least one.
        min_digits: the fewest ASCII digits a match holds.

    """

    min_chars: int = 0
    clauses: tuple[Kinds, ...] = ()
    min_digits: int = 0

    def may_match(self, longest: int, kinds: Kinds, most_digits: int) -> bool:
        """Whether a column may match: its longest cell, its character kinds, its most digits in a cell."""
        return (
            longest >= self.min_chars
            and most_digits >= self.min_digits
            and all(clause & kinds for clause in self.clauses)
        )


@dataclass(frozen=True)
class PatternGate:
    """A pattern's top-level alternatives, each gated on its own (``^[!-~]{8,}$|pw``: 8 chars or a letter)."""

    branches: tuple[BranchGate, ...] = (BranchGate(),)

    def may_match(self, longest: int, kinds: Kinds, most_digits: int) -> bool:
        """Whether some alternative may match the column (see ``BranchGate.may_match``)."""
        return any(branch.may_match(longest, kinds, most_digits) for branch in self.branches)


def gate_for(pattern: str) -> PatternGate:
    """Read a pattern's gate from its syntax tree; an unreadable pattern gets the open gate."""
    pattern = _scripts_as_ranges(pattern)
    try:
        with warnings.catch_warnings():
            # Python warns where Rust syntax differs ([[:alpha:]], && in a class): no gate then.
            warnings.simplefilter("error")
            parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError, Warning):
        return PatternGate()
    items = list(parsed)
    if len(items) == 1 and str(items[0][0]) == "BRANCH":
        return PatternGate(tuple(_branch_gate(branch) for branch in items[0][1][1]))
    return PatternGate((_branch_gate(parsed),))


def _scripts_as_ranges(pattern: str) -> str:
    r"""Write ``\p{Han}``, ``\p{Katakana}`` and ``\p{Hiragana}`` as ranges Python's parser reads.

    Inside a character class the range joins the class; elsewhere it becomes a class of its own. Any other
    ``\p{...}`` is left as it is (the parser then fails and the pattern gets the open gate).
    """
    out: list[str] = []
    in_class = False
    for token in re.findall(r"\\p\{\w+\}|\\.|.", pattern, re.S):
        script = _SCRIPT_RANGES.get(token[3:-1]) if token.startswith("\\p{") else None
        if script is not None:
            token = script if in_class else f"[{script}]"
        elif token == "[" and not in_class:
            in_class = True
        elif token == "]" and in_class and not (out and out[-1] == "["):
            in_class = False
        out.append(token)
    return "".join(out)


def _branch_gate(parsed: Any) -> BranchGate:
    clauses = tuple(dict.fromkeys(_clauses(list(parsed))))
    return BranchGate(int(parsed.getwidth()[0]), clauses, _min_digits(list(parsed)))


def column_profile(values: pl.Series) -> tuple[int, Kinds, int]:
    """Return the longest cell's length, the character kinds present and the most digits in one cell.

    The kinds and the digits are read from the column's UTF-8 bytes with numpy and ``bytes`` search, a
    few passes over one buffer: a regex test per kind costs about as much as a pattern it would spare.
    """
    longest = int(values.str.len_chars().max() or 0)  # type: ignore[arg-type]
    data, offsets = _utf8(values)
    if not len(data):
        return longest, frozenset(), 0
    is_digit = (data - ord("0")) < 10
    starts = offsets[:-1][offsets[1:] > offsets[:-1]]  # of the cells with bytes (each sums to the next)
    # One pass summing each cell's digits, as bytes (a cumulative sum of the booleans cost six times as much).
    most_digits = int(np.add.reduceat(is_digit.view(np.uint8), starts, dtype=np.int64).max())
    return longest, _byte_kinds(data, is_digit), most_digits


def _utf8(values: pl.Series) -> tuple[np.ndarray, np.ndarray]:
    """Return the cells' UTF-8 bytes and their offsets into them (nulls are empty), without copying."""
    array = values.to_arrow()
    if not pa.types.is_large_string(array.type):
        array = array.cast(pa.large_string())
    _, offsets_buffer, data_buffer = array.buffers()
    if len(array) == 0 or data_buffer is None:
        return np.zeros(0, np.uint8), np.zeros(len(array) + 1, np.int64)
    offsets = np.frombuffer(offsets_buffer, np.int64, len(array) + 1, array.offset * 8)
    start = int(offsets[0])
    return np.frombuffer(data_buffer, np.uint8, int(offsets[-1]) - start, start), offsets - start


def _min_digits(items: list[tuple[Any, Any]]) -> int:
    """Return the fewest ASCII digits any match of these parsed items holds (a lower bound: sound)."""
    total = 0
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            total += int(ord("0") <= int(arg) <= ord("9"))
        elif name == "IN":
            total += int(_class_kinds([(str(o), a) for o, a in arg]) == [frozenset({"digit"})])
        elif name in _REPEATS:
            total += int(arg[0]) * _min_digits(list(arg[2]))
        elif name == "SUBPATTERN":
            total += _min_digits(list(arg[3]))
        elif name == "ATOMIC_GROUP":
            total += _min_digits(list(arg))
        elif name == "BRANCH":
            total += min(_min_digits(list(branch)) for branch in arg[1])
    return total


def _clauses(items: list[tuple[Any, Any]]) -> list[Kinds]:
    """Return clauses every match of these parsed items satisfies (a subset is enough: sound)."""
    found: list[Kinds] = []
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            found.extend(_class_kinds([("LITERAL", arg)]))
        elif name == "IN":
            found.extend(_class_kinds([(str(o), a) for o, a in arg]))
        elif name in _REPEATS and arg[0] >= 1:
            found.extend(_clauses(list(arg[2])))
        elif name == "SUBPATTERN":
            found.extend(_clauses(list(arg[3])))
        elif name == "ATOMIC_GROUP":
            found.extend(_clauses(list(arg)))
        elif name == "BRANCH":
            found.extend(_branch_clause([_clauses(list(branch)) for branch in arg[1]]))
    return found


def _branch_clause(branches: list[list[Kinds]]) -> list[Kinds]:
    """Return what an alternation needs: the union of each branch's narrowest clause."""
    if not branches or any(not clauses for clauses in branches):
        return []
    return [frozenset().union(*(min(clauses, key=len) for clauses in branches))]


def _class_kinds(members: list[tuple[str, Any]]) -> list[Kinds]:
    """Return the kinds a character class falls into; none when any of its characters is of no gated kind."""
    kinds: set[str] = set()
    for op, arg in members:
        if op == "LITERAL":
            low = high = int(arg)
        elif op == "RANGE":
            low, high = int(arg[0]), int(arg[1])
        else:  # NEGATE, CATEGORY (\d, \w ...): characters we do not gate on
            return []
        kind = next(
            (k for k, spans in _RANGES.items() if any(a <= low and high <= b for a, b in spans)), None
        )
        if kind is None:
            return []
        kinds.add(kind)
    return [frozenset(kinds)] if kinds else []
