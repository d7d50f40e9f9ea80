"""findings.json, schema_version 1: the contract between a scan and everything that reads its result."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from reports.coverage import Coverage

SCHEMA_VERSION: Literal[1] = 1
Severity = Literal["critical", "high", "medium", "low"]
SEVERITY_ORDER: dict[str, int] = {"critical": 4, "high": 3, "medium": 2, "low": 1}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PolicyRef(_Model):
    """Which policy the scan checked against."""

    id: str
    version: str


class SourceStatus(_Model):
    """How reading one source went; ``error`` says why it failed, without any password."""

    name: str
    kind: Literal["database", "export"]
    status: Literal["ok", "partial", "error"]
    error: str | None = None
    tables: int = 0


class ColumnFinding(_Model):
    """Personal data found in one column. ``evidence`` holds masked examples only."""

    source: str
    table: str
    column: str
    entities: list[str]
    categories: list[str]
    confidence: float
    rows_scanned: int
    rows_total: int | None = None  # rows in the table (an estimate on very large tables); None if unknown
    hits: int
    evidence: list[str] = Field(default_factory=list)


class Violation(_Model):
    """A breach of one policy rule; ``id`` is stable across scans so a finding can be followed."""

    id: str
    rule: str
    severity: Severity
    source: str
    table: str
    column: str | None = None
    count: int | None = None
    message: str
    policy_ref: str


class Findings(_Model):
    """The whole result of one scan."""

    schema_version: Literal[1] = SCHEMA_VERSION
    scan_id: str
    started_at: str
    finished_at: str
    policy: PolicyRef
    sources: list[SourceStatus]
    columns: list[ColumnFinding]
    violations: list[Violation]
    coverage: Coverage | None = None
    """What was and was not looked at (``reports.coverage``); None in files written before it existed."""


# Helpers (not part of the file format) ---------------------------------------------------------------
SEVERITIES: tuple[Severity, ...] = ("critical", "high", "medium", "low")
"""Severities from the most to the least serious: the order every report lists them in."""


def at_or_above(severity: str, threshold: str) -> bool:
    """Tell whether ``severity`` is as serious as ``threshold`` or more (``high`` is above ``medium``)."""
    return SEVERITY_ORDER[severity] >= SEVERITY_ORDER[threshold]
