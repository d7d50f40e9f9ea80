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
_NAMES_BY_MODULE: dict[str, tuple[str, ...]] = {
    "sources.base": ("ColumnInfo", "Source", "SourceError", "SourceKind", "TableInfo", "ValueKind"),
    "sources.batches": ("concat_batches",),
    "sources.registry": ("SourceSpec", "open_source"),
    "sources.urls": ("safe_url",),
}
_WHERE = {name: module for module, names in _NAMES_BY_MODULE.items() for name in names}


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
