"""Read-only access to the places a clinic keeps personal data: databases and export folders, as Arrow.

``open_source(name, url=... | path=...)`` returns a Source (see sources.base) whatever the location.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sources.base import ColumnInfo, Source, SourceError, SourceKind, TableInfo, ValueKind
    from sources.batches import concat_batches
    from sources.registry import SourceSpec, open_source
    from sources.urls import safe_url

# Imported on first use: reading scan.yaml needs only sources.urls, and a configuration error must not pay
# for Arrow, pandas, Polars and the database drivers that the readers import.
_WHERE: dict[str, str] = {
    "ColumnInfo": "sources.base",
    "Source": "sources.base",
    "SourceError": "sources.base",
    "SourceKind": "sources.base",
    "TableInfo": "sources.base",
    "ValueKind": "sources.base",
    "concat_batches": "sources.batches",
    "SourceSpec": "sources.registry",
    "open_source": "sources.registry",
    "safe_url": "sources.urls",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name]), name)


__all__ = [
    "ColumnInfo",
    "Source",
    "SourceError",
    "SourceKind",
    "SourceSpec",
    "TableInfo",
    "ValueKind",
    "concat_batches",
    "open_source",
    "safe_url",
]
