"""Which rows of which table are destroyed, how, and why: SQL selections built from the policy and the FKs.

For every mapped table the *own* selection comes from the caller (the retention rules, or the rows a
data-subject request found). Foreign keys then decide what happens around it:

* a child row that refers to a destroyed row through its subject key, or through a NOT NULL reference,
  is about the same person or cannot exist without it: it is destroyed too (``cascade``), child first;
* a child row that merely points at it through a nullable reference lives on by its own rules: the
  reference is set NULL first (``detach``);
* a child row of a ``legal_hold`` record type that is still held keeps its parent alive: the parent is
  reduced to the items the holding law requires (``erase`` in place, or ``move`` to separate storage);
* a child row of a table outside the column map keeps its parent untouched (``blocked``): nobody has
  said what that table is, so the plan says so instead of guessing.

Every selection is recomputed from the data on each batch, so a rerun after a crash picks up exactly the
rows still to do: destroyed rows no longer match, erased rows no longer hold a value to erase.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from enforce.catalog import Catalog, ForeignKey
from enforce.tables import MappedTable, item_entities
from policy.schema import Policy

Action = Literal["delete", "erase", "move", "detach", "blocked"]
EdgeKind = Literal["cascade", "detach", "hold", "block"]
FALSE: ColumnElement[bool] = sa.false()


@dataclass(frozen=True)
class Reason:
    """Why rows are touched: a rule id, the record type, the policy section and legal basis, in words.

    ``rule`` ids: ``retention.<event>``, ``consent.withdrawal``, ``subject.erasure``, ``cascade.<parent>``,
    ``detach.<parent>``, ``hold.<child>`` (kept for a held child), ``blocked.<child>``.
    """

    rule: str
    record_type: str
    ref: str
    legal_basis: tuple[str, ...] = ()
    detail: str = ""


@dataclass(frozen=True)
class Own:
    """A selection the caller makes on one table: delete these rows, or reduce them to the kept items.

    ``where`` must be two-valued — true or false, never NULL for any row (guard nullable columns with
    ``IS NOT NULL``, as ``clocks.before`` does) — because selections are negated to keep rules disjoint.
    """

    reason: Reason
    where: ColumnElement[bool]
    minimize: bool = False
    clock: sa.Column | None = None


@dataclass(frozen=True)
class Erased:
    """A column erased in place: set NULL, or ``''`` where the column is NOT NULL text."""

    column: str
    to: Literal["null", "empty"]


@dataclass
class Target:
    """One (table, reason, action): what the plan counts and the executor carries out in batches."""

    table: MappedTable | None
    table_name: str
    action: Action
    reason: Reason
    where: ColumnElement[bool]
    erase: tuple[Erased, ...] = ()
    kept: tuple[str, ...] = ()
    not_erasable: tuple[str, ...] = ()
    detach: tuple[str, ...] = ()
    clock: sa.Column | None = None
    holders: tuple[tuple[ForeignKey, MappedTable], ...] = field(default_factory=tuple)


def _any(parts: list[ColumnElement[bool]]) -> ColumnElement[bool]:
    return sa.or_(*parts) if parts else FALSE


def is_true(cond: ColumnElement[bool]) -> ColumnElement[bool]:
    """Return ``cond``, which is two-valued by construction (see ``Own``): it is never NULL."""
    return cond


def not_true(cond: ColumnElement[bool]) -> ColumnElement[bool]:
    """Negate a two-valued ``cond``.

    Every selection here is built never to be NULL (``col IS NOT NULL AND col < x``), so a plain NOT is
    exact and the database can still plan ``NOT EXISTS`` as an anti-join; a CASE around it would not.
    """
    return sa.not_(cond)


class TargetBuilder:
    """Builds the targets of one source from the callers' own selections and the foreign keys."""

    def __init__(
        self,
        policy: Policy,
        tables: dict[str, MappedTable],
        catalog: Catalog,
        own: Callable[[MappedTable], list[Own]],
        move: bool = False,
    ) -> None:
        """Remember the inputs.

        Args:
            policy: the policy whose kept items apply.
            tables: the source's mapped tables by name.
            catalog: the source's reflected tables and foreign keys.
            own: gives the caller's own selections on a mapped table.
            move: kept parts go to separate storage (``move``) instead of staying in place (``erase``).

        """
        self.policy, self.tables, self.catalog, self.move = policy, tables, catalog, move
        self._own = {name: own(t) for name, t in tables.items()}
        self._doomed: dict[str, ColumnElement[bool]] = {}
        self._visiting: set[str] = set()

    # --- the FK semantics ----------------------------------------------------------------------------
    def edge_kind(self, fk: ForeignKey) -> EdgeKind:
        """Say what happens to ``fk.child`` rows when the ``fk.parent`` row they refer to is destroyed."""
        child = self.tables.get(fk.child)
        if child is None:
            return "block"
        if child.held:
            return "hold"
        subject_key = child.roles.get("subject_key")
        if not fk.nullable or (subject_key is not None and subject_key in fk.columns):
            return "cascade"
        return "detach"

    def own_delete(self, name: str) -> ColumnElement[bool]:
        """Rows the caller's own selections destroy outright."""
        return _any([o.where for o in self._own.get(name, []) if not o.minimize])

    def _refers(self, fk: ForeignKey, parent_rows: ColumnElement[bool]) -> ColumnElement[bool]:
        """Child rows of ``fk`` whose reference points at a parent row matching ``parent_rows``."""
        child, parent = self.catalog.table(fk.child), self.catalog.table(fk.parent)
        referred = [parent.c[c] for c in fk.referred]
        inner = sa.select(*referred).where(parent_rows, *(c.is_not(None) for c in referred)).correlate(None)
        columns = [child.c[c] for c in fk.columns]
        refers = (columns[0] if len(columns) == 1 else sa.tuple_(*columns)).in_(inner)
        return sa.and_(*(c.is_not(None) for c in columns), refers)  # two-valued: NULL references are false

    def _live_children(self, fk: ForeignKey) -> ColumnElement[bool]:
        """Parent rows that a child row of ``fk`` still refers to and that is not itself destroyed."""
        child, parent = self.catalog.table(fk.child), self.catalog.table(fk.parent)
        link = sa.and_(*(child.c[c] == parent.c[r] for c, r in zip(fk.columns, fk.referred, strict=True)))
        alive = not_true(self.doomed(fk.child)) if fk.child in self.tables else sa.true()
        return sa.exists(sa.select(sa.literal(1)).select_from(child).where(link, alive)).correlate(parent)

    def cascade(self, name: str) -> ColumnElement[bool]:
        """Rows destroyed because the row they belong to is destroyed."""
        parts = [
            self._refers(fk, self.doomed(fk.parent))
            for fk in self.catalog.parents_of(name)
            if fk.parent in self.tables and self.edge_kind(fk) == "cascade"
        ]
        return _any(parts)

    def blocked(self, name: str, kinds: tuple[EdgeKind, ...] = ("hold", "block")) -> ColumnElement[bool]:
        """Rows a held child (or a table outside the column map) still refers to."""
        parts = [
            self._live_children(fk) for fk in self.catalog.children_of(name) if self.edge_kind(fk) in kinds
        ]
        return _any(parts)

    def doomed(self, name: str) -> ColumnElement[bool]:
        """Rows of ``name`` that will be deleted: selected (or cascaded) and not kept alive by a child."""
        if name in self._doomed:
            return self._doomed[name]
        if name in self._visiting:  # cannot happen on an acyclic graph; never destroy on a loop
            return FALSE
        self._visiting.add(name)
        table = self.tables.get(name)
        chosen = self.own_delete(name)
        if table is not None and not table.held:
            chosen = sa.or_(chosen, self.cascade(name))
        result = sa.and_(is_true(chosen), not_true(self.blocked(name)))
        self._visiting.discard(name)
        self._doomed[name] = result
        return result

    # --- the targets ---------------------------------------------------------------------------------
    def targets(self) -> list[Target]:
        """Every target of the source, children before parents (the order they must be carried out in)."""
        # ordered, never a set: the walk must be the same in every process (a rerun resumes a killed one)
        involved = list(self.tables) + [fk.child for n in self.tables for fk in self.catalog.children_of(n)]
        # A table whose clock lives in another table is decided before that table loses rows.
        clocks = [(t.name, r.table) for t in self.tables.values() for r in t.remote.values()]
        out: list[Target] = []
        for name in self.catalog.children_first(involved, clocks):
            table = self.tables.get(name)
            if table is not None:
                out.extend(self._table_targets(table))
        return out

    def _table_targets(self, table: MappedTable) -> list[Target]:
        name = table.name
        blocked = self.blocked(name)
        out: list[Target] = []
        earlier: list[ColumnElement[bool]] = []
        for own in self._own[name]:
            if own.minimize:
                continue
            where = sa.and_(own.where, *(not_true(e) for e in earlier), not_true(blocked))
            out.append(Target(table, name, "delete", own.reason, where, clock=own.clock))
            earlier.append(own.where)
        if not table.held:
            for fk in self.catalog.parents_of(name):
                if fk.parent in self.tables and self.edge_kind(fk) == "cascade":
                    where = sa.and_(
                        self._refers(fk, self.doomed(fk.parent)),
                        *(not_true(e) for e in earlier),
                        not_true(blocked),
                    )
                    reason = self._parent_reason(fk, "cascade")
                    out.append(Target(table, name, "delete", reason, where))
                    earlier.append(self._refers(fk, self.doomed(fk.parent)))
        for fk in self.catalog.parents_of(name):
            if fk.parent in self.tables and self.edge_kind(fk) == "detach":
                refers = self._refers(fk, self.doomed(fk.parent))
                where = sa.and_(refers, not_true(self.doomed(name)))
                out.append(
                    Target(table, name, "detach", self._parent_reason(fk, "detach"), where, detach=fk.columns)
                )
        out.extend(self._kept_targets(table, earlier))
        return out

    def _kept_targets(self, table: MappedTable, chosen: list[ColumnElement[bool]]) -> list[Target]:
        """Rows to destroy that a held child keeps alive, and held rows reduced to their kept items."""
        name = table.name
        out: list[Target] = []
        selected = _any(chosen)
        holders = tuple(fk for fk in self.catalog.children_of(name) if self.edge_kind(fk) == "hold")
        blockers = [fk for fk in self.catalog.children_of(name) if self.edge_kind(fk) == "block"]
        by_outsider = self.blocked(name, ("block",))
        for fk in blockers:
            reason = Reason(
                f"blocked.{fk.child}",
                table.record_type.id,
                table.record_type.ref,
                detail=f"rows of '{fk.child}' (not in the column map) refer to them",
            )
            where = sa.and_(is_true(selected), self._live_children(fk))
            out.append(Target(table, name, "blocked", reason, where))
        if holders:
            items = [it for fk in holders for it in self.tables[fk.child].record_type.kept_items]
            if table.held:
                items += table.record_type.kept_items
            held = [self.tables[fk.child] for fk in holders]
            kinds = ",".join(dict.fromkeys(t.record_type.id for t in held))
            names = ", ".join(dict.fromkeys(t.name for t in held))
            reason = Reason(
                f"hold.{kinds}",
                table.record_type.id,
                held[0].record_type.ref,
                tuple(dict.fromkeys(b for t in held for r in t.record_type.retention for b in r.legal_basis)),
                detail=f"rows of {names} under legal hold refer to them: only the items the hold keeps stay",
            )
            where = sa.and_(is_true(selected), self.blocked(name, ("hold",)), not_true(by_outsider))
            out.append(self._reduce(table, reason, where, items, holders))
        for own in self._own[name]:
            if own.minimize:
                where = sa.and_(own.where, not_true(self.doomed(name)), not_true(is_true(selected)))
                out.append(self._reduce(table, own.reason, where, list(table.record_type.kept_items), ()))
        return out

    def _reduce(
        self,
        table: MappedTable,
        reason: Reason,
        where: ColumnElement[bool],
        items: list[str],
        holders: tuple[ForeignKey, ...],
    ) -> Target:
        """Keep the columns that hold ``items`` (plus keys and clocks) and erase the other personal ones.

        In ``move`` mode the kept columns are copied to separate storage and erased here too.
        """
        kept_entities = item_entities(self.policy, items)
        protected = table.protected_columns(self.catalog)
        kept = [c for c in table.columns_with(kept_entities) if c not in protected]
        erase: list[Erased] = []
        stuck: list[str] = []
        for column in table.table.columns:
            personal = bool(table.entities.get(column.name))
            if column.name in protected or not personal or (column.name in kept and not self.move):
                continue
            if column.nullable:
                erase.append(Erased(column.name, "null"))
            elif isinstance(column.type, sa.String | sa.Text):
                erase.append(Erased(column.name, "empty"))
            else:
                stuck.append(column.name)
        holds_value = _any([erased_has_value(table.table.c[e.column], e.to) for e in erase])
        return Target(
            table,
            table.name,
            "move" if self.move else "erase",
            reason,
            sa.and_(where, holds_value),
            tuple(erase),
            tuple(kept),
            tuple(stuck),
            holders=tuple((fk, self.tables[fk.child]) for fk in holders),
        )

    def _parent_reason(self, fk: ForeignKey, kind: str) -> Reason:
        child = self.tables[fk.child]
        verb = "destroyed with" if kind == "cascade" else "unlinked (reference set NULL) from"
        return Reason(
            f"{kind}.{fk.parent}",
            child.record_type.id,
            child.record_type.ref,
            detail=f"{verb} the '{fk.parent}' rows they refer to through {', '.join(fk.columns)}",
        )


def erased_has_value(column: sa.Column, to: Literal["null", "empty"]) -> ColumnElement[bool]:
    """Select rows where the column still holds something to erase (not NULL; not ``''`` if NOT NULL)."""
    if to == "empty":
        return sa.and_(column.is_not(None), column != "")
    return column.is_not(None)
