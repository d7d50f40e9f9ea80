"""The detection-based rules as one GX suite over an inventory of personal data.

The inventory has one row per (table, column, entity, category) the detectors found. The policy's own
declarations become the value sets of ``ExpectColumnValuesToBeInSet`` expectations, one per clause:

* ``collection.undeclared``: in tables of record type R, ``category`` is in R's declared categories;
* ``consignment.out_of_scope``: in tables sent to consignee C, ``category`` is in C's entrusted ones;
* ``security.plaintext_secret``: where ``category`` has a security rule, ``stored_as`` is encrypted or
  hashed (a ``PASSWORD_HASH`` is hashed; a column the map lists under ``encrypted`` is encrypted);
* ``inventory.unmapped``: every row's table is mapped to a record type (or is an export for a consignee,
  which the consignment rule covers instead, or a table mapped to no record type that holds only
  health terms no identifier ties to a person: reference data such as a list of KCD codes).

The inventory holds names, categories and counts only, never a value read from the data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import great_expectations.expectations as gxe
import pandas as pd
from great_expectations.expectations.expectation import Expectation

from expectations import rules as r
from expectations.model import CheckError, TableCheckInput
from expectations.plan import resolve_column
from policy.schema import Policy

COLUMNS = (
    "source",
    "table",
    "column",
    "entity",
    "category",
    "kind",
    "mapping",
    "record_type",
    "consignee",
    "stored_as",
    "hits",
    "rows_scanned",
    "free_text",
)
INDEX_COLUMNS = ["source", "table", "column", "entity"]
HASHED_ENTITIES = frozenset({"PASSWORD_HASH"})
PROTECTED = ["encrypted", "hashed"]


@dataclass(frozen=True)
class Scope:
    """The inventory rows a clause speaks of, and the column whose values it constrains there.

    GX could select the rows itself (a ``row_condition``), but it runs a ``DataFrame.query`` for each metric
    of each expectation: half a second for fifteen clauses, on every scan. ``scoped_inventory`` instead
    adds one column per clause, the constrained value where the clause applies and empty elsewhere (GX
    leaves empty cells out of ``ExpectColumnValuesToBeInSet``), named so that the Data Docs read as the
    condition did: ``category where record_type = 'patient'``.
    """

    value: str
    where: str
    equals: str | None = None  # None: every row where ``where`` is set

    @property
    def column(self) -> str:
        """The name of the scoped column (what the expectation and its unexpected rows are keyed by)."""
        condition = "is set" if self.equals is None else f"= '{self.equals}'"
        return f"{self.value} where {self.where} {condition}"


@dataclass(frozen=True)
class InventoryCheck:
    """What an inventory expectation stands for: its rule, policy section, the clause's subject and rows."""

    key: str
    rule: str
    ref: str
    subject: str | None  # the record type, consignee or category the expectation is about
    scope: Scope


def _mapping_state(inp: TableCheckInput, policy: Policy) -> str:
    if inp.mapping is not None:
        if inp.mapping.record_type is not None:
            return "mapped"
        # Mapped to no record type on purpose (a lookup table): diagnosis or procedure names that no
        # identifier, contact or account in the same table ties to a person are reference data, not
        # personal data. Anything else found there is reported.
        found = {c for d in inp.detections for e in d.entities for c in policy.categories_of(e.entity)}
        sensitive_only = {c.key for c in policy.categories if c.sensitive}
        return "reference_data" if found <= sensitive_only else "no_record_type"
    if inp.kind == "export" and inp.consignee is not None:
        return "consigned_export"  # an unknown consignee is reported as a configuration error instead
    return "unmapped"


def resolve_consignee(policy: Policy, inp: TableCheckInput) -> tuple[str | None, CheckError | None]:
    """Find the policy id of the table's consignee, or an error naming the unknown consignee."""
    if inp.consignee is None:
        return None, None
    consignee = policy.consignee(inp.consignee)
    if consignee is not None:
        return consignee.id, None
    known = ", ".join(c.id for c in policy.consignees) or "none"
    return None, CheckError(
        inp.source,
        inp.table,
        None,
        f"source '{inp.source}': consignee '{inp.consignee}' is not a consignee of policy "
        f"'{policy.id}' (consignees: {known}), so what is sent to it was not checked; fix "
        f"sources[{inp.source}].consignee in scan.yaml.",
    )


def build_inventory(
    policy: Policy, tables: Sequence[TableCheckInput]
) -> tuple[pd.DataFrame, list[CheckError]]:
    """One row per (table, column, entity, category) detected; errors for unknown consignees."""
    rows: list[dict[str, object]] = []
    errors: list[CheckError] = []
    for inp in tables:
        consignee, error = resolve_consignee(policy, inp)
        if error is not None:
            errors.append(error)
        encrypted = list(inp.mapping.encrypted) if inp.mapping else []
        for det in inp.detections:
            is_encrypted = resolve_column(det.column, encrypted) is not None
            for hit in det.entities:
                stored_as = (
                    "hashed" if hit.entity in HASHED_ENTITIES else "encrypted" if is_encrypted else "plain"
                )
                categories: list[str | None] = list(policy.categories_of(hit.entity)) or [None]
                for category in categories:
                    rows.append(
                        {
                            "source": inp.source,
                            "table": inp.table,
                            "column": det.column,
                            "entity": hit.entity,
                            "category": category,
                            "kind": inp.kind,
                            "mapping": _mapping_state(inp, policy),
                            "record_type": inp.mapping.record_type if inp.mapping else None,
                            "consignee": consignee,
                            "stored_as": stored_as,
                            "hits": hit.hits,
                            "rows_scanned": det.rows_scanned,
                            "free_text": bool(det.free_text),
                        }
                    )
    return pd.DataFrame(rows, columns=list(COLUMNS)), errors


def inventory_suite(policy: Policy) -> tuple[list[Expectation], dict[str, InventoryCheck]]:
    """Build the expectations the policy's clauses make of the inventory, and what each stands for.

    Each expectation reads its check's scoped column (``Scope``): validate ``scoped_inventory(frame,
    checks)``, not the bare inventory.
    """
    expectations: list[Expectation] = []
    checks: dict[str, InventoryCheck] = {}

    def add(check: InventoryCheck, allowed: Sequence[str], says: str) -> None:
        checks[check.key] = check
        expectations.append(
            gxe.ExpectColumnValuesToBeInSet(
                column=check.scope.column,
                value_set=list(allowed),
                description=f"{check.rule} (policy {check.ref}): {says}",
                meta={"check": check.key},
            )
        )

    contexts = {c.id: c.ref for c in policy.collection}
    for rt in policy.record_types:
        ref = contexts.get(rt.context or "", rt.ref)
        add(
            InventoryCheck(
                f"collection:{rt.id}",
                r.COLLECTION_UNDECLARED,
                ref,
                rt.id,
                Scope("category", "record_type", rt.id),
            ),
            rt.categories,
            f"tables of record type '{rt.id}' hold only the categories it declares: "
            f"{', '.join(rt.categories)}",
        )
    for consignee in policy.consignees:
        scope = Scope("category", "consignee", consignee.id)
        add(
            InventoryCheck(
                f"consignment:{consignee.id}", r.CONSIGNMENT_OUT_OF_SCOPE, consignee.ref, consignee.id, scope
            ),
            consignee.entrusted,
            f"what is sent to '{consignee.id}' stays within what is entrusted to it: "
            f"{', '.join(consignee.entrusted)}",
        )
    for rule in policy.security:
        if rule.measure == "none":
            continue
        scope = Scope("stored_as", "category", rule.category)
        add(
            InventoryCheck(
                f"security:{rule.category}", r.SECURITY_PLAINTEXT_SECRET, rule.ref, rule.category, scope
            ),
            PROTECTED,
            f"{rule.category} is stored {'hashed' if rule.measure == 'one_way_hash' else 'encrypted'}, "
            "never in plain text",
        )
    add(
        InventoryCheck("inventory", r.INVENTORY_UNMAPPED, "4", None, Scope("mapping", "category")),
        ["mapped", "consigned_export", "reference_data"],
        "every table with personal data is mapped to a record type, so a retention rule covers it",
    )
    return expectations, checks


def scoped_inventory(inventory: pd.DataFrame, checks: Mapping[str, InventoryCheck]) -> pd.DataFrame:
    """Return the inventory plus each check's scoped column: the value where its clause applies."""
    scoped: dict[str, pd.Series] = {}
    for check in checks.values():
        scope = check.scope
        applies = inventory[scope.where].notna()
        if scope.equals is not None:
            applies &= inventory[scope.where] == scope.equals
        scoped[scope.column] = inventory[scope.value].where(applies, None).astype(object)
    return pd.concat([inventory, pd.DataFrame(scoped, index=inventory.index)], axis=1)


INVENTORY_RESULT_FORMAT: dict[str, object] = {
    "result_format": "COMPLETE",
    "unexpected_index_column_names": INDEX_COLUMNS,
}
