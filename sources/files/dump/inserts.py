"""The tuples of ``INSERT ... VALUES (...), (...)``: one tokenizer call per run of thousands of tuples.

A run of tuples (matched whole by ``Grammar.run``) is cut into tokens by one ``findall``: strings, bare
values and the punctuation ``( , )``. When every tuple has the same number of single-token values (what a
dump tool writes), the punctuation sits at fixed strides, which list slicing and ``count`` check in C; each
column is then a slice of the token list, unquoted and unescaped by Arrow kernels. Anything else (a short
row, an expression, ``'a' 'b'``) is split value by value by ``split_values``, the exact reader.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from sources.files.dump.blocks import Block, Row, rows_block
from sources.files.dump.escapes import mysql_strings, unquote_string
from sources.files.dump.grammar import Dialect, Grammar

_NULLS = frozenset({b"NULL", b"null"})


def run_block(run: bytes, grammar: Grammar, dialect: Dialect) -> Block:
    """Read a run of tuples into columns, by the tokens when they line up, else value by value."""
    return _fast(run, grammar, dialect) or rows_block(run_rows(run, grammar, dialect))


def run_rows(run: bytes, grammar: Grammar, dialect: Dialect) -> list[Row]:
    """Read a run of tuples value by value (the exact reader)."""
    return [split_values(found[1], grammar, dialect) for found in grammar.tuple_.finditer(run)]


def run_size(run: bytes, grammar: Grammar) -> tuple[int, int]:
    """Count a run's tuples and its widest one without splitting values: strings hold the only odd bytes."""
    bare = grammar.string.sub(b"''", run)  # outside strings, parentheses and commas are the tuples' own
    widths = [tuple_.rpartition(b"(")[2] for tuple_ in bare.split(b")")[:-1]]
    return len(widths), max((w.count(b",") + 1 if w.strip() else 0 for w in widths), default=0)


def _fast(run: bytes, grammar: Grammar, dialect: Dialect) -> Block | None:
    """Columns of a run whose tuples all hold one-token values, each tuple followed by ``,``; else None."""
    tokens = grammar.token.findall(run)
    try:
        width = tokens.index(b")") // 2
    except ValueError:
        return None
    stride = 2 * width + 2
    rows, rest = divmod(len(tokens), stride)
    if width == 0 or rest:
        return None
    punctuation = [(0, b"(")] + [(2 * k, b",") for k in range(1, width)] + [(2 * width, b")")]
    punctuation.append((2 * width + 1, b","))
    if any(tokens[at::stride].count(mark) != rows for at, mark in punctuation):
        return None
    if tokens.count(b"(") + tokens.count(b")") + tokens.count(b",") != rows * (width + 2):
        return None  # a value position holds punctuation: the run is not what it seemed
    return [_column(tokens[2 * k + 1 :: stride], dialect) for k in range(width)]


def _column(tokens: list[bytes], dialect: Dialect) -> pa.Array:
    """One column's tokens as values: quotes and escapes undone, bare NULL null, anything else as written."""
    raw = pa.array(tokens, pa.binary())
    quoted = pc.starts_with(raw, "'")
    if not pc.all(quoted).as_py():
        prefixed = pc.invert(pc.or_(quoted, pc.match_substring_regex(raw, "^[^']*$")))
        if pc.any(prefixed).as_py():  # _binary '...', X'..', E'...': rare, and each is read exactly
            exact = [unquote_string(t, dialect) for t in pc.filter(raw, prefixed).to_pylist()]
            raw = pc.replace_with_mask(raw, prefixed, pa.array([b"'" + t + b"'" for t in exact], pa.binary()))
            quoted = pc.or_(quoted, prefixed)
            return _strings(raw, quoted, dialect, prefixed)
    return _strings(raw, quoted, dialect, None)


def _strings(raw: pa.Array, quoted: pa.Array, dialect: Dialect, done: pa.Array | None) -> pa.Array:
    inner = pc.binary_slice(raw, 1, -1)
    unescaped = mysql_strings(inner) if dialect == "mysql" else pc.replace_substring(inner, "''", "'")
    if done is not None:  # values read exactly above are already unescaped
        unescaped = pc.if_else(done, inner, unescaped)
    values = pc.if_else(quoted, unescaped, raw)
    null = pc.and_(pc.invert(quoted), pc.match_substring_regex(raw, "^(?i:null)$"))
    if pc.any(null).as_py():
        values = pc.if_else(null, pa.nulls(len(values), pa.binary()), values)
    return values


def split_values(body: bytes, grammar: Grammar, dialect: Dialect) -> Row:
    """Split one VALUES tuple's inside into values: NULL is None, strings unquoted and unescaped."""
    found = grammar.value.findall(body)
    found.pop()  # the empty match at the end of the tuple (SQL has no empty value)
    values: Row = []
    append = values.append
    for quoted, bare in found:
        if not quoted:
            append(None if bare in _NULLS or bare.upper() == b"NULL" else bare)
        elif quoted[0] == 0x27 and b"\\" not in quoted and b"''" not in quoted:  # the common case, no escape
            append(quoted[1:-1])
        else:
            append(unquote_string(quoted, dialect))
    return values
