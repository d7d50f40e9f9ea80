"""Include/exclude glob patterns on table names, as scan.yaml's ``include`` and ``exclude`` give them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase


@dataclass(frozen=True)
class TableFilter:
    """Which table names a source lists.

    Patterns are shell globs (``*``, ``?``, ``[abc]``) matched against the whole reported name
    (``patients``, ``archive.patients_2019``, ``exports/members.csv``, ``book.xlsx#Sheet1``), ignoring case so
    that ``Patients*`` and ``patients*`` mean the same on every database. A name is kept when it matches an
    ``include`` pattern and no ``exclude`` pattern.
    """

    include: tuple[str, ...] = ("*",)
    exclude: tuple[str, ...] = ()

    def allows(self, name: str) -> bool:
        """Tell whether ``name`` matches an include pattern and no exclude pattern."""
        folded = name.casefold()
        included = any(fnmatchcase(folded, pattern.casefold()) for pattern in self.include)
        return included and not any(fnmatchcase(folded, pattern.casefold()) for pattern in self.exclude)

    def apply(self, names: Iterable[str]) -> list[str]:
        """Return the allowed names, sorted so that every run lists tables in the same order."""
        return sorted(name for name in names if self.allows(name))
