"""What a scan looked at and what it could not: findings.json's ``coverage``, the answer to "is this clean?".

A report without violations means "clean" only if everything was read and every rule could run. Coverage
says, per source, which tables (or files) exist, which were scanned and how (sampled or in full, rows read),
which were skipped and why, which columns could not be scanned, and which rules could not be checked on a
table. Every entry of ``gaps`` makes the run incomplete (exit code 3, an "incomplete" banner); the rest is
information (a declared encrypted column, tables left out by ``exclude`` on purpose).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Reason(_Model):
    """A reason as written (English, for findings.json and the console) and, where known, as a code.

    ``why`` names a sentence of the report's i18n table (``cov_why_<why>``) that ``args`` fill in, so a Korean
    report says it in Korean; without it the report shows ``reason`` as written.
    """

    reason: str
    why: str | None = None
    args: dict[str, str] = Field(default_factory=dict)


class ScannedTable(_Model):
    """A table (or file, or sheet) that was read."""

    name: str
    mode: Literal["sample", "full"]
    rows_read: int
    rows_total: int | None = None


class SkippedTable(_Reason):
    """A table that exists but was not read; ``gap`` is False when scan.yaml left it out on purpose."""

    name: str
    gap: bool = True


class UnscannableColumn(_Reason):
    """A column whose values the detectors cannot read (binary content, declared ciphertext)."""

    table: str
    column: str
    gap: bool = True


class UncheckedRule(_Reason):
    """A policy rule that could not be checked on a table, and what to do so that it can."""

    table: str
    rule: str | None = None


class InapplicableRule(_Reason):
    """A rule the column map says does not apply to a table (``not_applicable``), with the map's reason.

    Left out on purpose: listed so a reviewer can check the reason, never a gap (it does not make the run
    incomplete).
    """

    table: str
    rule: str


class SourceCoverage(_Model):
    """What was and was not looked at in one source.

    Attributes:
        source: the source's name in scan.yaml.
        kind: database or export folder.
        reachable: False when the source could not be opened or listed at all.
        error: why it could not be (connection string without its password).
        tables_present: how many tables or files the source holds (None when it could not be listed).
        scanned: the tables read.
        skipped: the tables not read, with why.
        unmatched_patterns: ``include`` patterns that match no table (with a few of the tables there).
        columns_not_scannable: the columns the detectors could not read.
        rules_not_checked: the rules that could not run on a table.
        rules_not_applicable: the rules the column map exempts a table from, with its reasons (no gap).

    """

    source: str
    kind: Literal["database", "export"]
    reachable: bool = True
    error: str | None = None
    tables_present: int | None = None
    scanned: list[ScannedTable] = Field(default_factory=list)
    skipped: list[SkippedTable] = Field(default_factory=list)
    unmatched_patterns: list[str] = Field(default_factory=list)
    columns_not_scannable: list[UnscannableColumn] = Field(default_factory=list)
    rules_not_checked: list[UncheckedRule] = Field(default_factory=list)
    rules_not_applicable: list[InapplicableRule] = Field(default_factory=list)

    def gap_items(self) -> list[Gap]:
        """Every thing in this source that was not looked at (each makes the run incomplete)."""
        if not self.reachable:
            return [Gap(self.source, "source", None, None, self.error or "unknown error", "source_down")]
        out = [Gap(self.source, "pattern", None, None, p) for p in self.unmatched_patterns]
        out += [
            Gap(self.source, "table", x.name, None, x.reason, x.why, x.args) for x in self.skipped if x.gap
        ]
        out += [
            Gap(self.source, "column", c.table, c.column, c.reason, c.why, c.args)
            for c in self.columns_not_scannable
            if c.gap
        ]
        out += [
            Gap(self.source, "rule", r.table, r.rule, r.reason, r.why, r.args) for r in self.rules_not_checked
        ]
        return out

    def gaps(self) -> list[str]:
        """One line per thing that was not looked at, for a console summary."""
        return [g.line() for g in self.gap_items()]


@dataclass(frozen=True)
class Gap:
    """One thing a scan did not look at: a source, a pattern, a table, a column or a rule, and why."""

    source: str
    kind: Literal["source", "pattern", "table", "column", "rule"]
    table: str | None
    column: str | None
    reason: str
    why: str | None = None
    args: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    def line(self) -> str:
        """``source emr: table visits: not read: why`` (English; reports word it per language)."""
        where = f"source {self.source}"
        if self.kind == "source":
            return f"{where}: not read: {self.reason}"
        if self.kind == "pattern":
            return f"{where}: {self.reason}"
        if self.kind == "table":
            return f"{where}: table {self.table}: not read: {self.reason}"
        if self.kind == "column":
            return f"{where}: table {self.table}: column {self.column}: not scanned: {self.reason}"
        if self.table is None:
            return f"not checked: {self.reason}"
        rule = f"{self.column} " if self.column else ""
        return f"{where}: table {self.table}: {rule}not checked: {self.reason}"


class Coverage(_Model):
    """Coverage of the whole scan; ``complete`` is True when nothing was missed."""

    complete: bool = True
    sources: list[SourceCoverage] = Field(default_factory=list)
    other: list[str] = Field(default_factory=list)
    """Gaps that belong to no single source (the Data Docs could not be written)."""

    def gap_items(self) -> list[Gap]:
        """Every thing that was not looked at, source by source, then those of no single source."""
        items = [g for s in self.sources for g in s.gap_items()]
        return items + [Gap("*", "rule", None, None, reason) for reason in self.other]

    def gaps(self) -> list[str]:
        """Every thing that was not looked at, one line each (the console summary's list)."""
        return [g.line() for g in self.gap_items()]

    def settle(self) -> Coverage:
        """Set ``complete`` from the gaps (call once everything is recorded); returns self."""
        self.complete = not self.gaps()
        return self
