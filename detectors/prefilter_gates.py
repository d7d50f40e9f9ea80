"""Column-level gates: skip a PREFILTER pattern that no cell of the column can match, before running it.

Running every recognizer's pattern over every cell is the first pass's main cost. Many cannot match a
given column at all: a name column holds no digit, so no identifier pattern can fire; an RRN column holds
no ``@`` and no Hangul. Two facts about a pattern, read once from its syntax tree, settle that cheaply:

- its minimum match length: no cell of the column is that long => skip;
- the character kinds every match must contain (``[0-9]``, Hangul syllables, ASCII letters, ``@``), as
  clauses "at least one character of these kinds": the column holds none of them => skip.

Both are exact (a skipped pattern would have matched no cell), so the candidates stay what per-cell
analysis sees. A pattern Python's parser cannot read gets no gate and always runs.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from re import _parser as sre_parse  # type: ignore[attr-defined]  # Python's own regex parser (3.11+)
from typing import Any

import polars as pl

Kinds = frozenset[str]

GATE_PATTERNS: dict[str, str] = {
    "digit": r"[0-9]",
    "hangul": r"[가-힣]",
    # (?i) so that characters a case-insensitive pattern folds to ASCII letters (the Kelvin sign) count.
    "latin": r"(?i)[a-z]",
    "at": r"@",
}
"""Character kinds a column is tested for, as the Rust regex that finds one."""

_RANGES: dict[str, tuple[tuple[int, int], ...]] = {
    "digit": ((ord("0"), ord("9")),),
    "hangul": ((ord("가"), ord("힣")),),
    "latin": ((ord("A"), ord("Z")), (ord("a"), ord("z"))),
    "at": ((ord("@"), ord("@")),),
}


@dataclass(frozen=True)
class BranchGate:
    """What any match of one alternative of a pattern needs from a column.

    Attributes:
        min_chars: the shortest match, in characters.
        clauses: each clause is a set of character kinds of which a match holds at least one.

    """

    min_chars: int = 0
    clauses: tuple[Kinds, ...] = ()

    def may_match(self, longest: int, kinds: Kinds) -> bool:
        """Whether a column whose longest cell has ``longest`` characters and holds ``kinds`` may match."""
        return longest >= self.min_chars and all(clause & kinds for clause in self.clauses)


@dataclass(frozen=True)
class PatternGate:
    """A pattern's top-level alternatives, each gated on its own (``^[!-~]{8,}$|pw``: 8 chars or a letter)."""

    branches: tuple[BranchGate, ...] = (BranchGate(),)

    def may_match(self, longest: int, kinds: Kinds) -> bool:
        """Whether some alternative may match the column (see ``BranchGate.may_match``)."""
        return any(branch.may_match(longest, kinds) for branch in self.branches)


def gate_for(pattern: str) -> PatternGate:
    """Read a pattern's gate from its syntax tree; an unreadable pattern gets the open gate."""
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


def _branch_gate(parsed: Any) -> BranchGate:
    return BranchGate(int(parsed.getwidth()[0]), tuple(dict.fromkeys(_clauses(list(parsed)))))


def column_profile(values: pl.Series) -> tuple[int, Kinds]:
    """Return the longest cell's length and the character kinds present, in one polars query."""
    row = (
        values.to_frame("v")
        .select(
            pl.col("v").str.len_chars().max().alias("longest"),
            *[pl.col("v").str.contains(p).any().alias(kind) for kind, p in GATE_PATTERNS.items()],
        )
        .row(0, named=True)
    )
    longest = int(row.pop("longest") or 0)
    return longest, frozenset(kind for kind, present in row.items() if present)


def _clauses(items: list[tuple[Any, Any]]) -> list[Kinds]:
    """Return clauses every match of these parsed items satisfies (a subset is enough: sound)."""
    found: list[Kinds] = []
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            found.extend(_class_kinds([("LITERAL", arg)]))
        elif name == "IN":
            found.extend(_class_kinds([(str(o), a) for o, a in arg]))
        elif name in {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"} and arg[0] >= 1:
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
