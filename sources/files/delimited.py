"""CSV and TSV exports: encoding detected, every value kept as the file's text (leading zeros survive)."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv

from sources.files.base import FileTable, text_table, unique_names
from sources.files.encoding import detect_encoding

_HEAD_BYTES = 1 << 20
_BYTES_PER_ROW_GUESS = 256
_CANDIDATE_DELIMITERS = (",", "\t", ";", "|")
# pyarrow parses UTF-8 natively (and skips a UTF-8 BOM itself); other encodings go through Python's codecs.
_ARROW_ENCODING = {"utf-8": "utf8", "utf-8-sig": "utf8"}


@dataclass(frozen=True)
class _Layout:
    encoding: str
    delimiter: str
    names: list[str]


@dataclass(frozen=True)
class DelimitedFormat:
    """Comma- or tab-separated text with a header row.

    Attributes:
        label: The name users know the format by.
        delimiter: The delimiter the suffix implies; another is used when the header clearly has it instead.

    """

    label: str
    delimiter: str

    def sheets(self, path: Path) -> list[str] | None:
        """Return None: a CSV file is one table."""
        return None

    def describe(self, path: Path, sheet: str | None) -> FileTable:
        """Return all columns as text; the row count takes one streaming pass (rows can span lines)."""
        layout = self._layout(path)
        rows = sum(batch.num_rows for batch in self._read(path, layout, 50_000))
        return text_table(layout.names, f"{self.label} text ({layout.encoding})", rows)

    def batches(
        self, path: Path, sheet: str | None, table: FileTable, batch_rows: int
    ) -> Iterator[pa.RecordBatch]:
        """Yield every row as strings; empty cells are null."""
        return self._read(path, self._layout(path), batch_rows)

    def _layout(self, path: Path) -> _Layout:
        encoding = detect_encoding(path)
        head = _decoded_head(path, encoding)
        first_line = head.split("\n", 1)[0]
        delimiter = self.delimiter
        if delimiter not in first_line:
            delimiter = max(_CANDIDATE_DELIMITERS, key=first_line.count) if first_line else delimiter
            delimiter = delimiter if delimiter in first_line else self.delimiter
        header = next(csv.reader(io.StringIO(head), delimiter=delimiter), [])
        return _Layout(encoding=encoding, delimiter=delimiter, names=unique_names(header))

    def _read(self, path: Path, layout: _Layout, batch_rows: int) -> Iterator[pa.RecordBatch]:
        if not layout.names:  # an empty file: no header, no rows
            return
        reader = pa_csv.open_csv(
            path,
            read_options=pa_csv.ReadOptions(
                encoding=_ARROW_ENCODING.get(layout.encoding, layout.encoding),
                column_names=layout.names,
                skip_rows=1,
                block_size=max(1 << 20, min(64 << 20, batch_rows * _BYTES_PER_ROW_GUESS)),
            ),
            parse_options=pa_csv.ParseOptions(delimiter=layout.delimiter, newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(
                column_types={name: pa.string() for name in layout.names},
                null_values=[""],
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
            ),
        )
        yield from reader


def _decoded_head(path: Path, encoding: str) -> str:
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    with path.open("rb") as handle:
        text = decoder.decode(handle.read(_HEAD_BYTES))
    return text.removeprefix("\ufeff")
