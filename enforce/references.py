"""References the column map declares (``references``), added to the catalog beside the foreign keys.

Many clinic systems keep their links in the application (MyISAM tables, legacy schemas, a patient number
copied into every table) and the database declares no foreign key. Without them a destroyed roster row
would leave its medical records pointing at nothing, a held record would not keep its patient's identity
row, and a subject request would not reach the linked rows; declared, they count exactly as foreign keys.
"""

from __future__ import annotations

from collections.abc import Mapping

from enforce.catalog import Catalog, ForeignKey
from enforce.errors import EnforceError
from enforce.tables import nearest
from expectations.column_map import TableMapping
from expectations.plan import resolve_column


def declared_references(
    source: str, tables: Mapping[str, TableMapping], catalog: Catalog
) -> list[ForeignKey]:
    """Resolve every ``references`` entry of the source's column map against its reflected tables.

    A reference the database already has as a foreign key is left out (it is there once already).

    Raises:
        EnforceError: an entry names a table or column the source does not have (with the nearest name).

    """
    names = list(catalog.tables)
    existing = {(fk.child, fk.columns, fk.parent, fk.referred) for fk in catalog.foreign_keys}
    out: list[ForeignKey] = []
    for table, mapping in tables.items():
        if not mapping.references:
            continue
        child = catalog.table(table)
        child_columns = [c.name for c in child.columns]
        for column, target in mapping.references.items():
            where = f"source '{source}', table '{table}': references.{column}"
            fix = f"fix sources[{source}].tables.{table}.references in scan.yaml"
            own = resolve_column(column, child_columns)
            if own is None:
                raise EnforceError(
                    f"{where}: the table has no column '{column}'{nearest(column, child_columns)}; {fix}"
                )
            parent = resolve_column(target.table, names)
            if parent is None:
                raise EnforceError(
                    f"{where} names table '{target.table}', which the source does not have"
                    f"{nearest(target.table, names)}; {fix}"
                )
            parent_columns = [c.name for c in catalog.table(parent).columns]
            referred = resolve_column(target.column, parent_columns)
            if referred is None:
                raise EnforceError(
                    f"{where} names column '{target.column}', which table '{parent}' does not have"
                    f"{nearest(target.column, parent_columns)}; {fix}"
                )
            if (child.name, (own,), parent, (referred,)) in existing:
                continue
            nullable = bool(child.c[own].nullable)
            out.append(ForeignKey(child.name, (own,), parent, (referred,), nullable, declared=True))
    return out
