"""Cross-references inside one policy: every id a clause names must exist, and ids must be unique.

Kept apart from the models so the schema stays a list of fields; the Policy validator calls
``reference_problems`` and reports each problem as ``field.path: what is wrong``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from policy.base import is_ref_field, join_path, walk

if TYPE_CHECKING:
    from policy.schema import Policy


def _dangling(path: str, names: Iterable[str], known: set[str], what: str) -> list[str]:
    """Problems for each name in ``names`` that is not ``known``, listing what would be accepted."""
    return [p for i, n in enumerate(names) for p in _dangling_one(f"{path}[{i}]", n, known, what)]


def _dangling_one(path: str, name: str, known: set[str], what: str) -> list[str]:
    """Report a problem when the single reference at ``path`` is not ``known``."""
    if name in known:
        return []
    return [f"{path}: unknown {what} '{name}' (known: {', '.join(sorted(known)) or 'none defined'})"]


def _duplicates(path: str, ids: list[str], what: str) -> list[str]:
    return [
        f"{path}: {what} '{i}' is defined {n} times; ids must be unique"
        for i, n in Counter(ids).items()
        if n > 1
    ]


def _unique_ids(policy: Policy) -> list[str]:
    problems = _duplicates("categories", [c.key for c in policy.categories], "category")
    problems += _duplicates("purposes", [p.id for p in policy.purposes], "purpose")
    problems += _duplicates("collection", [c.id for c in policy.collection], "collection context")
    problems += _duplicates("record_types", [r.id for r in policy.record_types], "record type")
    problems += _duplicates("consignees", [c.id for c in policy.consignees], "consignee")
    problems += _duplicates("security", [s.category for s in policy.security], "security rule for category")
    problems += _duplicates("sections", [s.number for s in policy.sections], "section")
    for i, ctx in enumerate(policy.collection):
        problems += _duplicates(f"collection[{i}].items", [it.key for it in ctx.items], "item")
    return problems


def _section_refs(policy: Policy) -> list[str]:
    """Each ``ref`` must point into a declared section (when the policy declares its sections)."""
    numbers = {s.number for s in policy.sections}
    if not numbers:
        return []
    listed = ", ".join(sorted(numbers, key=_num))
    return [
        f"{join_path(path, name)}: section '{value}' is not among the policy's sections ({listed})"
        for path, name, value in walk(policy)
        if is_ref_field(name) and not path.startswith("sections") and value.split(".")[0] not in numbers
    ]


def _num(section: str) -> tuple[int, str]:
    head, _, tail = section.partition(".")
    return (int(head) if head.isdigit() else 0, tail)


def reference_problems(policy: Policy) -> list[str]:
    """Every broken cross-reference in ``policy``, each as ``field.path: problem`` (empty when sound)."""
    categories = {c.key for c in policy.categories}
    purposes = {p.id for p in policy.purposes}
    contexts = {c.id for c in policy.collection}
    items = {it.key for ctx in policy.collection for it in ctx.items}
    problems = _unique_ids(policy)
    for i, ctx in enumerate(policy.collection):
        problems += _dangling(f"collection[{i}].purposes", ctx.purposes, purposes, "purpose")
        for j, item in enumerate(ctx.items):
            problems += _dangling_one(
                f"collection[{i}].items[{j}].category", item.category, categories, "category"
            )
    for i, rt in enumerate(policy.record_types):
        problems += _dangling(f"record_types[{i}].categories", rt.categories, categories, "category")
        problems += _dangling(f"record_types[{i}].kept_items", rt.kept_items, items, "item")
        if rt.context is not None:
            problems += _dangling_one(
                f"record_types[{i}].context", rt.context, contexts, "collection context"
            )
    for i, rule in enumerate(policy.security):
        problems += _dangling_one(f"security[{i}].category", rule.category, categories, "category")
    for i, con in enumerate(policy.consignees):
        problems += _dangling(f"consignees[{i}].entrusted", con.entrusted, categories, "category")
    problems += _dangling("minors.guardian_items", policy.minors.guardian_items, items, "item")
    problems += _section_refs(policy)
    return problems
