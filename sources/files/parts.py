"""Files read whole into parts (a document's pages, sections and tables; a legacy workbook's sheets).

Documents are small next to the databases (a consent form, a referral letter), so each is read once into
:class:`Part` s, kept for the file's current version, and served as tables: a part named ``p.3`` of
``consent.pdf`` is the table ``consent.pdf#p.3``. Text parts have one column, ``text`` (one row per
paragraph or line), a name the detectors treat as prose, so that a single resident number in a long letter
is reported. A part that could not be read (a scanned page with no text layer, an embedded image, an encrypted
document) carries its ``problem``: it is listed like the others and reading it fails with that reason, so the
report names what was not inspected instead of passing it as clean. A part that knows what would fix it
(install Tesseract) carries that as its ``advice``, shown instead of the generic "re-export the file".
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyarrow as pa

from sources.files.base import FileTable, text_table, unique_names

TEXT_COLUMN = "text"


@dataclass(frozen=True)
class Part:
    """One table of a file: a page, a section, a table of a document, or a sheet."""

    name: str
    columns: tuple[str, ...] = (TEXT_COLUMN,)
    rows: tuple[tuple[str | None, ...], ...] = ()
    problem: str | None = None
    declared: str = "document text"
    advice: str | None = None


class NotInspected(ValueError):
    """A part clinicscan could not inspect: ``problem`` says why, ``advice`` (when known) what to do."""

    def __init__(self, problem: str, advice: str | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.advice = advice


def text_part(name: str, lines: Sequence[str], declared: str = "document text") -> Part:
    """Make a text part: one row per non-blank line or paragraph, stripped."""
    return Part(name=name, rows=tuple((line.strip(),) for line in lines if line.strip()), declared=declared)


def grid_part(name: str, grid: Sequence[Sequence[str | None]], declared: str) -> Part:
    """Make a table part: the first row is the header, the others the rows (short rows padded with nulls)."""
    if not grid:
        return Part(name=name, columns=(), declared=declared)
    columns = tuple(unique_names(list(grid[0])))
    rows = tuple(
        tuple(list(row[: len(columns)]) + [None] * (len(columns) - len(row)))
        for row in grid[1:]
        if any(cell not in (None, "") for cell in row)
    )
    return Part(name=name, columns=columns, rows=rows, declared=declared)


def unreadable_part(name: str, problem: str, advice: str | None = None) -> Part:
    """Make a part clinicscan could not inspect, with why and, when it is known, what to do."""
    return Part(name=name, columns=(), problem=problem, advice=advice)


Extractor = Callable[[Path], list[Part]]


@dataclass(frozen=True)
class PartsFormat:
    """A format whose files are read whole into parts by ``extract``.

    A file of one part with an empty name (a text file) is the table itself; otherwise each part is a sheet.
    """

    label: str
    extract: Extractor = field(compare=False)

    def sheets(self, path: Path) -> list[str] | None:
        """Return the parts' names, or None for a file that is one unnamed part."""
        parts = self._parts(path)
        if len(parts) == 1 and not parts[0].name:
            return None
        return [part.name for part in parts]

    def describe(self, path: Path, sheet: str | None) -> FileTable:
        """Return the part's columns (all text) and its exact row count; a part with a problem raises it."""
        part = self._part(path, sheet)
        return text_table(list(part.columns), part.declared, len(part.rows))

    def batches(
        self, path: Path, sheet: str | None, table: FileTable, batch_rows: int
    ) -> Iterator[pa.RecordBatch]:
        """Yield the part's rows."""
        part = self._part(path, sheet)
        for start in range(0, len(part.rows), batch_rows):
            chunk = part.rows[start : start + batch_rows]
            yield pa.RecordBatch.from_arrays(
                [pa.array(list(values), type=pa.string()) for values in zip(*chunk, strict=True)],
                schema=table.schema,
            )

    def _parts(self, path: Path) -> list[Part]:
        stat = path.stat()
        return _cached(self.extract, os.fspath(path.resolve()), stat.st_mtime_ns, stat.st_size)

    def _part(self, path: Path, sheet: str | None) -> Part:
        parts = self._parts(path)
        if not parts:
            raise ValueError("the file holds nothing clinicscan can read")
        chosen = parts[0] if sheet is None else next((p for p in parts if p.name == sheet), None)
        if chosen is None:
            raise ValueError(f"no part '{sheet}' (parts: {', '.join(p.name for p in parts)})")
        if chosen.problem is not None:
            raise NotInspected(chosen.problem, chosen.advice)
        return chosen


@lru_cache(maxsize=32)
def _cached(extract: Extractor, path: str, mtime_ns: int, size: int) -> list[Part]:
    return extract(Path(path))
