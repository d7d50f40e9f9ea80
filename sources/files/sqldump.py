"""SQL dump files (``.sql``): each dumped table is a table of the export (``emr.sql#public.patient``).

A clinic's web-server backup is often a ``mysqldump`` or ``pg_dump`` file: every table of the database in one
text file, gigabytes of it. The file is read twice at most: one streaming pass indexes it (each table's
columns, row count and where its rows start), then reading a table seeks to its own statements only.

A dump cut short (a copy that stopped, a full disk) still holds its tables up to the cut: they are read as far
as their last whole row, and the table the file ends inside gets a second part, ``patient (cut)``, that cannot
be read and says so, so that the report names what is missing instead of passing the dump as clean. A dump
cut between two statements is known by the closing line its tool did not write (``dump.closing``): its last
table gets the cut part.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyarrow as pa

from sources.base import ColumnInfo
from sources.files.base import FileTable
from sources.files.dump.blocks import Block
from sources.files.dump.closing import TAIL_BYTES, DumpTool, unclosed
from sources.files.dump.grammar import Dialect, detect_dialect
from sources.files.dump.statements import StatementReader, statements
from sources.files.dump.window import DumpTruncated
from sources.files.parts import NotInspected
from sources.filters import CUT_SUFFIX

_HEAD_BYTES = 1 << 20


@dataclass
class _Dumped:
    columns: list[tuple[str, str]] = field(default_factory=list)
    rows: int = 0
    width: int = 0
    segments: list[tuple[int, list[str] | None]] = field(default_factory=list)


@dataclass(frozen=True)
class DumpIndex:
    """What one streaming pass learnt about a dump: its dialect, encoding and tables in dump order.

    ``cut`` names the table the file ends inside (a dump cut short) or, in a dump without its tool's closing
    line, the last table, with why; None for a whole dump.
    """

    dialect: Dialect
    encoding: str
    start: int
    tables: dict[str, _Dumped]
    cut: tuple[str, str] | None = None


CUT_ADVICE = "re-export the dump (the copy stopped before its end) and scan it again"


def dump_index(path: Path) -> DumpIndex:
    """Index ``path`` once per version of the file (size and modification time)."""
    stat = path.stat()
    return _index(os.fspath(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _index(path: str, mtime_ns: int, size: int) -> DumpIndex:
    with open(path, "rb") as handle:
        head = handle.read(_HEAD_BYTES)
        start = len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0
        dialect = detect_dialect(head)
        encoding = _encoding(head[start:])
        tables: dict[str, _Dumped] = {}
        cut: tuple[str, str] | None = None
        last: str | None = None
        for statement in statements(handle, dialect, start):
            last = statement.table
            table = tables.setdefault(statement.table, _Dumped())
            if statement.kind == "create":
                table.columns = statement.columns
                continue
            table.segments.append((statement.offset, statement.listed))
            try:
                for rows, width in statement.sizes:
                    table.rows += rows
                    table.width = max(table.width, width)
            except DumpTruncated as truncated:
                cut = (statement.table, f"{truncated} after {_rows_read(table.rows)}")
                break
        if cut is None and last is not None:
            handle.seek(max(0, size - TAIL_BYTES))
            tool = unclosed(head[start:], handle.read())
            if tool is not None:
                cut = (last, _unclosed_reason(tool, last, tables[last].rows))
    return DumpIndex(dialect=dialect, encoding=encoding, start=start, tables=tables, cut=cut)


def _rows_read(rows: int) -> str:
    return f"{rows} row" + ("" if rows == 1 else "s")


def _unclosed_reason(tool: DumpTool, table: str, rows: int) -> str:
    """Say why a dump that parses to its end was cut, in words a data team can act on."""
    return (
        f"the dump has no closing line '{tool.closing}', which {tool.name} writes at the end of every dump: "
        f"the copy stopped after table {table} ({_rows_read(rows)} read), "
        "and whatever came after it is missing"
    )


_DECLARED = re.compile(rb"SET\s+(?:NAMES\s+'?|client_encoding\s*=\s*')(\w+)", re.I)
_DECLARED_ENCODINGS = {
    b"utf8": "utf-8",
    b"utf8mb4": "utf-8",
    b"utf8mb3": "utf-8",
    b"euckr": "cp949",
    b"euc_kr": "cp949",
    b"uhc": "cp949",
    b"cp949": "cp949",
}


def _encoding(head: bytes) -> str:
    """Return the encoding the dump declares (``SET NAMES``, ``client_encoding``), else one that decodes.

    The head may end inside a character: it is the first MB of a larger file, or a dump cut short.
    """
    declared = _DECLARED.search(head)
    if declared is not None and declared[1].lower() in _DECLARED_ENCODINGS:
        return _DECLARED_ENCODINGS[declared[1].lower()]
    for encoding in ("utf-8", "cp949"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return encoding
    return "utf-8"  # binary columns (BLOBs) make every encoding fail somewhere: each value decides


def _text(value: bytes, encoding: str) -> str:
    """Decode one value in the dump's encoding; a BLOB or a value in the other encoding still arrives."""
    try:
        return value.decode(encoding)
    except UnicodeDecodeError:
        other = "cp949" if encoding == "utf-8" else "utf-8"
        try:
            return value.decode(other)
        except UnicodeDecodeError:
            return value.decode(encoding, errors="replace")


@dataclass(frozen=True)
class SqlDumpFormat:
    """mysqldump/MariaDB and pg_dump plain-format dumps; values arrive as the dump writes them, as text."""

    label: str = "SQL dump"

    def sheets(self, path: Path) -> list[str] | None:
        """Return the dumped tables, qualified as the dump names them (``public.patient``), in dump order.

        The table a dump cut short ends inside (or, when its closing line is missing, the last table) is
        followed by its cut part (``public.patient (cut)``).
        """
        index = dump_index(path)
        names = list(index.tables)
        if index.cut is not None:
            names.insert(names.index(index.cut[0]) + 1, index.cut[0] + CUT_SUFFIX)
        return names

    def describe(self, path: Path, sheet: str | None) -> FileTable:
        """Return the table's columns with the types its CREATE TABLE declares, and its exact row count.

        The cut part of a dump cut short raises why it cannot be read, and CUT_ADVICE.
        """
        index = dump_index(path)
        if index.cut is not None and sheet == index.cut[0] + CUT_SUFFIX:
            raise NotInspected(index.cut[1], CUT_ADVICE)
        _, table = _table(index, sheet)
        names = _column_names(table)
        declared = dict(table.columns)
        columns = tuple(
            ColumnInfo(name=column, declared_type=declared.get(column, "SQL dump value"), kind="text")
            for column in names
        )
        schema = pa.schema([pa.field(column, pa.string()) for column in names])
        return FileTable(columns=columns, schema=schema, row_count=table.rows)

    def batches(
        self, path: Path, sheet: str | None, table: FileTable, batch_rows: int
    ) -> Iterator[pa.RecordBatch]:
        """Yield the table's rows, reading only its own INSERT or COPY statements, a block at a time.

        In a dump cut short, the rows before the cut (its cut part reports the rest).
        """
        index = dump_index(path)
        name, dumped = _table(index, sheet)
        names = table.schema.names
        pending: list[Block] = []
        held = 0
        with path.open("rb") as handle:
            reader = StatementReader(handle, index.dialect)
            for offset, listed in dumped.segments:
                statement = reader.at(offset)
                positions = _positions(names, listed)
                for block in _whole_rows(statement.blocks):
                    pending.append(_arrange(name, block, positions, len(names)))
                    held += len(block[0]) if block else 0
                    while held >= batch_rows:
                        batch, pending, held = _cut(pending, batch_rows)
                        yield _batch(batch, table.schema, index.encoding)
        if held:
            yield _batch(_concat(pending), table.schema, index.encoding)


def _whole_rows(blocks: Iterator[Block]) -> Iterator[Block]:
    """Yield a statement's blocks; where the file ends inside it, those before the cut (the index knows)."""
    try:
        yield from blocks
    except DumpTruncated:
        return


def _table(index: DumpIndex, sheet: str | None) -> tuple[str, _Dumped]:
    if not index.tables:
        raise ValueError("the dump holds no CREATE TABLE, INSERT or COPY statement")
    name = sheet if sheet is not None else next(iter(index.tables))
    if name not in index.tables:
        raise ValueError(f"the dump holds no table '{name}' (tables: {', '.join(index.tables)})")
    return name, index.tables[name]


def _column_names(table: _Dumped) -> list[str]:
    names = [name for name, _ in table.columns]
    for _, listed in table.segments:
        names += [column for column in listed or () if column not in names]
    names += [f"column_{position}" for position in range(len(names) + 1, table.width + 1)]
    return names


def _positions(names: list[str], listed: list[str] | None) -> list[int]:
    if listed is None:
        return list(range(len(names)))
    return [names.index(column) for column in listed]


def _arrange(table: str, block: Block, positions: list[int], width: int) -> Block:
    """Place a block's columns in the table's columns; a short row (a hand-written dump) ends in NULLs."""
    if len(block) > len(positions):
        raise ValueError(f"table '{table}': a row has {len(block)} values for {len(positions)} columns")
    if not block or (len(block) == width and positions == list(range(width))):
        return block
    rows = len(block[0])
    arranged = [pa.nulls(rows, pa.binary())] * width
    for position, column in zip(positions, block, strict=False):
        arranged[position] = column
    return arranged


def _concat(blocks: list[Block]) -> Block:
    if len(blocks) == 1:
        return blocks[0]
    return [pa.concat_arrays(list(columns)) for columns in zip(*blocks, strict=True)]


def _cut(blocks: list[Block], rows: int) -> tuple[Block, list[Block], int]:
    """Take the first ``rows`` rows of the pending blocks; return them, the rest and the rows left."""
    whole = _concat(blocks)
    total = len(whole[0])
    rest = [column.slice(rows) for column in whole]
    return [column.slice(0, rows) for column in whole], [rest], total - rows


def _batch(columns: Block, schema: pa.Schema, encoding: str) -> pa.RecordBatch:
    arrays = [_column(column, encoding) for column in columns]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _column(values: pa.Array, encoding: str) -> pa.Array:
    """Decode one column's values; a UTF-8 column that is valid throughout is decoded by Arrow at once."""
    if encoding == "utf-8":
        try:
            return values.cast(pa.string())
        except pa.ArrowInvalid:  # a BLOB or a CP949 value somewhere: each value decides, as below
            pass
    return pa.array(
        [None if value is None else _text(value, encoding) for value in values.to_pylist()], type=pa.string()
    )
