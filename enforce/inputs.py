"""What enforcement needs from scan.yaml, as structural types: ``flows.config.ScanConfig`` fits them.

Nothing imports ``flows`` (it sits on top), so enforcement states the shape it reads instead of importing
the config model; the flows pass their ``ScanConfig`` straight in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

from enforce.config import EnforcementConfig
from expectations.column_map import TableMapping


class SourceLike(Protocol):
    """A ``sources:`` entry: name, database URL or export path, consignee, schema and column map."""

    @property
    def name(self) -> str:
        """The source's name."""
        ...

    @property
    def url(self) -> str | None:
        """The scanner's (read-only) URL; None for an export folder."""
        ...

    @property
    def path(self) -> Path | None:
        """The export folder (or file); None for a database."""
        ...

    @property
    def consignee(self) -> str | None:
        """The consignee (policy id) an export folder goes to; None when scan.yaml names none."""
        ...

    @property
    def schema_(self) -> str | None:
        """The PostgreSQL schema / MariaDB database, None for the default."""
        ...

    @property
    def tables(self) -> Mapping[str, TableMapping]:
        """The column map."""
        ...


class ConfigLike(Protocol):
    """scan.yaml as enforcement reads it."""

    @property
    def policy(self) -> str:
        """The policy file (or ``default``)."""
        ...

    @property
    def sources(self) -> Sequence[SourceLike]:
        """Every source."""
        ...

    @property
    def enforcement(self) -> EnforcementConfig | None:
        """The ``enforcement:`` block, if any."""
        ...
