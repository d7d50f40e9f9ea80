"""What the demo clinic holds and which violations were planted in it: the answer key for every scan test.

The manifest lists each planted violation as (rule, source, table, column, count) and each clean
counterpart beside it, so a test asserts that a scan finds exactly the planted ones and none of the clean.
It never holds a raw personal value: names of tables and columns, counts and dates of the plan only.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Rule = Literal[
    "retention.overdue",
    "consent.withdrawn_retained",
    "minors.no_guardian_consent",
    "security.plaintext_secret",
    "collection.undeclared",
    "inventory.unmapped",
    "consignment.out_of_scope",
]
RULES: tuple[str, ...] = Rule.__args__  # type: ignore[attr-defined]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PlantedViolation(_Model):
    """A violation the scan must report.

    ``count`` is the exact number of offending rows for the row-level rules (retention, consent, minors);
    None for the column-level ones, where ``rows`` says how many rows hold the offending value.
    ``category`` is the policy category involved (``unique_id``, ``health``) where the rule is about one.
    """

    rule: Rule
    source: str
    table: str
    column: str | None = None
    count: int | None = None
    rows: int | None = None
    category: str | None = None
    note: str


class CleanCounterpart(_Model):
    """Something that looks like a violation but is not, which the scan must leave alone."""

    rule: Rule
    source: str
    table: str
    column: str | None = None
    rows: int | None = None
    note: str


class Trap(_Model):
    """A column stored oddly (an RRN in a BIGINT, a phone without its leading zero, dates as text)."""

    source: str
    table: str
    column: str
    entity: str | None
    rows: int | None = None
    note: str


class DemoManifest(_Model):
    """The demo clinic's answer key, saved as ``demo_manifest.json`` next to ``scan.yaml``."""

    schema_version: Literal[1] = 1
    seed: int
    as_of: date
    patients: int
    url: str = Field(description="the database URL with any password hidden")
    dialect: str
    schema_name: str | None
    database_source: str
    export_source: str
    export_dir: str
    scan_config: str
    consignee: str
    destruction_deadline_days: int
    retention: dict[str, dict[str, str]] = Field(description="record type -> clock event -> period")
    cutoffs: dict[str, dict[str, date]] = Field(
        description="record type -> clock event -> a clock before this day is overdue on as_of"
    )
    tables: dict[str, int] = Field(description="table -> rows written")
    exports: dict[str, int] = Field(description="export file (or file#sheet) -> rows written")
    violations: list[PlantedViolation]
    clean: list[CleanCounterpart]
    traps: list[Trap]

    def qualified(self, table: str) -> str:
        """Name a database table as findings.json does: schema-qualified outside the default schema."""
        return f"{self.schema_name}.{table}" if self.schema_name else table

    def expected(
        self, granularity: Literal["table", "column"] = "table"
    ) -> set[tuple[str, str, str, str | None]]:
        """Return the (rule, source, table, column) keys a scan must report.

        ``table`` granularity leaves the column out (None).
        """
        keys: set[tuple[str, str, str, str | None]] = set()
        for v in self.violations:
            table = self.qualified(v.table) if v.source == self.database_source else v.table
            keys.add((v.rule, v.source, table, v.column if granularity == "column" else None))
        return keys

    def count_of(self, rule: str, table: str) -> int | None:
        """Return the planted row count for a row-level rule in a table, or None if none was planted."""
        return next((v.count for v in self.violations if v.rule == rule and v.table == table), None)

    def save(self, path: Path) -> None:
        """Write the manifest as indented JSON (UTF-8)."""
        path.write_text(
            json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )

    @classmethod
    def load(cls, path: Path) -> DemoManifest:
        """Read a manifest written by :meth:`save`."""
        return cls.model_validate_json(path.read_text(encoding="utf-8"))
