"""What goes into the policy checks and what comes out: tables to check, options, violations, errors.

The flow builds one ``TableCheckInput`` per scanned table (its column map entry, what the detectors found,
and where its rows live) and gets back a ``CheckOutcome`` whose violations are findings.json's own
(``reports.findings.Violation``). Nothing here knows Great Expectations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Literal

import pandas as pd

from detectors.model import ColumnResult
from expectations.column_map import TableMapping
from reports.findings import Violation

Lang = Literal["ko", "en"]
SourceKind = Literal["database", "export"]


@dataclass(frozen=True)
class SqlTable:
    """A table checked where it lives, through a read-only SQLAlchemy connection.

    Attributes:
        url: the SQLAlchemy URL of the database (the scanner only ever reads it).
        schema: the schema the table is in; None for the connection's default schema.
        name: the table's bare name in the database; None when it is the ``TableCheckInput.table`` itself.

    """

    url: str
    schema: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class FrameTable:
    """An export file (or sheet) already read into a pandas DataFrame."""

    frame: pd.DataFrame


@dataclass(frozen=True)
class TableCheckInput:
    """One table to check against the policy.

    Attributes:
        source: the source name from scan.yaml.
        kind: ``database`` or ``export``.
        table: the table name as reported in findings.json (``members``, ``exports/members.csv``).
        mapping: the table's entry in the column map, or None when the map does not name the table.
        detections: what the detectors found in its columns.
        consignee: the consignee (id or name in the policy) the source is sent to, if any.
        data: where the rows are, for the row rules (retention, consent, minors); None checks only
            what the detections say (security, collection, inventory, consignment).

    """

    source: str
    kind: SourceKind
    table: str
    mapping: TableMapping | None = None
    detections: Sequence[ColumnResult] = ()
    consignee: str | None = None
    data: SqlTable | FrameTable | None = None


@dataclass(frozen=True)
class CheckOptions:
    """How to run the checks.

    Attributes:
        today: the day the scan runs; every deadline is computed from it (so tests can pin it).
        data_docs_dir: the folder the GX Data Docs of the run are written to; None writes none.
        lang: the language of ``Violation.message``; None takes the policy's language.

    """

    today: date
    data_docs_dir: Path | None = None
    lang: Lang | None = None


@dataclass(frozen=True)
class CheckError:
    """A check that could not run for one table, and what to fix so that it can.

    ``column`` names the column involved when there is one (a column map entry naming a missing column).
    The message names the source and table and never carries a value read from the data.
    """

    source: str
    table: str
    column: str | None
    message: str
    why: str | None = None
    """A code for the reports' i18n table (``no_clock``), so a Korean report can say it in Korean."""
    args: tuple[tuple[str, str], ...] = ()
    """The names ``why``'s sentence needs (record type, clock event)."""


@dataclass(frozen=True)
class NotApplicable:
    """A rule the column map says does not apply to a table (``not_applicable``), with its reason.

    Reported beside the checks that ran, never as a check that could not run: it was left out on purpose.
    ``rule`` is a rule id (``retention.overdue``) or one retention clock (``retention.last_login``).
    """

    source: str
    table: str
    rule: str
    reason: str


@dataclass
class CheckOutcome:
    """The result of one run of the policy checks.

    Attributes:
        violations: every violation found, most severe first.
        errors: checks that could not run, one entry per problem; the other checks still ran.
        data_docs_index: the Data Docs index page, when ``CheckOptions.data_docs_dir`` was given.
        messages: violation id -> language -> message, so a report can be rendered in either language
            whatever language ``Violation.message`` was written in.
        not_applicable: rules the column map exempts tables from, with the reasons it gives.
        checked_at: when the last check finished, before the Data Docs (a report of them) were built.

    """

    violations: list[Violation] = field(default_factory=list)
    errors: list[CheckError] = field(default_factory=list)
    data_docs_index: Path | None = None
    messages: dict[str, dict[str, str]] = field(default_factory=dict)
    not_applicable: list[NotApplicable] = field(default_factory=list)
    checked_at: datetime | None = None
