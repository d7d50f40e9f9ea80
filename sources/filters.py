"""Include/exclude glob patterns on table names, as scan.yaml's ``include`` and ``exclude`` give them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase

CUT_SUFFIX = " (cut)"
"""Names the part of a table a file cut short (``homepage.sql#patient (cut)``): filtered as the table itself,
so that excluding a table excludes its cut part, and including it includes the cut part."""


@dataclass(frozen=True)
class TableFilter:
    """Which table names a source lists.

    Patterns are shell globs (``*``, ``?``, ``[abc]``) matched against the whole reported name
    (``patients``, ``archive.patients_2019``, ``exports/members.csv``, ``book.xlsx#Sheet1``) and against the
    same name without its schema or folder (``patients_2019``, ``members.csv``), so that ``schema: few`` with
    ``include: ["t_*"]`` means what it reads as. Case is ignored, so that ``Patients*`` and ``patients*``
    mean the same on every database. A name is kept when it matches an ``include`` pattern and no
    ``exclude`` pattern.
    """

    include: tuple[str, ...] = ("*",)
    exclude: tuple[str, ...] = ()

    def allows(self, name: str, bare: str | None = None) -> bool:
        """Tell whether ``name`` (or its ``bare`` form) matches an include pattern and no exclude pattern.

        A cut part is judged by its table's name (``CUT_SUFFIX``).
        """
        name = name.removesuffix(CUT_SUFFIX)
        bare = bare.removesuffix(CUT_SUFFIX) if bare else bare
        return matches_any(self.include, name, bare) and not matches_any(self.exclude, name, bare)

    def apply(self, names: Iterable[str], bare: Callable[[str], str] | None = None) -> list[str]:
        """Return the allowed names, sorted so that every run lists tables in the same order."""
        return sorted(name for name in names if self.allows(name, bare(name) if bare else None))

    def unmatched(self, names: Iterable[str], bare: Callable[[str], str] | None = None) -> list[str]:
        """Return the ``include`` patterns that match none of ``names`` (a typo, or the wrong schema)."""
        listed = [(n, bare(n) if bare else None) for n in names]
        return [p for p in self.include if not any(matches_any((p,), n, b) for n, b in listed)]


def matches_any(patterns: Iterable[str], name: str, bare: str | None = None) -> bool:
    """Tell whether any glob matches ``name`` or ``bare``, ignoring case."""
    forms = {name.casefold()} | ({bare.casefold()} if bare else set())
    return any(fnmatchcase(form, pattern.casefold()) for pattern in patterns for form in forms)
