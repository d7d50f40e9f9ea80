"""What the database says about the mapped tables: keys, foreign keys, nullability, indexes.

Destruction must follow the database's own foreign keys (child rows before parent rows) and page through
each table by its primary key, so both are read from the catalog (SQLAlchemy reflection), never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from graphlib import CycleError, TopologicalSorter

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from enforce.errors import EnforceError


@dataclass(frozen=True)
class ForeignKey:
    """``child.columns`` refer to ``parent.referred``.

    ``declared`` marks a reference the column map declares (``references``) where the database has no
    foreign key; enforcement follows both the same way.
    """

    child: str
    columns: tuple[str, ...]
    parent: str
    referred: tuple[str, ...]
    nullable: bool
    declared: bool = False


@dataclass
class Catalog:
    """The reflected tables of one source (one schema), with their links."""

    schema: str | None
    tables: dict[str, sa.Table]
    foreign_keys: list[ForeignKey] = field(default_factory=list)

    def table(self, name: str) -> sa.Table:
        """Return the reflected table ``name``; EnforceError when the database has none by that name."""
        try:
            return self.tables[name]
        except KeyError:
            where = f" in schema '{self.schema}'" if self.schema else ""
            raise EnforceError(
                f"table '{name}' is in the column map but not in the database{where}; "
                "fix the table name in scan.yaml or the source's schema"
            ) from None

    def primary_key(self, name: str) -> tuple[sa.Column, ...]:
        """Return the primary-key columns; EnforceError when the table has none (batches need one)."""
        cols = tuple(self.table(name).primary_key.columns)
        if not cols:
            raise EnforceError(
                f"table '{name}' has no primary key, so it cannot be destroyed in safe batches; "
                "add a primary key (or a unique NOT NULL column made the primary key) and run again"
            )
        return cols

    def children_of(self, parent: str) -> list[ForeignKey]:
        """Foreign keys that point at ``parent`` from another table (self-references are left out)."""
        return [fk for fk in self.foreign_keys if fk.parent == parent and fk.child != parent]

    def parents_of(self, child: str) -> list[ForeignKey]:
        """Foreign keys of ``child`` that point at another table."""
        return [fk for fk in self.foreign_keys if fk.child == child and fk.parent != child]

    def children_first(self, names: Iterable[str], before: Iterable[tuple[str, str]] = ()) -> list[str]:
        """Order ``names`` so that every table comes before the tables it references.

        ``before`` adds pairs (first, then) that must keep that order too: a table whose clock lives in
        another table (``clock_from``) is decided before that table loses rows.

        Raises:
            EnforceError: the foreign keys among them form a cycle, so no order deletes safely.

        """
        wanted = list(dict.fromkeys(names))
        # dicts, not sets: the order must not depend on the hash seed, or a rerun after a kill and the
        # first run would walk the tables differently
        graph: dict[str, dict[str, None]] = {n: {} for n in wanted}
        for fk in self.foreign_keys:
            if fk.child in graph and fk.parent in graph and fk.child != fk.parent:
                graph[fk.parent][fk.child] = None  # the parent waits for its children
        for first, then in before:
            if first in graph and then in graph and first != then:
                graph[then][first] = None
        try:
            return list(TopologicalSorter(graph).static_order())
        except CycleError as exc:
            cycle = " -> ".join(str(t) for t in exc.args[1])
            raise EnforceError(
                f"the foreign keys (and clock_from clocks) between {cycle} form a cycle, so no child-first "
                "order exists; make one of the references nullable or deferrable, give the table its own "
                "clock column instead of clock_from, or leave a table out of the column map"
            ) from None

    def indexed(self, table: str, column: str) -> bool:
        """Whether some index (or the primary key, or a unique constraint) starts with ``column``."""
        t = self.table(table)
        pk = [c.name for c in t.primary_key.columns]
        if pk and pk[0] == column:
            return True
        for index in t.indexes:
            names = [c.name for c in index.columns]
            if names and names[0] == column:
                return True
        for constraint in t.constraints:
            if isinstance(constraint, sa.UniqueConstraint):
                names = [c.name for c in constraint.columns]
                if names and names[0] == column:
                    return True
        return False

    def indexed_lower(self, table: str, column: str) -> bool:
        """Whether an expression index on ``LOWER(column)`` (or ``LOWER(TRIM(column))``) exists."""
        for index in self.table(table).indexes:
            text = _expression_text(index)
            if "lower(" in text and column.lower() in text:
                return True
        return False


def _expression_text(index: sa.Index) -> str:
    return " ".join(str(e) for e in index.expressions).lower()


def reflect(connection: Connection, schema: str | None) -> Catalog:
    """Reflect every table of the schema with its keys and foreign keys.

    Tables outside the column map matter too: a row of theirs that references a mapped row blocks its
    deletion, and the plan must say so rather than fail half-way.

    Args:
        connection: an open connection to the source.
        schema: the source's schema (PostgreSQL schema, MariaDB database), None for the default.

    """
    metadata = sa.MetaData(schema=schema)
    metadata.reflect(connection, schema=schema)
    tables = {t.name: t for t in metadata.tables.values() if t.schema == schema}
    fks: list[ForeignKey] = []
    for table in tables.values():
        # SQLAlchemy keeps a table's constraints in a set: sort them, so that every process walks them alike
        constraints = sorted(table.foreign_key_constraints, key=lambda c: [col.name for col in c.columns])
        for constraint in constraints:
            parent = constraint.referred_table.name
            if constraint.referred_table.schema != schema or parent not in tables:
                continue  # a reference into another schema is outside this source
            cols = tuple(c.name for c in constraint.columns)
            referred = tuple(e.column.name for e in constraint.elements)
            nullable = all(table.c[c].nullable for c in cols)
            fks.append(ForeignKey(table.name, cols, parent, referred, nullable))
    return Catalog(schema, tables, fks)
