"""Legacy Excel 97-2003 workbooks (``.xls``, read with xlrd): each sheet a table, first row the header."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sources.files.excel import cell_text
from sources.files.parts import Part, grid_part


def xls_parts(path: Path) -> list[Part]:
    """Every worksheet, its cells as text as Excel shows them unformatted (dates in ISO)."""
    import xlrd

    book = xlrd.open_workbook(str(path), on_demand=True)
    try:
        parts = []
        for sheet in book.sheets():
            grid = [
                [_value(book, sheet.cell(r, c), xlrd) for c in range(sheet.ncols)] for r in range(sheet.nrows)
            ]
            parts.append(grid_part(sheet.name, grid, "xls cell"))
        return parts
    finally:
        book.release_resources()


def _value(book: Any, cell: Any, xlrd: Any) -> str | None:
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell.ctype == xlrd.XL_CELL_DATE:
        return cell_text(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return cell_text(bool(cell.value))
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return None
    return cell_text(cell.value)
