"""The two dialects as regular expressions on bytes, compiled once.

Quotes, comments and escapes are recognised on the bytes (safe for UTF-8, EUC-KR and CP949, whose multibyte
characters never contain a quote or a backslash byte). The dialects differ in one thing that matters: in
MySQL a backslash escapes inside a string, in PostgreSQL's standard strings it is an ordinary character
(``E'...'`` strings excepted, wherever they stand: the text between strings never takes their ``E``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Dialect = Literal["mysql", "postgresql"]

RUN_TUPLES = (
    2048  # tuples matched by one regex call and split by one tokenizer call: per-call work is what costs
)

WS = rb"(?:\s+|--[^\n]*(?:\n|\Z)|\#[^\n]*(?:\n|\Z)|/\*.*?\*/)*"
IDENT = rb'(?:`(?:[^`]|``)+`|"(?:[^"]|"")+"|[\w$]+)'
_QNAME = rb"(" + IDENT + rb"(?:\s*\.\s*" + IDENT + rb")*)"
_STRINGS: dict[Dialect, bytes] = {  # possessive: a string that does not close fails at once, never backtracks
    "mysql": rb"'(?:[^'\\]++|\\.|'')*+'",
    "postgresql": rb"(?:[eE]'(?:[^'\\]++|\\.|'')*+'|'(?:[^']++|'')*+')",
}
_OPEN_STRINGS: dict[Dialect, bytes] = {  # a string the file ends inside, its closing quote never written
    "mysql": rb"'(?:[^'\\]++|\\.|'')*+\\?",
    "postgresql": rb"(?:[eE]'(?:[^'\\]++|\\.|'')*+\\?|'(?:[^']++|'')*+)",
}
# What lies between strings, in a tuple and in any other statement. PostgreSQL's stops before the E of E'...'
# so that the string's own pattern reads it: taken as plain, it left a standard string after it.
_PLAIN: dict[Dialect, bytes] = {"mysql": rb"[^'()]++", "postgresql": rb"(?:[^'()eE]++|[eE](?!'))"}
_OTHER_PLAIN: dict[Dialect, bytes] = {
    "mysql": rb"[^;'\"`$\-/\#]+",
    "postgresql": rb"(?:[^;'\"`$\-/\#eE]+|[eE](?!'))",
}
FLAGS = re.S | re.I
_PREFIX = rb"(?:_\w+\s*|[xXbBnN](?='))?"  # _binary 'x', X'0A', N'...': a string with a charset or a base


@dataclass(frozen=True)
class Grammar:
    """The patterns of one dialect."""

    insert: re.Pattern[bytes]
    copy: re.Pattern[bytes]
    create: re.Pattern[bytes]
    use: re.Pattern[bytes]
    meta: re.Pattern[bytes]
    other: re.Pattern[bytes]
    tuple_: re.Pattern[bytes]
    run: re.Pattern[bytes]
    open_tuple: re.Pattern[bytes]
    string: re.Pattern[bytes]
    value: re.Pattern[bytes]
    token: re.Pattern[bytes]


def grammar(dialect: Dialect, run_tuples: int = RUN_TUPLES) -> Grammar:
    """Compile the patterns of ``dialect``; ``run_tuples`` bounds the tuples one run of an INSERT holds."""
    string = _STRINGS[dialect]
    inside = rb"(?:" + string + rb"|" + _PLAIN[dialect] + rb")*+"  # a tuple's inside, strings whole
    dollar = rb"|\$(?P<tag>\w*)\$.*?\$(?P=tag)\$" if dialect == "postgresql" else b""
    return Grammar(
        insert=re.compile(
            WS
            + rb"(?:INSERT|REPLACE)\s+(?:(?:LOW_PRIORITY|DELAYED|HIGH_PRIORITY|IGNORE)\s+)*INTO\s+"
            + _QNAME
            + rb"\s*(?:\(([^)]*)\)\s*)?(?:OVERRIDING\s+(?:SYSTEM|USER)\s+VALUE\s+)?VALUES\s*",
            FLAGS,
        ),
        copy=re.compile(
            WS + rb"COPY\s+" + _QNAME + rb"\s*(?:\(([^)]*)\)\s*)?FROM\s+stdin\s*;[^\n]*\n", FLAGS
        ),
        create=re.compile(
            WS
            + rb"CREATE\s+(?:(?:TEMPORARY|TEMP|UNLOGGED|GLOBAL|LOCAL)\s+)*TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?"
            + _QNAME
            + rb"\s*\(((?:"
            + string
            + rb"|[^;'])*);",
            FLAGS,
        ),
        use=re.compile(WS + rb"USE\s+(" + IDENT + rb")\s*;", FLAGS),
        meta=re.compile(WS + rb"\\[^\n]*\n", FLAGS),  # psql meta-commands (pg_dump 17's \restrict)
        other=re.compile(
            WS + rb"(?:" + _OTHER_PLAIN[dialect] + rb"|" + string + rb"|\"(?:[^\"]|\"\")*\"|`(?:[^`]|``)*`"
            rb"|--[^\n]*\n|/\*.*?\*/" + dollar + rb"|[\-/\#$])*?;",
            FLAGS,
        ),
        tuple_=re.compile(rb"\s*\((" + inside + rb")\)\s*([,;]?)", FLAGS),
        run=re.compile(rb"(?:\s*\(" + inside + rb"\)\s*,){1," + str(run_tuples).encode() + rb"}+", FLAGS),
        open_tuple=re.compile(  # what is left of a file cut inside a tuple (or between two)
            rb"\s*(?:\(" + inside + rb"(?:" + _OPEN_STRINGS[dialect] + rb")?)?\Z", FLAGS
        ),
        string=re.compile(string, FLAGS),
        value=re.compile(rb"\s*" + _PREFIX + rb"(" + string + rb")?\s*([^,]*?)\s*(?:,|\Z)", FLAGS),
        # One token of a run: a string (with its prefix), a bare value (number, NULL, 0x..), or punctuation.
        token=re.compile(_PREFIX + string + rb"|[^\s,()']++|[(),]", FLAGS),
    )


GRAMMARS: dict[Dialect, Grammar] = {"mysql": grammar("mysql"), "postgresql": grammar("postgresql")}


def detect_dialect(head: bytes) -> Dialect:
    """Tell pg_dump output from mysqldump's by what only PostgreSQL dumps say in their first lines."""
    markers = (b"PostgreSQL database dump", b"standard_conforming_strings", b"FROM stdin;", b"pg_catalog.")
    return "postgresql" if any(marker in head for marker in markers) else "mysql"
