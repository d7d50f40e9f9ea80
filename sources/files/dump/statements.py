r"""Telling a dump's statements apart, and handing on those that matter as row runs or table definitions.

- ``CREATE TABLE name (...)``: the table's columns and declared types;
- ``INSERT INTO name [(columns)] VALUES (...), (...);``: rows (mysqldump's extended inserts, pg_dump
  ``--inserts``/``--column-inserts``), in runs of at most ``extended.RUN_BYTES`` (in the dump tool's shape)
  or ``RUN_TUPLES`` tuples (the exact reader), so a statement of any size stays out of memory; a file that
  ends inside a row stops the runs with DumpTruncated, once those before it are handed on;
- ``COPY name (columns) FROM stdin;`` and its tab-separated lines up to ``\.`` (pg_dump's default);
- ``USE db;`` qualifies later names (``mysqldump --databases``); everything else (``SET``, ``ALTER``,
  functions with dollar quotes, ``/*!40101 ... */``) is skipped whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO, Literal

from sources.files.dump.blocks import Block
from sources.files.dump.copy_block import copy_pieces, piece_block, piece_size
from sources.files.dump.ddl import column_definitions, column_list, qualify, unquote
from sources.files.dump.extended import ShapedRun, shaped_block, shaped_runs
from sources.files.dump.grammar import FLAGS, GRAMMARS, WS, Dialect, Grammar
from sources.files.dump.inserts import run_block, run_size
from sources.files.dump.window import DumpSyntaxError, DumpTruncated, Window


@dataclass
class Statement:
    """One statement of the dump that matters: a table's definition or a run of its rows."""

    kind: Literal["create", "rows"]
    table: str
    offset: int
    columns: list[tuple[str, str]] = field(default_factory=list)  # (name, declared type) for "create"
    listed: list[str] | None = None  # the column list of an INSERT or COPY, when it gives one
    blocks: Iterator[Block] = field(default_factory=lambda: iter(()))
    sizes: Iterator[tuple[int, int]] = field(default_factory=lambda: iter(()))
    """Instead of ``blocks`` (read one or the other): (rows, widest row) of runs of rows, values not split."""


def statements(handle: BinaryIO, dialect: Dialect, start: int = 0) -> Iterator[Statement]:
    """Yield the definitions and row runs of the dump from ``start``; read each run before the next."""
    return _statements(Window(handle, start), dialect)


class StatementReader:
    """Read the statements at known offsets of one open dump, in file order, through one window.

    Opening a fresh window per statement read 8 MB for each INSERT of a few hundred kilobytes: a table of
    a thousand statements read the file dozens of times over.
    """

    def __init__(self, handle: BinaryIO, dialect: Dialect) -> None:
        """Read from ``handle``, a dump in ``dialect``."""
        self._window = Window(handle, 0)
        self._dialect = dialect

    def at(self, offset: int) -> Statement:
        """Return the statement that starts at ``offset`` (read its rows before asking for the next)."""
        self._window.seek(offset)
        return next(_statements(self._window, self._dialect))


_SPACE = re.compile(WS, FLAGS)
_HEAD = re.compile(rb"(\\|\w+)", FLAGS)
_CREATE_TABLE = re.compile(rb"CREATE\s+(?:(?:TEMPORARY|TEMP|UNLOGGED|GLOBAL|LOCAL)\s+)*TABLE\b", FLAGS)
_REST = re.compile(rb"[^;]*\Z", FLAGS)


def _statements(window: Window, dialect: Dialect) -> Iterator[Statement]:
    grammar = GRAMMARS[dialect]
    database: str | None = None
    while True:
        window.advance(_required(window.match(_SPACE, bounded=True), "a comment", window.offset))
        if window.at_end():
            return
        offset = window.offset
        head = window.match(_HEAD, bounded=True)
        keyword = head[1].upper() if head is not None else b""
        found: re.Match[bytes] | None
        if keyword in (b"INSERT", b"REPLACE"):
            found = _required(window.match(grammar.insert, bounded=True), "an INSERT", offset)
            window.advance(found)
            table = qualify(found[1], database)
            runs = _tuple_runs(window, grammar, dialect, table)
            yield Statement(
                "rows",
                table,
                offset,
                listed=column_list(found[2]),
                blocks=(_run_block(run, grammar, dialect) for run in runs),
                sizes=(_run_size(run, grammar) for run in runs),
            )
        elif keyword == b"COPY" and (found := window.match(grammar.copy, bounded=True)):
            window.advance(found)
            table = qualify(found[1], database)
            pieces = copy_pieces(window, table)
            yield Statement(
                "rows",
                table,
                offset,
                listed=column_list(found[2]),
                blocks=(piece_block(piece) for piece in pieces),
                sizes=(piece_size(piece) for piece in pieces),
            )
        elif keyword == b"CREATE" and window.match(_CREATE_TABLE, bounded=True):
            found = _required(window.match(grammar.create, bounded=False), "a CREATE TABLE", offset)
            window.advance(found)
            yield Statement(
                "create", qualify(found[1], database), offset, columns=column_definitions(found[2])
            )
        elif keyword == b"USE" and (found := window.match(grammar.use, bounded=True)):
            window.advance(found)
            database = unquote(found[1])
        elif keyword == b"\\":
            window.advance(_required(window.match(grammar.meta, bounded=True), "a psql command", offset))
        else:
            found = window.match(grammar.other, bounded=False)
            if found is None:
                if window.match(_REST, bounded=False) and window.eof:  # a last statement without its ";"
                    return
                raise DumpSyntaxError(f"a statement clinicscan cannot parse at byte {offset}")
            window.advance(found)


def _required(found: re.Match[bytes] | None, what: str, offset: int) -> re.Match[bytes]:
    if found is None:
        raise DumpSyntaxError(f"{what} statement clinicscan cannot parse at byte {offset}")
    return found


def _tuple_runs(
    window: Window, grammar: Grammar, dialect: Dialect, table: str
) -> Iterator[ShapedRun | bytes]:
    """Yield an INSERT's tuples: while they have the dump tool's shape by the 2 MB, then by RUN_TUPLES.

    Each run is whole; the last ends the statement. A file that ends inside a tuple raises DumpTruncated
    once the tuples before it are yielded.
    """
    if dialect == "mysql" and (yield from shaped_runs(window)):
        return
    while True:
        found = window.match(grammar.run, bounded=False)
        last = found is None
        if last:
            found = window.match(grammar.tuple_, bounded=False)
            if found is None:
                if window.eof and window.match(grammar.open_tuple, bounded=False):
                    raise DumpTruncated(f"the file ends inside a row of table {table}")
                raise DumpSyntaxError(f"a row of an INSERT clinicscan cannot parse at byte {window.offset}")
        assert found is not None
        window.advance(found)
        yield found[0]
        if last and found[2] != b",":
            return


def _run_block(run: ShapedRun | bytes, grammar: Grammar, dialect: Dialect) -> Block:
    if isinstance(run, ShapedRun):
        block = shaped_block(run)
        return block if block is not None else run_block(run.original, grammar, dialect)
    return run_block(run, grammar, dialect)


def _run_size(run: ShapedRun | bytes, grammar: Grammar) -> tuple[int, int]:
    return (run.rows, run.width) if isinstance(run, ShapedRun) else run_size(run, grammar)
