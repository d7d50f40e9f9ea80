r"""mysqldump's extended INSERTs read by Arrow's CSV reader: ``(1,'a'),(2,'b')`` is two CSV lines.

A dump tool writes every tuple alike: values separated by ``,``, strings quoted with ``'``, numbers and NULL
bare, no spaces, the statement on one line. Once each ``\\`` is a byte the text does not hold and each
``\'`` is ``''``, every quote left opens or closes a string (or doubles one inside it), so the parity of the
quotes before a byte tells whether it is inside a string: one running parity over the bytes gives what lies
outside strings (numbers, NULL, punctuation, a quote per string), and which pairs of neighbours occur there
shows whether the run has the dump tool's shape. A run that has it is a table: ``),(`` becomes a line
break, the escapes are undone in place (``escapes.mysql_quoted``), and Arrow reads the lines with ``'`` as its
quote and NULL, unquoted only, as null.

Anything else (a prefixed string such as ``_binary '...'``, an expression, spaces between values, a
statement over several lines or under MIN_RUN_BYTES, a file cut short) goes to the exact reader
(``inserts``), from that run on.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Generator
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from sources.files.dump.blocks import Block
from sources.files.dump.escapes import mysql_quoted
from sources.files.dump.window import Window

RUN_BYTES = 2 << 20  # a run is one statement (mysqldump writes at most 1 MB) or this much of a longer one
MIN_RUN_BYTES = 16 << 10  # below this, Arrow's fixed cost per call outweighs the exact reader's per value

_SPACE = re.compile(rb"\s*")
_BACKSLASHES = (b"\x01", b"\x02", b"\x03", b"\x04")  # stand-ins for \\: control bytes text never holds
_NULLS = ["".join(letters) for letters in itertools.product(*zip("NULL", "null", strict=True))]
_PARSE = {
    newlines: pcsv.ParseOptions(
        quote_char="'",
        double_quote=True,
        escape_char=False,
        newlines_in_values=newlines,
        ignore_empty_lines=False,
    )
    for newlines in (False, True)
}

# What lies outside strings, one code per kind: a bare value's character, a string's closing quote, , ( ).
_BARE, _QUOTE, _COMMA, _OPEN, _CLOSE = 1, 2, 3, 4, 5
_KINDS = bytearray(256)  # 0: anything a dump tool never writes between values (a space, a backslash, ...)
for _char in b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.+-":
    _KINDS[_char] = _BARE
for _char, _kind in zip(b"',()", (_QUOTE, _COMMA, _OPEN, _CLOSE), strict=True):
    _KINDS[_char] = _kind
_KIND_TABLE = bytes(_KINDS)
_NEIGHBOURS = np.zeros(36, dtype=bool)  # the pairs of neighbours in "(1,'a',NULL),(2,'b''c',3)"
for _first, _second in (
    (_OPEN, _BARE), (_OPEN, _QUOTE), (_BARE, _BARE), (_BARE, _COMMA), (_BARE, _CLOSE), (_QUOTE, _QUOTE),
    (_QUOTE, _COMMA), (_QUOTE, _CLOSE), (_COMMA, _BARE), (_COMMA, _QUOTE), (_COMMA, _OPEN), (_CLOSE, _COMMA),
):  # fmt: skip
    _NEIGHBOURS[_first * 6 + _second] = True
_NEXT_TUPLE, _AFTER_COMMA, _AFTER_CLOSE = (
    bytes([_CLOSE, _COMMA, _OPEN]),
    bytes([_COMMA, _OPEN]),
    bytes([_CLOSE, _COMMA]),
)


@dataclass(frozen=True)
class ShapedRun:
    """Whole tuples of one INSERT in the dump tool's shape: their text ready for Arrow, and their size."""

    text: pa.Array  # the tuples as one value, each ``\\`` as ``backslash`` and each ``\'`` as ``''``
    original: bytes  # the tuples as the dump writes them, for the exact reader
    rows: int
    width: int  # the widest tuple's values
    backslash: bytes | None  # None when no string holds a backslash
    escapes: bytes  # the characters escaped by a backslash left in ``text`` (\n: "n")


def shaped_runs(window: Window) -> Generator[ShapedRun, None, bool]:
    """Yield the INSERT's tuples at the cursor in runs while they have the dump tool's shape.

    Returns True once the statement's ``;`` is passed; False with the cursor at the first tuple not read,
    for the exact reader to go on from: tuples that do not have the shape, the rest of a statement over
    several lines, and short statements (one row each, ``--skip-extended-insert``), which Arrow would read
    slower than the exact reader, one call each.
    """
    while True:
        window.fill(RUN_BYTES + 2)
        data = window.data
        start = _after_space(data, window.pos)
        limit = min(len(data), start + RUN_BYTES)
        line = data.find(b"\n", start, limit)
        if line < 0 and window.eof and limit == len(data):
            line = limit
        if line >= 0:  # the statement ends on this line, or it is not one a dump tool writes
            stop = line
            while stop > start and data[stop - 1] in b" \t\r":
                stop -= 1
            if data[stop - 1 : stop] != b";" or stop - start < MIN_RUN_BYTES:
                window.pos = start
                return False
            last, stop, resume = True, stop - 1, stop
        else:  # a longer statement: up to the last ),( of this much of it
            cut = data.rfind(b"),(", start, limit)
            if cut < 0:
                window.pos = start
                return False
            last, stop, resume = False, cut + 1, cut + 2
        run = _shaped(data[start:stop])
        if run is None:
            window.pos = start
            return False
        window.pos = resume
        yield run
        if last:
            return True


def _after_space(data: bytes, pos: int) -> int:
    found = _SPACE.match(data, pos)
    return found.end() if found is not None else pos


def _shaped(original: bytes) -> ShapedRun | None:
    """Check tuples for the dump tool's shape and size them; None when they have it not."""
    if not original:
        return None
    text, backslash = _one_value(original), None
    if b"\\" in original:
        if b"\\\\" in original:
            backslash = next((byte for byte in _BACKSLASHES if byte not in original), None)
            if backslash is None:
                return None
            text = pc.replace_substring(text, b"\\\\", backslash)
        text = pc.replace_substring(text, b"\\'", b"''")
    codes = np.frombuffer(text[0].as_buffer(), np.uint8)
    outside = _outside_strings(codes == 0x27)
    if outside is None:
        return None
    kinds = codes[outside].tobytes().translate(_KIND_TABLE)  # a string leaves its closing quote(s)
    if len(kinds) < 2 or kinds[0] != _OPEN or kinds[-1] != _CLOSE:
        return None
    codes_of_kinds = np.frombuffer(kinds, np.uint8)
    if not _NEIGHBOURS[codes_of_kinds[:-1] * 6 + codes_of_kinds[1:]].all():
        return None
    rows = kinds.count(_NEXT_TUPLE) + 1
    if kinds.count(_AFTER_COMMA) != rows - 1 or kinds.count(_AFTER_CLOSE) != rows - 1:
        return None  # a parenthesis inside a tuple: an expression
    escapes = np.unique(codes[np.flatnonzero(codes == 0x5C) + 1]).tobytes()  # inside strings, by the shape
    return ShapedRun(
        text=text,
        original=original,
        rows=rows,
        width=_widest(kinds, rows),
        backslash=backslash,
        escapes=escapes,
    )


def _one_value(data: bytes) -> pa.Array:
    """Wrap bytes (under 2 GB: a run) as a binary array of one value, without copying them."""
    offsets = pa.py_buffer(np.array([0, len(data)], dtype=np.int32))
    return pa.Array.from_buffers(pa.binary(), 1, [None, offsets, pa.py_buffer(data)])


def _outside_strings(quotes: np.ndarray) -> np.ndarray | None:
    """Mark the bytes outside strings (closing quotes included) from the quotes; None if a string is open.

    The parity of the quotes up to each byte, computed on the quotes packed eight to a byte: each byte's
    own running parities from a table, and the parity of all bytes before it (a running XOR over an eighth of
    the data); a cumulative sum over every byte costs twice as much.
    """
    packed = np.packbits(quotes)
    through = np.bitwise_xor.accumulate(_PARITY[packed])
    if through[-1]:
        return None
    before = np.empty_like(through)
    before[0] = 0
    before[1:] = through[:-1]
    outside = _RUNNING_PARITY[packed] ^ (before * 0xFF) ^ 0xFF
    return np.unpackbits(outside, count=len(quotes)).view(bool)


def _running_parities() -> tuple[np.ndarray, np.ndarray]:
    """For each byte of packed bits (first bit highest): the parity through each bit, and of the byte."""
    running, parity = np.zeros(256, np.uint8), np.zeros(256, np.uint8)
    for byte in range(256):
        odd = 0
        for bit in range(8):
            odd ^= (byte >> (7 - bit)) & 1
            running[byte] |= odd << (7 - bit)
        parity[byte] = odd
    return running, parity


_RUNNING_PARITY, _PARITY = _running_parities()
_ALL_BUT_COMMAS_AND_CLOSES = bytes(code for code in range(256) if code not in (_COMMA, _CLOSE))


def _widest(kinds: bytes, rows: int) -> int:
    """Count the values of the widest tuple: by the commas before each tuple's end, when they differ."""
    ends = kinds.translate(None, _ALL_BUT_COMMAS_AND_CLOSES)  # each tuple's commas, ")", "," (but the last)
    first = ends.find(bytes([_CLOSE]))
    one = bytes([_COMMA]) * first + bytes([_CLOSE])
    if ends == (one + bytes([_COMMA])) * (rows - 1) + one:
        return first + 1
    return max(part.count(bytes([_COMMA])) for part in ends.split(_AFTER_CLOSE)) + 1


def shaped_block(run: ShapedRun) -> Block | None:
    """Read a run into columns with Arrow; None when Arrow would read it otherwise than the exact reader.

    That is when a string holds ``),(`` (it would become a line break) or the tuples differ in width.
    """
    original = run.original
    lines = pc.replace_substring(run.text, b"),(", b"\n")
    if _size(run.text) - _size(lines) != 2 * (run.rows - 1):
        return None
    newlines = b"\n" in original or b"\r" in original or b"n" in run.escapes or b"r" in run.escapes
    if run.escapes or run.backslash is not None:
        lines = mysql_quoted(lines, run.escapes, run.backslash)
    names = [f"f{i}" for i in range(run.width)]
    buffer = lines[0].as_buffer()
    try:
        table = pcsv.read_csv(
            pa.BufferReader(buffer.slice(1, buffer.size - 2)),  # without the first "(" and the last ")"
            read_options=pcsv.ReadOptions(column_names=names, block_size=buffer.size),
            parse_options=_PARSE[newlines],
            convert_options=pcsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.binary()),
                null_values=_NULLS,
                strings_can_be_null=True,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:
        return None
    if table.num_rows != run.rows:
        return None
    return [
        column.chunk(0) if column.num_chunks == 1 else column.combine_chunks() for column in table.columns
    ]


def _size(text: pa.Array) -> int:
    return int(text[0].as_buffer().size)
