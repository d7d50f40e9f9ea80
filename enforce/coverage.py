"""What an enforcement run or a subject search could not look at, in the scan's coverage model.

A retention plan that skipped a source that was down, or a rule without its clock, or an access answer that
could not compare an encrypted column, is not a complete answer: ``reports.coverage`` says so, and its one
renderer (``reports.coverage_view``) shows it in every report.
"""

from __future__ import annotations

from enforce.connect import SourceContext
from enforce.errors import SourceUnreachable
from enforce.inputs import SourceLike
from enforce.tables import column_entities, findings_by_table
from reports.coverage import InapplicableRule, SkippedTable, SourceCoverage, UncheckedRule, UnscannableColumn
from reports.findings import Findings

IDENTIFIERS = frozenset({"PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "KR_RRN", "KR_FRN"})
"""What a subject search compares: a table holding one of these may hold the person."""


def unreachable(source: SourceLike, exc: SourceUnreachable) -> SourceCoverage:
    """Record a source the run could not open: nothing in it was looked at."""
    return SourceCoverage(source=source.name, kind="database", reachable=False, error=str(exc))


def reached(
    ctx: SourceContext,
    not_checked: list[UncheckedRule] | None = None,
    exempt: bool = False,
    not_searched: list[str] | None = None,
    unmapped: list[SkippedTable] | None = None,
) -> SourceCoverage:
    """Record an opened source: its tables, the rules it could not enforce, the columns not searched.

    Args:
        ctx: the opened source.
        not_checked: rules that could not be enforced on a table (no clock).
        exempt: list the rules the column map says do not apply (a retention run).
        not_searched: ``source.table.column`` of encrypted identifiers a search could not compare.
        unmapped: tables a search did not search that may hold personal data (``unmapped_personal``).

    """
    columns = []
    for name in not_searched or []:
        table, _, column = name.removeprefix(f"{ctx.name}.").rpartition(".")
        columns.append(
            UnscannableColumn(
                table=table,
                column=column,
                reason="encrypted at rest, so SQL cannot compare it with the identifiers and it was not "
                "searched; the person may have more records there",
                why="not_searched",
            )
        )
    return SourceCoverage(
        source=ctx.name,
        kind="database",
        tables_present=len(ctx.catalog.tables),
        skipped=list(unmapped or []),
        columns_not_scannable=columns,
        rules_not_checked=list(not_checked or []),
        rules_not_applicable=[
            InapplicableRule(table=table, rule=rule, reason=reason)
            for table, mapping in ctx.source.tables.items()
            for rule, reason in mapping.not_applicable.items()
        ]
        if exempt
        else [],
    )


def unmapped_personal(ctx: SourceContext, findings: Findings | None) -> list[SkippedTable]:
    """Tables a subject search does not search (not in the column map) that may hold the person.

    A table counts when the scan found an identifier in it or a column's name says it holds one (a copy of
    the patient list the map does not know): the answer may then miss the person's rows there. The reason is
    in words the person's letter can show; the columns are in ``args`` (the JSON, for the data team).
    """
    found = findings_by_table(findings.columns if findings else [], ctx.name, ctx.source.schema_)
    out = []
    for name in sorted(set(ctx.catalog.tables) - set(ctx.source.tables)):
        entities = column_entities(ctx.catalog.tables[name], found.get(name, {}), [])
        columns = sorted(c for c, held in entities.items() if held & IDENTIFIERS)
        if columns:
            out.append(
                SkippedTable(
                    name=name,
                    reason="not in the column map, so it was not searched, but it may hold personal data: "
                    "the person may have more records there; add it to the column map and answer again",
                    why="not_mapped",
                    args={"columns": ", ".join(columns)},
                )
            )
    return out


def unread_exports(unread: list[str], names: list[str]) -> list[SourceCoverage]:
    """Turn the export files a subject search could not read (``source/file: why``) into coverage gaps.

    ``source: why`` is a folder that could not be listed at all; ``names`` are the export sources' names.
    """
    out: dict[str, SourceCoverage] = {}
    for line in unread:
        for name in sorted(names, key=len, reverse=True):
            if line.startswith(f"{name}: "):
                out[name] = SourceCoverage(
                    source=name, kind="export", reachable=False, error=line.removeprefix(f"{name}: ")
                )
                break
            if line.startswith(f"{name}/"):
                table, _, why = line.removeprefix(f"{name}/").partition(": ")
                cov = out.setdefault(name, SourceCoverage(source=name, kind="export"))
                cov.skipped.append(SkippedTable(name=table, reason=why))
                break
    return list(out.values())
