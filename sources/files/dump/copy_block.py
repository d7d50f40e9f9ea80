r"""pg_dump's ``COPY name (columns) FROM stdin;`` blocks: tab-separated lines up to ``\.``.

The lines are already a table: each window's worth of whole lines goes to Arrow's CSV reader (tab
delimiter, no quoting, ``\N`` null, every column binary), and the backslash escapes are undone per column
(``escapes.copy_fields``). A piece Arrow would read differently from the exact reader (a carriage return, a
NUL byte, a leading byte-order mark, rows of unequal width) is read line by line instead.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from itertools import repeat

import pyarrow as pa
import pyarrow.csv as pcsv

from sources.files.dump.blocks import Block, Row, rows_block
from sources.files.dump.escapes import copy_fields, copy_unescape
from sources.files.dump.window import DumpTruncated, Window

_END = b"\n\\."
_PARSE = pcsv.ParseOptions(delimiter="\t", quote_char=False, escape_char=False, ignore_empty_lines=False)


def copy_pieces(window: Window, table: str) -> Iterator[bytes]:
    r"""Yield the block's lines in pieces of whole lines (each ending in a newline); consume the ``\.``.

    A file that ends before the ``\.`` line (cut short) raises DumpTruncated once the whole lines are yielded.
    """
    while True:
        while window.data.find(b"\n", window.pos) < 0 and window.more():
            pass  # a whole line at the cursor, or the end of the file
        data, pos = window.data, window.pos
        if data.startswith(b"\\.", pos) and _ends(data[pos + 2 : pos + 4], window.eof):
            newline = data.find(b"\n", pos)
            window.pos = newline + 1 if newline >= 0 else len(data)
            return
        last = data.rfind(b"\n") + 1
        if last <= pos:  # no newline ahead: the file ends
            raise DumpTruncated(f"the file ends inside a row of table {table}")
        cut, search = last, pos
        while (end := data.find(_END, search, last)) >= 0 and end + 1 < last:
            if _ends(data[end + 3 : end + 5], eof=False):
                cut = end + 1
                break
            search = end + 1
        window.pos = cut
        yield data[pos:cut]


def _ends(after: bytes, eof: bool) -> bool:
    r"""Tell whether a line that starts with ``\.`` and goes on with ``after`` is the end of the block."""
    return after[:1] == b"\n" or after == b"\r\n" or (eof and after in (b"", b"\r"))


def piece_size(piece: bytes) -> tuple[int, int]:
    """Count a piece's lines and its widest line's fields, without splitting them."""
    lines = piece.split(b"\n")
    lines.pop()
    return len(lines), max(map(bytes.count, lines, repeat(b"\t")), default=-1) + 1


def piece_block(piece: bytes) -> Block:
    """Read a piece of whole lines into columns: Arrow's CSV reader, or line by line when it would differ."""
    if b"\r" not in piece and b"\0" not in piece and not piece.startswith(codecs.BOM_UTF8):
        width = piece.count(b"\t", 0, piece.find(b"\n")) + 1
        names = [f"f{i}" for i in range(width)]
        convert = pcsv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.binary()), null_values=["\\N"], strings_can_be_null=True
        )
        try:
            table = pcsv.read_csv(
                io.BytesIO(piece),
                read_options=pcsv.ReadOptions(column_names=names, block_size=max(1 << 20, len(piece) + 1)),
                parse_options=_PARSE,
                convert_options=convert,
            )
        except pa.ArrowInvalid:  # rows of unequal width: the exact reader pads and reports them
            pass
        else:
            if table.num_rows == piece.count(b"\n"):
                return [copy_fields(column.combine_chunks()) for column in table.columns]
    return rows_block([copy_line(line.removesuffix(b"\r")) for line in piece.split(b"\n")[:-1]])


def copy_line(line: bytes) -> Row:
    r"""Split one line of a COPY block: tab-separated, ``\N`` is NULL, backslash escapes decoded."""
    return [None if raw == b"\\N" else copy_unescape(raw) for raw in line.split(b"\t")]
