"""An export folder as a Source: every file below it is a table (each Excel sheet is one), read as Arrow."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pyarrow as pa

from sources.base import SourceError, SourceKind, TableInfo
from sources.errors import reason
from sources.files import FORMATS, FileFormat, FileTable, spread_sample
from sources.files.archives import is_archive
from sources.files.containers import is_container, unpack
from sources.files.embedded import MARK
from sources.files.encoding import UnknownEncodingError
from sources.files.parts import NotInspected
from sources.filters import TableFilter

SHEET_SEPARATOR = "#"
_REEXPORT = "re-export the file, or add it to 'exclude' in scan.yaml"
_SUPPORTED = ", ".join(sorted(FORMATS))


LOCK_PREFIX = "~$"  # Office's lock file beside an open document: ~$book.xlsx


@dataclass(frozen=True)
class _Target:
    relative: str
    path: Path
    file_format: FileFormat
    sheet: str | None


class ExportFolderSource:
    """Files a clinic exported or is about to send to a consignee.

    Table names are paths relative to the folder with ``/`` separators (``2024/members.csv``); an Excel sheet
    is ``book.xlsx#Sheet``. Hidden files and folders are read like any other (they leave the machine with
    the folder), and so are Office lock files (``~$book.xlsx``, which hold the name of whoever has the
    workbook open); a file of a format clinicscan cannot read is still listed, and reading it raises a
    SourceError, so that it shows up in the report instead of silently passing as clean. Archive members and
    files embedded in documents are files of their own (``backup.zip/a.csv``,
    ``form.docx#embedded:word/embeddings/list.xlsx#Sheet1``). ``path`` may also be a single file (the export
    gate's case).
    """

    kind: SourceKind = "export"

    def __init__(self, name: str, path: Path, tables: TableFilter | None = None) -> None:
        self.name = name
        self.tables = tables or TableFilter()
        path = Path(path).expanduser()
        if not path.exists():
            raise SourceError(f"export folder '{name}' ({path}): does not exist — check 'path' in scan.yaml")
        self.root = path.parent if path.is_file() else path
        self._only = path.name if path.is_file() else None
        self._described: dict[tuple[str, int, int], FileTable] = {}
        self._listed = False
        self._members: dict[str, Path] = {}  # archive members: shown name -> extracted file
        self._problems: dict[str, tuple[str, str]] = {}  # members not extracted: why, what to do
        self._scratch: Path | None = None

    def __repr__(self) -> str:
        return f"ExportFolderSource(name={self.name!r}, root={str(self.root)!r})"

    def list_tables(self) -> list[str]:
        """List every file (and Excel sheet) below the folder, filtered by include/exclude, sorted."""
        names: list[str] = []
        for relative in self._files():
            file_format = FORMATS.get(_suffix(self._members, relative).lower())
            sheets = _sheets_or_none(file_format, self._members.get(relative, self.root / relative))
            if sheets:
                names.extend(f"{relative}{SHEET_SEPARATOR}{sheet}" for sheet in sheets)
            else:
                names.append(relative)
        return self.tables.apply(names, lambda name: PurePosixPath(name).name)

    def describe(self, table: str) -> TableInfo:
        """Return columns (text for CSV, Excel and JSON; the file's types for Parquet) and row count."""
        described = self._describe(self._target(table))
        return TableInfo(
            name=table,
            columns=described.columns,
            row_count=described.row_count,
            row_count_estimated=described.row_count_estimated,
        )

    def sample(self, table: str, rows: int) -> pa.Table:
        """Draw a seeded uniform sample of ``rows`` rows of the whole file, in file order, in one pass."""
        target = self._target(table)
        described = self._describe(target)
        return spread_sample(self._batches(target, described, 50_000), rows, described.schema)

    def stream(self, table: str, batch_rows: int = 50_000) -> Iterator[pa.RecordBatch]:
        """Yield every row in batches (Parquet by row group, CSV by block, Excel/JSON by ``batch_rows``)."""
        target = self._target(table)
        yield from self._batches(target, self._describe(target), batch_rows)

    def close(self) -> None:
        """Remove the files extracted from archives (every other read opens and closes its own file)."""
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None
            self._listed = False
            self._members.clear()

    def _files(self) -> list[str]:
        """List the files, each archive replaced by its members and each document followed by what it embeds.

        Members and embedded files are extracted into a private folder, removed by ``close``.
        """
        files = self._plain_files()
        self._members.clear()
        self._problems.clear()
        listed: list[str] = []
        for relative in files:
            if not is_archive(relative):
                listed.append(relative)
            if not is_container(relative):
                continue
            if self._scratch is None:
                self._scratch = Path(tempfile.mkdtemp(prefix="clinicscan-archive-"))
            into = self._scratch / str(len(list(self._scratch.iterdir())))  # a new folder at each listing
            for member in unpack(self.root / relative, relative, into):
                listed.append(member.name)
                if member.path is not None:
                    self._members[member.name] = member.path
                else:
                    self._problems[member.name] = (
                        member.problem or "cannot be read",
                        member.advice or "open it by hand, or add it to 'exclude'",
                    )
        self._listed = True
        return sorted(listed)

    def _plain_files(self) -> list[str]:
        if self._only is not None:
            return [self._only]
        found: list[str] = []

        def unreadable(
            error: OSError,
        ) -> None:  # listed, so that reading it reports the folder, not a clean pass
            if error.filename is not None:
                found.append(Path(error.filename).relative_to(self.root).as_posix())

        for directory, subdirectories, files in os.walk(self.root, onerror=unreadable):
            subdirectories.sort()
            base = Path(directory).relative_to(self.root)
            found.extend((base / f).as_posix() for f in files)
        return sorted(found)

    def _target(self, table: str) -> _Target:
        """Resolve a table name to its file and sheet; the name must stay inside the folder."""
        splits = [(table, None)] + [
            (table[:i], table[i + 1 :]) for i, char in enumerate(table) if char == SHEET_SEPARATOR
        ]
        if not self._listed and (
            MARK in table or any(is_archive(part) for part in PurePosixPath(table).parts[:-1])
        ):
            self._files()  # a member named before this source listed the folder (another worker process)
        for relative, sheet in [splits[0], *reversed(splits[1:])]:  # the longest member name first
            if relative in self._problems:
                raise self._error(relative, *self._problems[relative])
            if relative in self._members:
                return self._member_target(relative, sheet)
        for relative, sheet in splits:
            pure = PurePosixPath(relative)
            if pure.is_absolute() or ".." in pure.parts:
                continue
            if sheet is None and (self.root / pure).is_dir():
                raise self._error(
                    relative,
                    "a folder clinicscan cannot list (no permission?)",
                    "give the scanner read access to it, or add it to 'exclude' in scan.yaml",
                )
            if (self.root / pure).is_symlink() and not (self.root / pure).exists():
                target = os.readlink(self.root / pure)
                raise self._error(relative, f"a link to {target}, which does not exist", "fix or remove it")
            if not (self.root / pure).is_file():
                continue
            return _Target(
                relative=relative, path=self.root / pure, file_format=self._format(relative), sheet=sheet
            )
        raise self._error(table, "no such file in the folder", "check the name of the file")

    def _member_target(self, relative: str, sheet: str | None) -> _Target:
        file_format = self._format(relative)
        return _Target(relative=relative, path=self._members[relative], file_format=file_format, sheet=sheet)

    def _format(self, relative: str) -> FileFormat:
        """Choose a file's format by its suffix (a member's by its extracted file: what an object holds)."""
        suffix = _suffix(self._members, relative)
        file_format = FORMATS.get(suffix.lower())
        if file_format is None:
            raise self._error(
                relative,
                f"clinicscan cannot read '{suffix or 'no suffix'}' files",
                f"convert it to one of {_SUPPORTED}, or add it to 'exclude' in scan.yaml",
            )
        return file_format

    def _describe(self, target: _Target) -> FileTable:
        stat = target.path.stat()
        key = (f"{target.relative}{SHEET_SEPARATOR}{target.sheet}", stat.st_mtime_ns, stat.st_size)
        if key not in self._described:
            with self._reading(target):
                self._described[key] = target.file_format.describe(target.path, target.sheet)
        return self._described[key]

    def _batches(self, target: _Target, described: FileTable, batch_rows: int) -> Iterator[pa.RecordBatch]:
        with self._reading(target):
            yield from target.file_format.batches(target.path, target.sheet, described, batch_rows)

    @contextmanager
    def _reading(self, target: _Target) -> Iterator[None]:
        """Turn any failure to read into a SourceError naming the file, the format and what to do."""
        where = target.relative + (f"{SHEET_SEPARATOR}{target.sheet}" if target.sheet else "")
        try:
            yield
        except SourceError:
            raise
        except NotInspected as exc:  # a part that says what it was and, often, how to fix it
            label = target.file_format.label
            problem = exc.problem if exc.advice else f"cannot read it as {label}: {reason(exc)}"
            raise self._error(where, problem, exc.advice or _REEXPORT) from None
        except UnknownEncodingError as exc:
            raise self._error(
                where, f"cannot tell its text encoding ({exc})", "save it as UTF-8 (or CP949) and scan again"
            ) from None
        except Exception as exc:  # each library raises its own kinds; all mean "this file cannot be read"
            if PurePosixPath(target.relative).name.startswith(LOCK_PREFIX):
                raise self._error(
                    where,
                    "an Office lock file (someone has the document open; it holds their name)",
                    "close the document so that Office removes it, or add it to 'exclude' in scan.yaml",
                ) from None
            raise self._error(
                where, f"cannot read it as {target.file_format.label}: {reason(exc)}", _REEXPORT
            ) from None

    def _error(self, file: str, problem: str, hint: str) -> SourceError:
        return SourceError(f"export folder '{self.name}' ({self.root}): file '{file}': {problem} — {hint}")


def _suffix(members: dict[str, Path], relative: str) -> str:
    return (members[relative] if relative in members else PurePosixPath(relative)).suffix


def _sheets_or_none(file_format: FileFormat | None, path: Path) -> list[str] | None:
    """Return a workbook's sheets; None for one-table formats and for files too broken to open."""
    if file_format is None:
        return None
    try:
        return file_format.sheets(path)
    except Exception:  # a corrupt workbook is listed as the file itself; describe() then names the problem
        return None
