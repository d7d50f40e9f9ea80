r"""A streaming reader of SQL dump files: mysqldump/MariaDB and pg_dump plain format, never loaded whole.

The file is read in bytes, a few megabytes at a time; quotes, comments and escapes are recognised by regular
expressions on the bytes (safe for UTF-8, EUC-KR and CP949, whose multibyte characters never contain a quote
or a backslash byte). What a dump holds is told apart statement by statement:

- ``CREATE TABLE name (...)``: the table's columns and declared types;
- ``INSERT INTO name [(columns)] VALUES (...), (...);``: rows (mysqldump's extended inserts, pg_dump
  ``--inserts``/``--column-inserts``), in runs of at most 512 tuples, so a statement of any size stays out
  of memory;
- ``COPY name (columns) FROM stdin;`` and its tab-separated lines up to ``\.`` (pg_dump's default);
- ``USE db;`` qualifies later names (``mysqldump --databases``); everything else (``SET``, ``ALTER``,
  functions with dollar quotes, ``/*!40101 ... */``) is skipped whole.

The two dialects differ in one thing that matters: in MySQL a backslash escapes inside a string, in
PostgreSQL's standard strings it is an ordinary character (``E'...'`` strings excepted).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO, Literal

Dialect = Literal["mysql", "postgresql"]
Row = list[bytes | None]

CHUNK_BYTES = 8 << 20
LOOKAHEAD_BYTES = 1 << 20
RUN_TUPLES = 512  # tuples matched by one regex call: the per-tuple Python work is what costs
MAX_STATEMENT_BYTES = 256 << 20  # larger than MySQL's largest packet: more is malformed SQL, not a statement

_WS = rb"(?:\s+|--[^\n]*(?:\n|\Z)|\#[^\n]*(?:\n|\Z)|/\*.*?\*/)*"
_IDENT = rb'(?:`(?:[^`]|``)+`|"(?:[^"]|"")+"|[\w$]+)'
_QNAME = rb"(" + _IDENT + rb"(?:\s*\.\s*" + _IDENT + rb")*)"
_STRINGS: dict[Dialect, bytes] = {  # possessive: a string that does not close fails at once, never backtracks
    "mysql": rb"'(?:[^'\\]++|\\.|'')*+'",
    "postgresql": rb"(?:[eE]'(?:[^'\\]++|\\.|'')*+'|'(?:[^']++|'')*+')",
}
_FLAGS = re.S | re.I


@dataclass(frozen=True)
class _Grammar:
    insert: re.Pattern[bytes]
    copy: re.Pattern[bytes]
    create: re.Pattern[bytes]
    use: re.Pattern[bytes]
    meta: re.Pattern[bytes]
    other: re.Pattern[bytes]
    end: re.Pattern[bytes]
    tuple_: re.Pattern[bytes]
    run: re.Pattern[bytes]
    string: re.Pattern[bytes]
    value: re.Pattern[bytes]


def _grammar(dialect: Dialect) -> _Grammar:
    string = _STRINGS[dialect]
    dollar = rb"|\$(?P<tag>\w*)\$.*?\$(?P=tag)\$" if dialect == "postgresql" else b""
    return _Grammar(
        insert=re.compile(
            _WS
            + rb"(?:INSERT|REPLACE)\s+(?:(?:LOW_PRIORITY|DELAYED|HIGH_PRIORITY|IGNORE)\s+)*INTO\s+"
            + _QNAME
            + rb"\s*(?:\(([^)]*)\)\s*)?(?:OVERRIDING\s+(?:SYSTEM|USER)\s+VALUE\s+)?VALUES\s*",
            _FLAGS,
        ),
        copy=re.compile(
            _WS + rb"COPY\s+" + _QNAME + rb"\s*(?:\(([^)]*)\)\s*)?FROM\s+stdin\s*;[^\n]*\n", _FLAGS
        ),
        create=re.compile(
            _WS
            + rb"CREATE\s+(?:(?:TEMPORARY|TEMP|UNLOGGED|GLOBAL|LOCAL)\s+)*TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?"
            + _QNAME
            + rb"\s*\(((?:"
            + string
            + rb"|[^;'])*);",
            _FLAGS,
        ),
        use=re.compile(_WS + rb"USE\s+(" + _IDENT + rb")\s*;", _FLAGS),
        meta=re.compile(_WS + rb"\\[^\n]*\n", _FLAGS),  # psql meta-commands (pg_dump 17's \restrict)
        other=re.compile(
            _WS + rb"(?:[^;'\"`$\-/\#]+|" + string + rb"|\"(?:[^\"]|\"\")*\"|`(?:[^`]|``)*`|--[^\n]*\n"
            rb"|/\*.*?\*/" + dollar + rb"|[\-/\#$])*?;",
            _FLAGS,
        ),
        end=re.compile(_WS + rb"\Z", _FLAGS),
        tuple_=re.compile(rb"\s*\(((?:" + string + rb"|[^'()]++)*+)\)\s*([,;]?)", _FLAGS),
        run=re.compile(
            rb"(?:\s*\((?:" + string + rb"|[^'()]++)*+\)\s*,){1," + str(RUN_TUPLES).encode() + rb"}+", _FLAGS
        ),
        string=re.compile(string, _FLAGS),
        value=re.compile(rb"\s*(?:_\w+\s*|[xXbBnN](?='))?(" + string + rb")?\s*([^,]*?)\s*(?:,|\Z)", _FLAGS),
    )


GRAMMARS: dict[Dialect, _Grammar] = {"mysql": _grammar("mysql"), "postgresql": _grammar("postgresql")}


class DumpSyntaxError(ValueError):
    """The dump is not SQL this reader understands; the message gives the byte offset, never the data."""


class _Buffer:
    """A window on the file: match a pattern at the cursor, reading more when the match may go on."""

    def __init__(self, handle: BinaryIO, start: int) -> None:
        handle.seek(start)
        self.handle = handle
        self.data = b""
        self.pos = 0
        self.base = start
        self.eof = False

    @property
    def offset(self) -> int:
        """The file offset of the cursor."""
        return self.base + self.pos

    def _more(self) -> bool:
        if self.eof:
            return False
        if len(self.data) - self.pos > MAX_STATEMENT_BYTES:
            raise DumpSyntaxError(f"malformed SQL or a statement over 256 MB at byte {self.offset}")
        chunk = self.handle.read(CHUNK_BYTES)
        if not chunk:
            self.eof = True
            return False
        self.data = self.data[self.pos :] + chunk
        self.base += self.pos
        self.pos = 0
        return True

    def match(self, pattern: re.Pattern[bytes], *, bounded: bool) -> re.Match[bytes] | None:
        """Match at the cursor; a match touching the end of the window is retried with more of the file.

        A ``bounded`` pattern (a statement's head, a comment) is never longer than LOOKAHEAD_BYTES: it is
        matched on at least that much of the file. Any other pattern, when it fails, reads on until the file
        or the statement limit ends.
        """
        if bounded:
            while len(self.data) - self.pos < LOOKAHEAD_BYTES and self._more():
                pass
        while True:
            found = pattern.match(self.data, self.pos)
            if found is not None and found.end() < len(self.data):
                return found
            if found is None and bounded:
                return None
            if not self._more():
                return pattern.match(self.data, self.pos)

    def at_end(self) -> bool:
        """Tell whether the cursor is at the end of the file."""
        return self.pos >= len(self.data) and not self._more()

    def line(self) -> bytes | None:
        """Return the next line without its newline (None at the end of the file) and move past it."""
        while True:
            end = self.data.find(b"\n", self.pos)
            if end >= 0:
                line = self.data[self.pos : end]
                self.pos = end + 1
                return line
            if not self._more():
                if self.pos >= len(self.data):
                    return None
                line = self.data[self.pos :]
                self.pos = len(self.data)
                return line

    def advance(self, found: re.Match[bytes]) -> None:
        """Move the cursor past ``found``."""
        self.pos = found.end()

    def seek(self, offset: int) -> None:
        """Move the cursor to a file offset, keeping the window when the offset is inside it."""
        if self.base <= offset <= self.base + len(self.data):
            self.pos = offset - self.base
            return
        self.handle.seek(offset)
        self.data, self.pos, self.base, self.eof = b"", 0, offset, False


@dataclass
class Statement:
    """One statement of the dump that matters: a table's definition or a run of its rows."""

    kind: Literal["create", "rows"]
    table: str
    offset: int
    columns: list[tuple[str, str]] = field(default_factory=list)  # (name, declared type) for "create"
    listed: list[str] | None = None  # the column list of an INSERT or COPY, when it gives one
    rows: Iterator[Row] = field(default_factory=lambda: iter(()))
    sizes: Iterator[tuple[int, int]] = field(default_factory=lambda: iter(()))
    """Instead of ``rows`` (read one or the other): (rows, widest row) of runs of rows, values not split."""


def detect_dialect(head: bytes) -> Dialect:
    """Tell pg_dump output from mysqldump's by what only PostgreSQL dumps say in their first lines."""
    markers = (b"PostgreSQL database dump", b"standard_conforming_strings", b"FROM stdin;", b"pg_catalog.")
    return "postgresql" if any(marker in head for marker in markers) else "mysql"


def statements(handle: BinaryIO, dialect: Dialect, start: int = 0) -> Iterator[Statement]:
    """Yield the definitions and row runs of the dump from ``start``; read each run before the next."""
    return _statements(_Buffer(handle, start), dialect)


class StatementReader:
    """Read the statements at known offsets of one open dump, in file order, through one window.

    Opening a fresh window per statement read 8 MB for each INSERT of a few hundred kilobytes: a table of
    a thousand statements read the file dozens of times over.
    """

    def __init__(self, handle: BinaryIO, dialect: Dialect) -> None:
        """Read from ``handle``, a dump in ``dialect``."""
        self._buffer = _Buffer(handle, 0)
        self._dialect = dialect

    def at(self, offset: int) -> Statement:
        """Return the statement that starts at ``offset`` (read its rows before asking for the next)."""
        self._buffer.seek(offset)
        return next(_statements(self._buffer, self._dialect))


def _statements(buffer: _Buffer, dialect: Dialect) -> Iterator[Statement]:
    grammar = GRAMMARS[dialect]
    database: str | None = None
    while True:
        buffer.advance(_required(buffer.match(_SPACE, bounded=True), "a comment", buffer.offset))
        if buffer.at_end():
            return
        offset = buffer.offset
        head = buffer.match(_HEAD, bounded=True)
        keyword = head[1].upper() if head is not None else b""
        found: re.Match[bytes] | None
        if keyword in (b"INSERT", b"REPLACE"):
            found = _required(buffer.match(grammar.insert, bounded=True), "an INSERT", offset)
            buffer.advance(found)
            runs = _tuple_runs(buffer, grammar)
            yield Statement(
                "rows",
                qualify(found[1], database),
                offset,
                listed=_names(found[2]),
                rows=_tuples(runs, grammar, dialect),
                sizes=(_run_size(run, grammar) for run in runs),
            )
        elif keyword == b"COPY" and (found := buffer.match(grammar.copy, bounded=True)):
            buffer.advance(found)
            lines = _copy_lines(buffer)
            yield Statement(
                "rows",
                qualify(found[1], database),
                offset,
                listed=_names(found[2]),
                rows=(copy_fields(line) for line in lines),
                sizes=((1, line.count(b"\t") + 1) for line in lines),
            )
        elif keyword == b"CREATE" and buffer.match(_CREATE_TABLE, bounded=True):
            found = _required(buffer.match(grammar.create, bounded=False), "a CREATE TABLE", offset)
            buffer.advance(found)
            yield Statement(
                "create", qualify(found[1], database), offset, columns=column_definitions(found[2])
            )
        elif keyword == b"USE" and (found := buffer.match(grammar.use, bounded=True)):
            buffer.advance(found)
            database = unquote(found[1])
        elif keyword == b"\\":
            buffer.advance(_required(buffer.match(grammar.meta, bounded=True), "a psql command", offset))
        else:
            found = buffer.match(grammar.other, bounded=False)
            if found is None:
                if buffer.match(_REST, bounded=False) and buffer.eof:  # a last statement without its ";"
                    return
                raise DumpSyntaxError(f"a statement clinicscan cannot parse at byte {offset}")
            buffer.advance(found)


_SPACE = re.compile(_WS, _FLAGS)
_HEAD = re.compile(rb"(\\|\w+)", _FLAGS)
_CREATE_TABLE = re.compile(rb"CREATE\s+(?:(?:TEMPORARY|TEMP|UNLOGGED|GLOBAL|LOCAL)\s+)*TABLE\b", _FLAGS)
_REST = re.compile(rb"[^;]*\Z", _FLAGS)


def _required(found: re.Match[bytes] | None, what: str, offset: int) -> re.Match[bytes]:
    if found is None:
        raise DumpSyntaxError(f"{what} statement clinicscan cannot parse at byte {offset}")
    return found


def _tuple_runs(buffer: _Buffer, grammar: _Grammar) -> Iterator[bytes]:
    """Yield an INSERT's tuples in runs of up to RUN_TUPLES, each run whole; the last ends the statement."""
    while True:
        found = buffer.match(grammar.run, bounded=False)
        last = found is None
        if last:
            found = buffer.match(grammar.tuple_, bounded=False)
            if found is None:
                raise DumpSyntaxError(f"a row of an INSERT clinicscan cannot parse at byte {buffer.offset}")
        assert found is not None
        buffer.advance(found)
        yield found[0]
        if last and found[2] != b",":
            return


def _tuples(runs: Iterator[bytes], grammar: _Grammar, dialect: Dialect) -> Iterator[Row]:
    for run in runs:
        for found in grammar.tuple_.finditer(run):
            yield split_values(found[1], grammar, dialect)


def _run_size(run: bytes, grammar: _Grammar) -> tuple[int, int]:
    """Count a run's tuples and its widest one without splitting values: strings hold the only odd bytes."""
    bare = grammar.string.sub(b"''", run)  # outside strings, parentheses and commas are the tuples' own
    widths = [tuple_.rpartition(b"(")[2] for tuple_ in bare.split(b")")[:-1]]
    return len(widths), max((w.count(b",") + 1 if w.strip() else 0 for w in widths), default=0)


def split_values(body: bytes, grammar: _Grammar, dialect: Dialect) -> Row:
    """Split one VALUES tuple's inside into values: NULL is None, strings unquoted and unescaped."""
    found = grammar.value.findall(body)
    found.pop()  # the empty match at the end of the tuple (SQL has no empty value)
    if b"\\" not in body and b"''" not in body:  # no escape anywhere: each string is its inside
        return [
            (quoted[1:-1] if quoted[0] == 0x27 else _unquote_string(quoted, dialect))
            if quoted
            else (None if bare in _NULLS or bare.upper() == b"NULL" else bare)
            for quoted, bare in found
        ]
    values: Row = []
    append = values.append
    for quoted, bare in found:
        if not quoted:
            append(None if bare in _NULLS or bare.upper() == b"NULL" else bare)
        elif quoted[0] == 0x27 and b"\\" not in quoted and b"''" not in quoted:  # the common case, no escape
            append(quoted[1:-1])
        else:
            append(_unquote_string(quoted, dialect))
    return values


_NULLS = frozenset({b"NULL", b"null"})


_MYSQL_ESCAPES = {b"0": b"\0", b"b": b"\b", b"n": b"\n", b"r": b"\r", b"t": b"\t", b"Z": b"\x1a"}
_PG_ESCAPES = {b"b": b"\b", b"f": b"\f", b"n": b"\n", b"r": b"\r", b"t": b"\t", b"v": b"\v"}
_MYSQL_ESCAPE = re.compile(rb"\\(.)|''", re.S)
_PG_ESCAPE = re.compile(rb"\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)|''", re.S)


def _unquote_string(quoted: bytes, dialect: Dialect) -> bytes:
    inner = quoted[quoted.index(b"'") + 1 : -1]
    if dialect == "mysql":
        if b"\\" not in inner and b"''" not in inner:
            return inner
        return _MYSQL_ESCAPE.sub(_mysql_escape, inner)
    if quoted[:1] in (b"e", b"E"):
        return _PG_ESCAPE.sub(_pg_escape, inner)
    return inner.replace(b"''", b"'")


def _mysql_escape(found: re.Match[bytes]) -> bytes:
    char = found[1]
    if char is None:
        return b"'"
    if char in (b"%", b"_"):  # MySQL keeps the backslash of \% and \_ (they are LIKE escapes)
        return b"\\" + char
    return _MYSQL_ESCAPES.get(char, char)


def _pg_escape(found: re.Match[bytes]) -> bytes:
    code = found[1]
    if code is None:
        return b"'"
    if code[:1] == b"x" and len(code) > 1:
        return bytes([int(code[1:], 16)])
    if code[:1].isdigit():
        return bytes([int(code, 8) & 0xFF])
    return _PG_ESCAPES.get(code, code)


def _copy_lines(buffer: _Buffer) -> Iterator[bytes]:
    while True:
        line = buffer.line()
        if line is None:
            raise DumpSyntaxError(f"a COPY block without its closing \\. line (byte {buffer.offset})")
        line = line.removesuffix(b"\r")
        if line == b"\\.":
            return
        yield line


_COPY_ESCAPE = re.compile(rb"\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)", re.S)


def copy_fields(line: bytes) -> Row:
    r"""Split one line of a COPY block: tab-separated, ``\N`` is NULL, backslash escapes decoded."""
    fields: Row = []
    for raw in line.split(b"\t"):
        if raw == b"\\N":
            fields.append(None)
        elif b"\\" in raw:
            fields.append(_COPY_ESCAPE.sub(_pg_escape, raw))
        else:
            fields.append(raw)
    return fields


def unquote(identifier: bytes) -> str:
    """Return an identifier without its backticks or double quotes, decoded (UTF-8, else CP949)."""
    text = _decode_name(identifier.strip())
    if len(text) >= 2 and text[0] == text[-1] and text[0] in '`"':
        quote = text[0]
        return text[1:-1].replace(quote * 2, quote)
    return text


def _decode_name(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp949", errors="replace")


_NAME_PART = re.compile(_IDENT)


def qualify(name: bytes, database: str | None) -> str:
    """Join a possibly qualified name's parts with dots; an unqualified one gets the ``USE`` database."""
    parts = [unquote(part[0]) for part in _NAME_PART.finditer(name)]
    if len(parts) == 1 and database:
        parts.insert(0, database)
    return ".".join(parts)


def _names(listed: bytes | None) -> list[str] | None:
    if listed is None:
        return None
    return [unquote(part) for part in _split_top_level(listed) if part.strip()]


_CONSTRAINTS = frozenset(
    {
        "PRIMARY",
        "KEY",
        "UNIQUE",
        "CONSTRAINT",
        "INDEX",
        "FOREIGN",
        "CHECK",
        "FULLTEXT",
        "SPATIAL",
        "EXCLUDE",
        "LIKE",
        "PERIOD",
    }
)
_TYPE_END = re.compile(
    rb"\s+(?:NOT|NULL|DEFAULT|PRIMARY|UNIQUE|REFERENCES|CHECK|COLLATE|CHARACTER|CHARSET|AUTO_INCREMENT|"
    rb"COMMENT|GENERATED|CONSTRAINT|ON|UNSIGNED\s+ZEROFILL|INVISIBLE|VISIBLE)\b",
    re.I,
)
_HEAD_IDENT = re.compile(rb"\s*(" + _IDENT + rb")\s*(.*)", re.S)


def column_definitions(body: bytes) -> list[tuple[str, str]]:
    """Read ``(name type ..., ...)`` of a CREATE TABLE into (name, declared type), constraints left out."""
    columns: list[tuple[str, str]] = []
    for item in _split_top_level(body.rsplit(b")", 1)[0]):
        found = _HEAD_IDENT.match(item)
        if found is None:
            continue
        name = found[1]
        if name[:1] not in (b"`", b'"') and name.decode("ascii", "replace").upper() in _CONSTRAINTS:
            continue
        declared = _TYPE_END.split(found[2], maxsplit=1)[0].strip()
        columns.append((unquote(name), _decode_name(declared) or "unknown"))
    return columns


def _split_top_level(text: bytes) -> list[bytes]:
    """Split on commas outside parentheses and quotes."""
    parts: list[bytes] = []
    depth, start, quote = 0, 0, 0
    for position, char in enumerate(text):
        if quote:
            if char == quote:
                quote = 0
        elif char in b"'\"`":
            quote = char
        elif char == 0x28:
            depth += 1
        elif char == 0x29:
            depth -= 1
        elif char == 0x2C and depth == 0:
            parts.append(text[start:position])
            start = position + 1
    parts.append(text[start:])
    return parts
