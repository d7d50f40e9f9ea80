"""Read-only access to the places a clinic keeps personal data: databases and export folders, as Arrow.

``open_source(name, url=... | path=...)`` returns a Source (see sources.base) whatever the location.
"""

from sources.base import ColumnInfo, Source, SourceError, SourceKind, TableInfo, ValueKind
from sources.batches import concat_batches
from sources.registry import SourceSpec, open_source
from sources.urls import safe_url

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
