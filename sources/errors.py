"""Turning library exceptions into one clean line for a SourceError, without leaking a value from the data."""

from __future__ import annotations

import re

from sqlalchemy.exc import DBAPIError

_MAX_REASON = 240
# pyarrow's CSV parser and PostgreSQL quote the offending row or value ("Expected 3 columns, got 4: <the
# row>", "invalid value '<the value>'"): personal data, never to be repeated in an error.
_PAYLOADS = (
    (re.compile(r"(Expected \d+ columns?, got \d+)\s*:.*", re.DOTALL), r"\1"),
    (re.compile(r"(invalid value)\s*'.*", re.DOTALL), r"\1"),
    (re.compile(r"(invalid input syntax for type [\w ]+?)\s*:.*", re.DOTALL), r"\1"),  # PostgreSQL
    (re.compile(r"([\w)\]])\s*:\s*'[^']*'$"), r"\1"),  # psycopg: "date too large (after year 10K): '<value>'"
)


def reason(exc: BaseException) -> str:
    """Describe ``exc`` in one line free of data values, to put in a SourceError.

    Args:
        exc: The exception a driver or file library raised.

    Returns:
        For a database error, the driver's own first line (without SQLAlchemy's echo of the statement and its
        parameters, which may hold data); for others, the message's first line with any row text removed,
        at most 240 characters.

    """
    inner: BaseException = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    text = str(inner).strip() or type(inner).__name__
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    first = lines[0] if lines else type(inner).__name__
    for payload, kept in _PAYLOADS:
        first = payload.sub(kept, first)
    return first if len(first) <= _MAX_REASON else first[: _MAX_REASON - 1] + "…"
