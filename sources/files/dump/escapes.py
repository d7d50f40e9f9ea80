r"""Undoing each dialect's escapes: exactly, value by value, and on whole Arrow columns at once.

The per-value functions are the definition. The column functions give the same bytes for the escapes dumps
actually write (``\\``, ``\n``, ``\t``, ``\'``, ...) with a few Arrow kernels per column instead of Python per
value, and hand every other value (octal and hex escapes, ``''`` in a MySQL string, a prefixed string) to the
per-value functions. They can only be equal: a value either has no backslash, or is split at its ``\\``
pairs (read left to right, as an escape reader does), the two-byte escapes replaced in each part (none can
overlap, since no part holds ``\\``), and the parts joined with ``\``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pyarrow as pa
import pyarrow.compute as pc

from sources.files.dump.grammar import Dialect

_MYSQL_ESCAPES = {b"0": b"\0", b"b": b"\b", b"n": b"\n", b"r": b"\r", b"t": b"\t", b"Z": b"\x1a"}
_PG_ESCAPES = {b"b": b"\b", b"f": b"\f", b"n": b"\n", b"r": b"\r", b"t": b"\t", b"v": b"\v"}
_MYSQL_ESCAPE = re.compile(rb"\\(.)|''", re.S)
_PG_ESCAPE = re.compile(rb"\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)|''", re.S)
_COPY_ESCAPE = re.compile(rb"\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)", re.S)


def unquote_string(quoted: bytes, dialect: Dialect) -> bytes:
    """Return a quoted string literal's value (any prefix such as ``_binary`` or ``E`` dropped)."""
    inner = quoted[quoted.index(b"'") + 1 : -1]
    if dialect == "mysql":
        if b"\\" not in inner and b"''" not in inner:
            return inner
        return _MYSQL_ESCAPE.sub(_mysql_escape, inner)
    if quoted[:1] in (b"e", b"E"):
        return _PG_ESCAPE.sub(_pg_escape, inner)
    return inner.replace(b"''", b"'")


def copy_unescape(raw: bytes) -> bytes:
    r"""Decode the backslash escapes of one COPY field (``\N`` is told apart before)."""
    return _COPY_ESCAPE.sub(_pg_escape, raw) if b"\\" in raw else raw


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


# The two-byte escapes each column function undoes itself; any other backslash goes to the exact function.
_MYSQL_SIMPLE = {b"\\" + k: v for k, v in _MYSQL_ESCAPES.items()} | {b"\\'": b"'", b'\\"': b'"'}
_COPY_SIMPLE = {b"\\" + k: v for k, v in _PG_ESCAPES.items()}
_BACKSLASH = pa.scalar(b"\\", pa.binary())


def _others(simple: dict[bytes, bytes]) -> str:
    r"""Return an RE2 pattern for a backslash starting no simple escape (a pair may match too: harmless)."""
    return r"\\[^\\" + "".join(re.escape(chr(key[1])) for key in simple) + r"]|\\$"


_MYSQL_OTHERS = _others(_MYSQL_SIMPLE) + "|''"
_COPY_OTHERS = _others(_COPY_SIMPLE)


def mysql_strings(inner: pa.Array) -> pa.Array:
    """Unescape the insides of MySQL strings (a binary column, quotes removed) as ``unquote_string`` does."""
    return _unescape(inner, _MYSQL_SIMPLE, _MYSQL_OTHERS, lambda v: unquote_string(b"'" + v + b"'", "mysql"))


def copy_fields(raw: pa.Array) -> pa.Array:
    r"""Unescape a binary column of COPY fields (``\\N`` already null) as ``copy_unescape`` does."""
    return _unescape(raw, _COPY_SIMPLE, _COPY_OTHERS, copy_unescape)


def _unescape(
    values: pa.Array, simple: dict[bytes, bytes], others: str, exact: Callable[[bytes], bytes]
) -> pa.Array:
    escaped = pc.match_substring_regex(values, r"\\|''")  # '' only matters to MySQL: harmless
    if not pc.any(escaped).as_py():
        return values
    hard = pc.fill_null(pc.match_substring_regex(values, others), False)
    parts = pc.split_pattern(values, "\\\\")
    flat = parts.flatten()
    for escape, value in simple.items():
        flat = pc.replace_substring(flat, escape, value)
    result = pc.binary_join(pa.ListArray.from_arrays(parts.offsets, flat, mask=parts.is_null()), _BACKSLASH)
    if pc.any(hard).as_py():
        exact_values = [exact(value) for value in pc.filter(values, hard).to_pylist()]
        result = pc.replace_with_mask(result, hard, pa.array(exact_values, pa.binary()))
    return result


_MYSQL_SIMPLE_CHARS = b'"' + b"".join(_MYSQL_ESCAPES)
_MYSQL_OTHER = r"\\([^%_])"  # any other escape: the character itself (\% and \_ keep their backslash)


def mysql_quoted(text: pa.Array, escapes: bytes, backslash: bytes | None) -> pa.Array:
    r"""Undo the escapes of MySQL strings in SQL text (an array of one value), quotes kept (``extended``).

    In ``text`` every ``\\`` is already ``backslash`` (a byte the text does not otherwise hold; None
    when there was no ``\\``) and every ``\'`` a doubled quote, so each backslash left starts an escape of
    one character (of ``escapes``): they cannot overlap, and no value they stand for holds a backslash, so
    each kind is replaced on its own and ``backslash`` becomes ``\`` last. Each string then holds the bytes
    ``unquote_string`` gives.
    """
    for char in escapes:
        if char in _MYSQL_SIMPLE_CHARS:
            text = pc.replace_substring(
                text, b"\\" + bytes((char,)), _MYSQL_ESCAPES.get(bytes((char,)), b'"')
            )
    if any(char not in _MYSQL_SIMPLE_CHARS + b"%_" for char in escapes):
        text = pc.replace_substring_regex(text, _MYSQL_OTHER, r"\1")
    return text if backslash is None else pc.replace_substring(text, backslash, "\\")
