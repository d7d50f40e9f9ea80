"""Excel workbooks: each worksheet is a table (``file.xlsx#Sheet``), read row by row (openpyxl read-only).

Each picture pasted into a sheet (``xl/media/``, a scanned ID card beside a patient list) is read by OCR
into a part of its own, ``file.xlsx#image:xl/media/image1.png`` (``pictures.py``); no worksheet name can hold
``:``, so the two never clash.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from sources.files.base import FileTable, text_table, unique_names
from sources.files.parts import PartsFormat
from sources.files.pictures import PREFIX, xlsx_picture_parts

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

_LARGEST_EXACT_FLOAT_INTEGER = 2**53
_PICTURES = PartsFormat("Excel", xlsx_picture_parts)


@dataclass(frozen=True)
class ExcelFormat:
    """XLSX/XLSM workbooks. Values arrive as text, as Excel displays them unformatted.

    The first row of each sheet is the header. Cells are text because a column of an export sheet often mixes
    numbers and text; a whole number stored as a float (``1012345678.0``) is written without ``.0``. The row
    count is the sheet's recorded dimension, hence an estimate.
    """

    label: str = "Excel"

    def sheets(self, path: Path) -> list[str] | None:
        """Return the worksheet names (chart sheets hold no rows: left out), then the pictures' parts."""
        with _workbook(path) as workbook:
            names = [sheet.title for sheet in workbook.worksheets]
        return names + (_PICTURES.sheets(path) or [])

    def describe(self, path: Path, sheet: str | None) -> FileTable:
        """Return the header names and the row count the sheet records."""
        if _is_picture(sheet):
            return _PICTURES.describe(path, sheet)
        with _workbook(path) as workbook:
            worksheet: Any = workbook[_sheet_name(workbook, sheet)]
            recorded_rows = worksheet.max_row
            names = _names(worksheet)
        rows = None if recorded_rows is None else max(0, recorded_rows - 1)
        return text_table(names, "xlsx cell", rows, estimated=True)

    def batches(
        self, path: Path, sheet: str | None, table: FileTable, batch_rows: int
    ) -> Iterator[pa.RecordBatch]:
        """Yield every non-empty row below the header, as text."""
        if _is_picture(sheet):
            yield from _PICTURES.batches(path, sheet, table, batch_rows)
            return
        with _workbook(path) as workbook:
            worksheet: Any = workbook[_sheet_name(workbook, sheet)]
            schema = table.schema
            worksheet.reset_dimensions()  # some writers record a wrong size; read what is there
            pending: list[list[str | None]] = []
            for number, row in enumerate(worksheet.iter_rows(min_row=2, values_only=True), start=2):
                values = _fit(list(row), len(schema), number)
                if any(value is not None for value in values):
                    pending.append(values)
                if len(pending) >= batch_rows:
                    yield _batch(pending, schema)
                    pending = []
            if pending:
                yield _batch(pending, schema)


def _is_picture(sheet: str | None) -> bool:
    return sheet is not None and sheet.startswith(PREFIX)


@contextmanager
def _workbook(path: Path) -> Iterator[Workbook]:
    import openpyxl  # only when a workbook is read: a database scan does not pay for it

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        yield workbook
    finally:
        workbook.close()


def _sheet_name(workbook: Workbook, sheet: str | None) -> str:
    names = [ws.title for ws in workbook.worksheets]
    if sheet is None:
        if not names:
            raise ValueError("the workbook has no worksheet")
        return names[0]
    if sheet not in names:
        raise ValueError(f"no sheet '{sheet}' (sheets: {', '.join(names)})")
    return sheet


def _names(worksheet: Any) -> list[str]:
    recorded_columns = worksheet.max_column or 0
    header = next(worksheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
    cells = [cell_text(value) for value in header]
    while cells and cells[-1] is None:
        cells.pop()
    width = max(len(cells), recorded_columns)
    return unique_names(cells + [None] * (width - len(cells)))


def _fit(row: list[Any], width: int, number: int) -> list[str | None]:
    extra = [value for value in row[width:] if value is not None]
    if extra:
        raise ValueError(
            f"row {number} has values right of the last column ({width}); give that column a header"
        )
    values = [cell_text(value) for value in row[:width]]
    return values + [None] * (width - len(values))


def _batch(rows: list[list[str | None]], schema: pa.Schema) -> pa.RecordBatch:
    columns = list(zip(*rows, strict=True))
    return pa.RecordBatch.from_arrays(
        [pa.array(list(values), type=pa.string()) for values in columns], schema=schema
    )


def cell_text(value: Any) -> str | None:
    """Write a cell as text: whole-number floats without ``.0``, dates in ISO, booleans as true/false."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < _LARGEST_EXACT_FLOAT_INTEGER:
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)
