"""Names in a dump: identifiers unquoted, qualified by ``USE``, and a CREATE TABLE's columns and types.

A table's declared types are what a reviewer recognises (``char(14)`` for a resident number), so they are
kept as the dump writes them; constraints (``PRIMARY KEY (...)``) are not columns and are left out.
"""

from __future__ import annotations

import re

from sources.files.dump.grammar import IDENT


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


_NAME_PART = re.compile(IDENT)


def qualify(name: bytes, database: str | None) -> str:
    """Join a possibly qualified name's parts with dots; an unqualified one gets the ``USE`` database."""
    parts = [unquote(part[0]) for part in _NAME_PART.finditer(name)]
    if len(parts) == 1 and database:
        parts.insert(0, database)
    return ".".join(parts)


def column_list(listed: bytes | None) -> list[str] | None:
    """Return the names of an INSERT's or COPY's column list, None when it gives none."""
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
_HEAD_IDENT = re.compile(rb"\s*(" + IDENT + rb")\s*(.*)", re.S)


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
    r"""Split on commas outside parentheses and quotes.

    Quotes close at the next quote character (a doubled one, ``'it''s'``, closes and reopens), except in a
    PostgreSQL escape string (``E'it\'s'``), where a backslash takes the next character with it.
    """
    parts: list[bytes] = []
    depth, start, quote, escapes, skip = 0, 0, 0, False, False
    for position, char in enumerate(text):
        if skip:
            skip = False
        elif quote:
            if escapes and char == 0x5C:
                skip = True
            elif char == quote:
                quote = 0
        elif char in b"'\"`":
            quote = char
            escapes = char == 0x27 and _opens_escape_string(text, position)
        elif char == 0x28:
            depth += 1
        elif char == 0x29:
            depth -= 1
        elif char == 0x2C and depth == 0:
            parts.append(text[start:position])
            start = position + 1
    parts.append(text[start:])
    return parts


def _opens_escape_string(text: bytes, quote_at: int) -> bool:
    """Tell whether the quote at ``quote_at`` opens an ``E'...'`` string (``E`` not ending a longer word)."""
    if quote_at == 0 or text[quote_at - 1] not in b"eE":
        return False
    before = text[quote_at - 2 : quote_at - 1]
    return not before or not (before.isalnum() or before == b"_")
