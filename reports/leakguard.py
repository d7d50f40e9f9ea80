"""The leak guard: prove that no planted raw value (or database password) reached an output file.

Tests plant known synthetic values in the scanned data (an RRN, a phone number, a password in the
connection URL), run the scan, and call ``assert_no_raw_values`` on every file written. Values are looked
for in every form a writer could produce: as planted, digits only (``9001011234567``), without separators,
HTML-, JSON-, CSV- and URL-escaped, lower-cased; and the files are also searched with the separators
between digits removed, so ``900101 1234567`` in a report is caught too.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote, quote_plus

from markupsafe import escape

_SEPARATORS = re.compile(r"[\s\-./]")
_BETWEEN_DIGITS = re.compile(rb"(?<=\d)[\s\-./]+(?=\d)")
MIN_PLANTED_LENGTH = 3
MIN_DIGITS = 7


class LeakError(AssertionError):
    """A planted raw value was found in an output file; the message names the file and the value's number."""


def value_forms(value: str) -> dict[str, bytes]:
    """Every spelling of ``value`` a report writer could emit, keyed by a label for the error message."""
    forms = {
        "as planted": value,
        "lower-cased": value.lower(),
        "without separators": _SEPARATORS.sub("", value),
        "HTML-escaped": str(escape(value)),
        "HTML-escaped (stdlib)": html.escape(value),
        "JSON-escaped": json.dumps(value)[1:-1],
        "CSV-quoted": value.replace('"', '""'),
        "URL-encoded": quote(value, safe=""),
        "URL-encoded (+)": quote_plus(value),
    }
    digits = re.sub(r"\D", "", value)
    if len(digits) >= MIN_DIGITS and len(digits) >= 0.6 * len(_SEPARATORS.sub("", value)):
        forms["digits only"] = digits  # a number with its separators dropped; not the digits of an email
    return {label: text.encode("utf-8") for label, text in forms.items() if text}


def _files(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found += sorted(f for f in p.rglob("*") if f.is_file())
        elif p.is_file():
            found.append(p)
        else:
            raise LeakError(f"{p}: not found; the leak guard must search files that exist")
    return found


def _hint(value: str) -> str:
    return value[:2] + "*" * max(len(value) - 2, 1)


def assert_no_raw_values(paths: Iterable[Path], planted: list[str]) -> list[Path]:
    """Fail if any planted value, in any form, occurs in any file under ``paths``.

    Args:
        paths: output files and folders (searched recursively): findings.json, report.html, findings.csv,
            summary.md, the SQLite history and its journal files, logs.
        planted: the raw values planted in the scanned data, and the database password.

    Returns:
        The files searched, so a caller can check the guard looked where it should.

    Raises:
        LeakError: a value was found (the message shows only a masked hint of it), or nothing was searched.
        ValueError: a planted value is too short to search for without false alarms.

    """
    short = [i for i, v in enumerate(planted) if len(v.strip()) < MIN_PLANTED_LENGTH]
    if short:
        raise ValueError(
            f"planted values {short} are shorter than {MIN_PLANTED_LENGTH} characters; plant longer ones"
        )
    files = _files(paths)
    if not files:
        raise LeakError("no output files to search: the leak guard would pass without looking")
    leaks: list[str] = []
    for f in files:
        data = f.read_bytes()
        joined = _BETWEEN_DIGITS.sub(b"", data)
        for number, value in enumerate(planted):
            for label, form in value_forms(value).items():
                haystack = joined if label == "digits only" else data
                if form in haystack:
                    leaks.append(f"{f}: planted value #{number} ({_hint(value)}) found {label}")
                    break
    if leaks:
        raise LeakError("raw values leaked into the outputs:\n" + "\n".join(leaks))
    return files
