"""mysqldump's extended INSERTs through Arrow's CSV reader: the exact reader's values, or none at all."""

from __future__ import annotations

import io
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from sources.files.dump import blocks, extended, grammar, inserts, statements

MYSQL = grammar.GRAMMARS["mysql"]

# Text a clinic writes, and what breaks tokenizers: quotes, backslashes, line breaks, ),( , Hangul, NUL,
# the control bytes the reader borrows for \\, and what MySQL escapes (\0 \b \n \r \t \Z) or keeps (\% \_).
_TEXT = st.text(
    alphabet=st.sampled_from("가힣김a1'\"\\;,() \t\n\r\x00\x01\x02\x1a\b%_NUL-.#`"), max_size=14
) | st.text(max_size=6)
_VALUE = st.one_of(
    st.none(), _TEXT, st.integers(-(10**12), 10**12), st.floats(allow_nan=False, allow_infinity=False)
)
_ROWS = st.lists(st.lists(_VALUE, min_size=3, max_size=3), min_size=1, max_size=8)


def mysqldump_literal(value: str | int | float | None) -> str:
    """Write a value as mysqldump does: NULL and numbers bare, strings quoted with its escapes."""
    if value is None:
        return "NULL"
    if isinstance(value, int | float):
        return repr(value)
    escapes = {"\\": "\\\\", "'": "\\'", '"': '\\"', "\n": "\\n", "\r": "\\r", "\x00": "\\0", "\x1a": "\\Z"}
    return "'" + "".join(escapes.get(char, char) for char in value) + "'"


def _as_read(value: str | int | float | None) -> str | None:
    return None if value is None else value if isinstance(value, str) else repr(value)


def _read(dump: str) -> list[list[str | None]]:
    handle = io.BytesIO(dump.encode("utf-8"))
    return [
        [None if v is None else v.decode("utf-8") for v in row]
        for statement in statements.statements(handle, "mysql")
        if statement.kind == "rows"
        for block in statement.blocks
        for row in blocks.block_rows(block)
    ]


@settings(max_examples=200, deadline=None)
@given(_ROWS)
def test_mysqldump_rows_written_with_its_escapes_read_back_unchanged(rows: list[list[object]]) -> None:
    tuples = ",".join("(" + ",".join(mysqldump_literal(v) for v in row) + ")" for row in rows)  # type: ignore[arg-type]
    assert extended._shaped(tuples.encode("utf-8")) is not None  # the dump tool's shape: read by Arrow
    dump = (
        f"-- MySQL dump\nINSERT INTO `t` VALUES {tuples};\nINSERT INTO `t` VALUES {tuples};\nUNLOCK TABLES;\n"
    )
    expected = [[_as_read(v) for v in row] for row in rows]  # type: ignore[arg-type]
    with mock.patch.object(extended, "MIN_RUN_BYTES", 0):  # however short: the statements go to Arrow
        assert _read(dump) == expected * 2


# Tuples as a person or another tool writes them: spaces, line breaks, prefixed strings, expressions.
_SPACE = st.sampled_from(["", "", "", " ", "\n", "\t "])
_ODD = st.sampled_from(
    ["_binary 'x'", "X'0A'", "NOW()", "'a' 'b'", "b'01'", "N'이름'", "1 2", "''''", "null"]
)
_DUMPED = _VALUE.map(mysqldump_literal)
_TOKEN = st.one_of(_DUMPED, _DUMPED, _ODD)


@st.composite
def _written(draw: st.DrawFn) -> bytes:
    rows = draw(st.lists(st.lists(_TOKEN, min_size=1, max_size=4), min_size=1, max_size=6))
    dense = draw(st.booleans())  # as a dump tool writes, but for the odd token; else spaced out anywhere

    def pad() -> str:
        return "" if dense else draw(_SPACE)

    text = (pad() + ",").join(f"{pad()}({pad()}" + f"{pad()},{pad()}".join(row) + f"{pad()})" for row in rows)
    return text.encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(_written())
def test_arrow_reads_only_what_it_reads_as_the_exact_reader_does(text: bytes) -> None:
    run = extended._shaped(text)
    if run is None:
        return  # not the dump tool's shape: the exact reader reads it
    exact = inserts.run_rows(text, MYSQL, "mysql")
    assert (run.rows, run.width) == (len(exact), max(len(row) for row in exact))
    block = extended.shaped_block(run)
    if block is not None:
        assert blocks.block_rows(block) == exact
