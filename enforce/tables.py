"""One mapped table as enforcement sees it: its record type, role columns, personal columns, kept items.

Which columns hold what comes from the latest scan (findings.json ``columns``) and, for columns the scan
did not flag, from the column-name rules the detectors use; erasing a column too many is recoverable from
nothing, but so is keeping one too many, so both sources of knowledge count.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa

from detectors.name_rules import load_name_rules
from enforce.catalog import Catalog
from enforce.errors import EnforceError
from expectations.column_map import BOOKKEEPING_ROLES, ClockFrom, TableMapping
from expectations.model import TableCheckInput
from expectations.plan import missing_column_message, resolve_column
from policy.schema import Policy, RecordType
from reports.findings import ColumnFinding

# The entities an item of the policy names. Items not listed fall back to their category's entities.
ITEM_ENTITIES: dict[str, frozenset[str]] = {
    "name": frozenset({"PERSON"}),
    "guardian_name": frozenset({"PERSON"}),
    "address": frozenset({"ADDRESS"}),
    "phone": frozenset({"PHONE_NUMBER"}),
    "mobile": frozenset({"PHONE_NUMBER"}),
    "guardian_contact": frozenset({"PHONE_NUMBER"}),
    "email": frozenset({"EMAIL_ADDRESS"}),
    "resident_number": frozenset({"KR_RRN", "KR_FRN"}),
    "date_of_birth": frozenset({"DATE_OF_BIRTH"}),
    "health_info": frozenset({"MEDICAL_INFO"}),
    "medical_history": frozenset({"MEDICAL_INFO"}),
    "surgical_history": frozenset({"MEDICAL_INFO"}),
    "surgery_of_interest": frozenset({"MEDICAL_INFO"}),
    "password": frozenset({"PASSWORD", "PASSWORD_HASH"}),
    "card_number": frozenset({"CREDIT_CARD"}),
    "access_ip": frozenset({"IP_ADDRESS"}),
}
ENCRYPTED = "ENCRYPTED"
# Entities a number column can hold (a phone or RRN that lost its leading zero in a BIGINT).
NUMERIC_ENTITIES = frozenset({"PHONE_NUMBER", "KR_RRN", "KR_FRN", "CREDIT_CARD", "BANK_ACCOUNT"})


def can_hold(column: sa.Column, entity: str) -> bool:
    """Whether a column's type can hold the entity at all (``email_opt_in BOOLEAN`` holds no address)."""
    kind = column.type
    if isinstance(kind, sa.Boolean):
        return False
    if isinstance(kind, sa.Date | sa.DateTime):
        return entity == "DATE_OF_BIRTH"
    if isinstance(kind, sa.Integer | sa.Numeric):
        return entity in NUMERIC_ENTITIES
    return True


@dataclass(frozen=True)
class RemoteClock:
    """A retention clock kept in another table (``clock_from``), resolved against the reflected tables.

    The clock of a row is the latest ``column`` among the rows of ``column.table`` whose ``their_key``
    equals the row's ``key``.
    """

    key: sa.Column
    their_key: sa.Column
    column: sa.Column

    @property
    def table(self) -> str:
        """The table the clock lives in."""
        return str(self.column.table.name)


@dataclass(frozen=True)
class MappedTable:
    """A table of the column map with everything resolved against the real table.

    Attributes:
        name: the table name as the database reports it.
        table: the reflected table.
        mapping: its column-map entry.
        record_type: the policy record type it holds.
        roles: role -> the real column name.
        entities: column -> entities it holds (findings plus column-name rules; encrypted columns add
            ``ENCRYPTED``).
        remote: clock event -> the clock kept in another table (``clock_from``).

    """

    name: str
    table: sa.Table
    mapping: TableMapping
    record_type: RecordType
    roles: dict[str, str]
    entities: dict[str, frozenset[str]]
    remote: dict[str, RemoteClock] = field(default_factory=dict)

    @property
    def held(self) -> bool:
        """Whether a law makes the clinic keep this record type (``legal_hold``)."""
        return self.record_type.legal_hold

    def personal_columns(self) -> list[str]:
        """Columns that hold personal data about someone (encrypted ones included)."""
        return [c for c, e in self.entities.items() if e]

    def columns_with(self, wanted: Iterable[str]) -> list[str]:
        """Columns holding any of the ``wanted`` entities, in table order."""
        wanted = frozenset(wanted)
        return [c.name for c in self.table.columns if self.entities.get(c.name, frozenset()) & wanted]

    def protected_columns(self, catalog: Catalog) -> set[str]:
        """Keys, foreign keys, referenced columns and bookkeeping role columns: never erased in place."""
        keep = {c.name for c in self.table.primary_key.columns}
        keep |= {c for fk in catalog.parents_of(self.name) for c in fk.columns}
        keep |= {c for fk in catalog.children_of(self.name) for c in fk.referred}
        keep |= {col for role, col in self.roles.items() if role in BOOKKEEPING_ROLES}
        return keep


def item_entities(policy: Policy, items: Iterable[str]) -> frozenset[str]:
    """Return the entities the policy's item keys (``kept_items``) stand for."""
    found: set[str] = set()
    for key in items:
        if key in ITEM_ENTITIES:
            found |= ITEM_ENTITIES[key]
            continue
        for context in policy.collection:
            for item in context.items:
                category = policy.category(item.category) if item.key == key else None
                if category is not None:
                    found |= set(category.entities)
    return frozenset(found)


def findings_by_table(
    columns: Iterable[ColumnFinding], source: str, schema: str | None
) -> dict[str, dict[str, set[str]]]:
    """Group the scan's column findings of ``source`` by table (schema prefix of the source removed)."""
    grouped: dict[str, dict[str, set[str]]] = {}
    prefix = f"{schema}." if schema else None
    for finding in columns:
        if finding.source != source:
            continue
        table = finding.table
        if prefix and table.startswith(prefix):
            table = table[len(prefix) :]
        grouped.setdefault(table, {}).setdefault(finding.column, set()).update(finding.entities)
    return grouped


def column_entities(
    table: sa.Table, found: dict[str, set[str]], encrypted: Iterable[str]
) -> dict[str, frozenset[str]]:
    """Entities per column: the scan's findings, the column-name rules, and ``ENCRYPTED`` for ciphertext."""
    rules = load_name_rules()
    enc = {c.casefold() for c in encrypted}
    out: dict[str, frozenset[str]] = {}
    for column in table.columns:
        entities = set(found.get(column.name, set()))
        evidence = rules.evaluate(column.name, table.name)
        if evidence.entity is not None and can_hold(column, evidence.entity):
            entities.add(evidence.entity)
        if column.name.casefold() in enc:
            entities.add(ENCRYPTED)
        out[column.name] = frozenset(entities)
    return out


def resolve_table(
    policy: Policy,
    source: str,
    name: str,
    mapping: TableMapping,
    catalog: Catalog,
    found: dict[str, set[str]],
) -> MappedTable | None:
    """Resolve one column-map entry; None for a table mapped to no record type (a lookup table).

    Raises:
        EnforceError: the record type is unknown or a role names a column the table lacks.

    """
    if mapping.record_type is None:
        return None
    record_type = policy.record_type(mapping.record_type)
    if record_type is None:
        known = ", ".join(r.id for r in policy.record_types)
        raise EnforceError(
            f"source '{source}', table '{name}': record_type '{mapping.record_type}' is not a record type of "
            f"policy '{policy.id}' (record types: {known}); fix sources[{source}].tables.{name}.record_type"
        )
    table = catalog.table(name)
    columns = [c.name for c in table.columns]
    roles: dict[str, str] = {}
    for role, column in mapping.roles.items():
        actual = resolve_column(column, columns)
        if actual is None:
            where = TableCheckInput(source=source, kind="database", table=name, mapping=mapping)
            raise EnforceError(missing_column_message(where, f"roles.{role}", column, columns))
        roles[role] = actual
    entities = column_entities(table, found, mapping.encrypted)
    remote: dict[str, RemoteClock] = {
        event: _remote_clock(source, name, event, spec, catalog) for event, spec in mapping.clock_from.items()
    }
    return MappedTable(name, table, mapping, record_type, roles, entities, remote)


def nearest(name: str, names: Sequence[str]) -> str:
    """`` (did you mean 'x'?)`` with the closest of ``names``, or nothing when none is close."""
    hint = difflib.get_close_matches(name, list(names), n=1)
    return f" (did you mean '{hint[0]}'?)" if hint else ""


def _remote_clock(source: str, name: str, event: str, spec: ClockFrom, catalog: Catalog) -> RemoteClock:
    """Resolve ``clock_from.<event>`` of table ``name``; EnforceError naming the field when it cannot."""
    field_name = f"clock_from.{event}"
    fix = f"fix sources[{source}].tables.{name}.{field_name} in scan.yaml"
    other = resolve_column(spec.table, list(catalog.tables))
    if other is None:
        raise EnforceError(
            f"source '{source}', table '{name}': {field_name}.table names table '{spec.table}', which the "
            f"source does not have{nearest(spec.table, list(catalog.tables))}; {fix}"
        )
    parts: dict[str, sa.Column] = {}
    for part, table, column in (
        ("key", catalog.table(name), spec.key),
        ("other_key", catalog.table(other), spec.their_key),
        ("column", catalog.table(other), spec.column),
    ):
        columns = [c.name for c in table.columns]
        actual = resolve_column(column, columns)
        if actual is None:
            raise EnforceError(
                f"source '{source}', table '{name}': {field_name}.{part} names column '{column}', which "
                f"table '{table.name}' does not have{nearest(column, columns)}; {fix}"
            )
        parts[part] = table.c[actual]
    return RemoteClock(parts["key"], parts["other_key"], parts["column"])
