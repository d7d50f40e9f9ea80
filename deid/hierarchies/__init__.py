"""The registry of generalization hierarchies: shipped ones for Korean clinical data, and yours.

Add a hierarchy by subclassing ``Hierarchy`` and calling ``register_hierarchy(MyHierarchy())`` before the spec
is loaded; deid.yaml then names it under ``hierarchy:``.
"""

from __future__ import annotations

from deid.hierarchies.age import AgeFromRrnHierarchy, AgeHierarchy
from deid.hierarchies.base import (
    SUPPRESSED_LABEL,
    SUPPRESSED_LEVEL,
    Hierarchy,
    HierarchyOptions,
    Level,
    PrepareContext,
)
from deid.hierarchies.dates import DateHierarchy
from deid.hierarchies.kcd import KcdHierarchy
from deid.hierarchies.procedure import ProcedureHierarchy
from deid.hierarchies.region import RegionHierarchy
from deid.hierarchies.sex import SexFromRrnHierarchy, SexHierarchy

_REGISTRY: dict[str, Hierarchy] = {}


def register_hierarchy(hierarchy: Hierarchy, replace: bool = False) -> None:
    """Make a hierarchy available to deid.yaml under ``hierarchy.name``.

    Raises:
        ValueError: the name is taken and ``replace`` is False (a silent override would change
            shipped behaviour).

    """
    if hierarchy.name in _REGISTRY and not replace:
        raise ValueError(f"a hierarchy named {hierarchy.name!r} is already registered; pass replace=True")
    _REGISTRY[hierarchy.name] = hierarchy


def get_hierarchy(name: str) -> Hierarchy | None:
    """Return the registered hierarchy with this name, or None."""
    return _REGISTRY.get(name)


def hierarchy_names() -> list[str]:
    """Names of all registered hierarchies, sorted."""
    return sorted(_REGISTRY)


for _shipped in (
    AgeHierarchy(),
    AgeFromRrnHierarchy(),
    SexHierarchy(),
    SexFromRrnHierarchy(),
    RegionHierarchy(),
    DateHierarchy(),
    KcdHierarchy(),
    ProcedureHierarchy(),
):
    register_hierarchy(_shipped)

__all__ = [
    "SUPPRESSED_LABEL",
    "SUPPRESSED_LEVEL",
    "Hierarchy",
    "HierarchyOptions",
    "Level",
    "PrepareContext",
    "get_hierarchy",
    "hierarchy_names",
    "register_hierarchy",
]
