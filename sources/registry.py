"""Open a source from what scan.yaml says: a database URL or an export path, chosen from a table."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sources.base import Source, SourceError
from sources.database import DatabaseOptions, DatabaseSource
from sources.export import ExportFolderSource
from sources.filters import TableFilter
from sources.urls import EXPORT_SCHEMES, safe_url, url_scheme


@dataclass(frozen=True)
class SourceSpec:
    """Everything needed to open one source (scan.yaml's ``sources`` entry without the column map)."""

    name: str
    url: str | None = None
    path: Path | None = None
    schema: str | None = None
    tables: TableFilter = field(default_factory=TableFilter)


Opener = Callable[[SourceSpec], Source]


def _open_database(spec: SourceSpec) -> Source:
    assert spec.url is not None
    return DatabaseSource(spec.name, spec.url, DatabaseOptions(schema=spec.schema, tables=spec.tables))


def _open_export(spec: SourceSpec) -> Source:
    assert spec.path is not None
    return ExportFolderSource(spec.name, spec.path, spec.tables)


def _open_file_url(spec: SourceSpec) -> Source:
    """``file:///path/to/folder``: an export folder given as a URL."""
    assert spec.url is not None
    path = Path(spec.url.removeprefix("file://"))
    return _open_export(SourceSpec(name=spec.name, path=path, tables=spec.tables))


# URL schemes that are not SQLAlchemy databases (sources.urls.EXPORT_SCHEMES): export folders given as URLs.
OPENERS_BY_SCHEME: dict[str, Opener] = dict.fromkeys(EXPORT_SCHEMES, _open_file_url)


def open_source(
    name: str,
    *,
    url: str | None = None,
    path: Path | None = None,
    schema: str | None = None,
    include: Iterable[str] = ("*",),
    exclude: Iterable[str] = (),
) -> Source:
    """Open a database (``url``) or an export folder or file (``path``) as a read-only Source.

    Args:
        name: The source's name in scan.yaml; every error message starts with it.
        url: A SQLAlchemy URL (``sqlite:///clinic.db``, ``postgresql+psycopg://user:pw@host/db``,
            ``mysql+pymysql://user:pw@host/db``; ``postgresql://`` and ``mysql://`` get those drivers).
        path: An export folder, or one export file.
        schema: The database schema to list (default: the connection's default schema).
        include: Glob patterns of table names to list (default: all).
        exclude: Glob patterns of table names to leave out.

    Returns:
        A Source; for a database, already connected once, so that an unreachable server fails here.

    Raises:
        SourceError: neither or both of ``url`` and ``path`` given, a malformed URL, a missing driver, an
            unreachable database or a missing folder; the message names the source and what to do.

    """
    spec = SourceSpec(
        name=name,
        url=url,
        path=path,
        schema=schema,
        tables=TableFilter(include=tuple(include), exclude=tuple(exclude)),
    )
    if (url is None) == (path is None):
        raise SourceError(
            f"source '{name}': give exactly one of 'url' (a database) or 'path' (an export folder)"
        )
    if path is not None:
        return _open_export(spec)
    return OPENERS_BY_SCHEME.get(url_scheme(url or ""), _open_database)(spec)


__all__ = ["OPENERS_BY_SCHEME", "SourceSpec", "open_source", "safe_url"]
