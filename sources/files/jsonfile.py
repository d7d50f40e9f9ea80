"""JSON (an array of objects) and JSON Lines exports, read object by object so memory stays flat.

Values arrive as text: strings as they are, numbers and booleans in their JSON spelling, nested objects and
arrays as compact JSON. The columns are every key any object has, in order of first appearance; describe()
reads the file once to find them (and count the rows), since a key may first appear on the last line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import pyarrow as pa

from sources.files.base import FileTable, text_table
from sources.files.encoding import detect_encoding

_CHUNK = 1 << 20
_WHITESPACE = " \t\r\n"


@dataclass(frozen=True)
class JsonFormat:
    """A JSON file: an array of objects (``lines=False``) or one object per line (``lines=True``)."""

    label: str
    lines: bool

    def sheets(self, path: Path) -> list[str] | None:
        """Return None: a JSON file is one table."""
        return None

    def describe(self, path: Path, sheet: str | None) -> FileTable:
        """Return every key as a text column, and the exact number of objects."""
        keys: dict[str, None] = {}
        count = 0
        for record in self._records(path):
            keys.update(dict.fromkeys(record))
            count += 1
        return text_table(list(keys), f"{self.label} value", count)

    def batches(
        self, path: Path, sheet: str | None, table: FileTable, batch_rows: int
    ) -> Iterator[pa.RecordBatch]:
        """Yield every object as a row of text values; a key an object lacks is null."""
        schema = table.schema
        pending: list[dict[str, Any]] = []
        for record in self._records(path):
            pending.append(record)
            if len(pending) >= batch_rows:
                yield _batch(pending, schema)
                pending = []
        if pending:
            yield _batch(pending, schema)

    def _records(self, path: Path) -> Iterator[dict[str, Any]]:
        encoding = detect_encoding(path)
        with path.open(encoding=encoding, newline="") as handle:
            items = _lines(handle) if self.lines else _array_items(handle)
            for number, item in enumerate(items, start=1):
                if not isinstance(item, dict):
                    where = "line" if self.lines else "element"
                    raise ValueError(f"{where} {number} is a JSON {type(item).__name__}, not an object")
                yield item


def _lines(handle: TextIO) -> Iterator[Any]:
    for number, line in enumerate(handle, start=1):
        if line.strip():
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"line {number} is not valid JSON ({exc.msg}, column {exc.colno})") from None


def _array_items(handle: TextIO) -> Iterator[Any]:
    """Decode the elements of a top-level JSON array one at a time from a sliding buffer."""
    decoder = json.JSONDecoder()
    buffer = handle.read(_CHUNK).lstrip(_WHITESPACE + "\ufeff")
    if not buffer.startswith("["):
        raise ValueError(
            "expected a JSON array of objects ([{...}, {...}]); export the table as an array or JSONL"
        )
    position, eof, expect_item = 1, False, True
    while True:
        position = _skip(buffer, position)
        if position >= len(buffer) and not eof:
            chunk = handle.read(_CHUNK)
            buffer, position, eof = buffer[position:] + chunk, 0, not chunk
            continue
        if position >= len(buffer):
            raise ValueError("the JSON array is not closed (the file ends early)")
        if buffer[position] == "]":
            return
        if not expect_item:
            if buffer[position] != ",":
                raise ValueError(f"expected ',' or ']' between array elements, found {buffer[position]!r}")
            position, expect_item = position + 1, True
            continue
        try:
            item, end = decoder.raw_decode(buffer, position)
        except json.JSONDecodeError as exc:
            if eof:
                raise ValueError(f"invalid JSON in the array ({exc.msg})") from None
            chunk = handle.read(_CHUNK)  # the element may just be cut by the buffer's end
            buffer, position, eof = buffer[position:] + chunk, 0, not chunk
            continue
        yield item
        position, expect_item = end, False


def _skip(buffer: str, position: int) -> int:
    while position < len(buffer) and buffer[position] in _WHITESPACE:
        position += 1
    return position


def _batch(records: list[dict[str, Any]], schema: pa.Schema) -> pa.RecordBatch:
    arrays = [
        pa.array([_text(record.get(name)) for record in records], type=pa.string()) for name in schema.names
    ]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(value)
