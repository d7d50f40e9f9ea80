"""Run targets over every database source: count them (dry run) or carry them out (apply), and report.

Retention and erasure differ only in how they choose rows (``OwnSelection``); everything after that —
foreign keys, legal holds, batches, the log, separate storage, the report — is shared here.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from enforce.batches import BatchContext, BatchHook, run_target
from enforce.clocks import age_days, oldest_expression, parse_day
from enforce.config import EnforcementConfig
from enforce.connect import (
    SourceContext,
    database_sources,
    open_context,
    reader_engine,
    writer_engine,
    writer_url,
)
from enforce.coverage import reached, unreachable
from enforce.errors import SourceUnreachable
from enforce.inputs import ConfigLike
from enforce.log import DestructionLog, Pseudonymizer
from enforce.model import EnforcementReport, Exemption, TargetLine
from enforce.storage import STORAGE_TABLE, SeparateStorage
from enforce.tables import MappedTable
from enforce.targets import Own, Target, TargetBuilder
from policy.schema import Policy
from reports.coverage import UncheckedRule
from reports.findings import Findings
from sources.urls import safe_url

# Given an opened source and a list to add the rules it cannot enforce to, the per-table selections of a run.
OwnSelection = Callable[[SourceContext, list[UncheckedRule]], Callable[[MappedTable], list[Own]]]


@dataclass
class RunOptions:
    """How a run is done.

    Attributes:
        policy: the policy whose rules apply.
        findings: the latest scan's findings (which column holds what); None uses column-name rules only.
        today: the day the cut-offs are computed from (default: today).
        sources: only these database sources (default: all).
        on_batch: called after every committed batch (progress; the fault test kills the run from here).
        run_id: the run's id (default: a new uuid4), written on every log entry.

    """

    policy: Policy
    findings: Findings | None = None
    today: date | None = None
    sources: list[str] | None = None
    on_batch: BatchHook | None = None
    run_id: str = field(default_factory=lambda: str(uuid.uuid4()))

    def day(self) -> date:
        """Return the run's day."""
        return self.today or date.today()


def _line(ctx: SourceContext, target: Target, rows: int, oldest: int | None) -> TargetLine:
    reason = target.reason
    return TargetLine(
        source=ctx.name,
        table=target.table_name,
        record_type=reason.record_type,
        rule=reason.rule,
        action=target.action,
        policy_ref=reason.ref,
        legal_basis=list(reason.legal_basis),
        detail=reason.detail,
        rows=rows,
        oldest_days=oldest,
        erased_columns=[e.column for e in target.erase],
        kept_columns=list(target.kept),
        not_erasable=list(target.not_erasable),
        detached_columns=list(target.detach),
    )


def _unindexed_references(ctx: SourceContext, deleting: list[Target]) -> list[str]:
    """Foreign keys into tables losing rows whose column has no index: each delete then scans the child."""
    out = []
    for name in dict.fromkeys(t.table_name for t in deleting):
        for fk in ctx.catalog.children_of(name):
            if not ctx.catalog.indexed(fk.child, fk.columns[0]):
                out.append(
                    f"source '{ctx.name}': {fk.child}.{', '.join(fk.columns)} refers to {name} without an "
                    f"index, so the database scans {fk.child} for every {name} row destroyed; create an "
                    "index on it before --apply on a large table"
                )
    return out


def count(ctx: SourceContext, target: Target, today: date) -> tuple[int, int | None]:
    """Rows matching ``target`` now, and the age in days of the oldest one's clock."""
    table = ctx.catalog.table(target.table_name)
    parts: list[sa.ColumnElement[Any]] = [sa.func.count()]
    if target.clock is not None:
        parts.append(oldest_expression(target.clock, ctx.fragments, ctx.engine.dialect))
    with ctx.engine.connect() as connection:
        row = connection.execute(sa.select(*parts).select_from(table).where(target.where)).one()
    oldest = age_days(parse_day(row[1]), today) if target.clock is not None and row[0] else None
    return int(row[0] or 0), oldest


def run(
    config: ConfigLike, options: RunOptions, kind: str, own: OwnSelection, apply: bool
) -> EnforcementReport:
    """Plan (``apply`` false) or carry out the targets ``own`` selects on every database source.

    Args:
        config: scan.yaml (sources, column map, enforcement block).
        options: policy, findings, day, sources, progress hook, run id.
        kind: ``retention`` or ``erasure`` (for the report).
        own: makes the per-table selections for one opened source.
        apply: carry the plan out with the writer credentials (else only count, read-only).

    Raises:
        EnforceError: a source cannot be opened, the column map does not fit, no writer is configured, the
            pseudonymization key is missing; raised before anything is written where it can be known.

    """
    started = datetime.now(UTC).isoformat(timespec="seconds")
    enforcement = config.enforcement or EnforcementConfig()
    today = options.day()
    report = EnforcementReport(
        kind="retention" if kind == "retention" else "erasure",
        run_id=options.run_id,
        policy_id=options.policy.id,
        policy_version=options.policy.version,
        today=today,
        deadline_days=options.policy.destruction_deadline_days,
        started_at=started,
        finished_at=started,
        applied=apply,
    )
    sources = database_sources(config, options.sources)
    storage: SeparateStorage | None = None
    if enforcement.separate_storage_url:
        report.separate_storage = safe_url(enforcement.separate_storage_url)
        if apply:
            storage = SeparateStorage(writer_engine(enforcement.separate_storage_url))
    pseudonymizer = Pseudonymizer.from_env(enforcement.pseudonym_key_env) if apply else None
    writers = {s.name: writer_url(config, s) for s in sources} if apply else {}
    if storage is not None:
        storage.ensure()
    for source in sources:
        assert source.url is not None
        if kind == "retention":
            report.not_applicable += [
                Exemption(source=source.name, table=table, rule=rule, reason=reason)
                for table, mapping in source.tables.items()
                for rule, reason in mapping.not_applicable.items()
            ]
        engine = writer_engine(writers[source.name]) if apply else reader_engine(source.url)
        missing: list[UncheckedRule] = []
        try:
            try:
                ctx = open_context(source, engine, options.policy, options.findings)
            except SourceUnreachable as exc:  # the others are still enforced; this one is a gap (exit 3)
                report.coverage.sources.append(unreachable(source, exc))
                continue
            builder = TargetBuilder(
                options.policy,
                ctx.tables,
                ctx.catalog,
                own(ctx, missing),
                move=enforcement.separate_storage_url is not None,
            )
            targets = builder.targets()
            for target in targets:  # a table without a primary key cannot be batched: say so before anything
                if target.action != "blocked":
                    ctx.catalog.primary_key(target.table_name)
            lines = [_line(ctx, t, *count(ctx, t, today)) for t in targets]
            report.warnings += _unindexed_references(
                ctx, [t for t, x in zip(targets, lines, strict=True) if x.action == "delete" and x.rows]
            )
            if apply and pseudonymizer is not None:
                log = DestructionLog(source.schema_, enforcement.log_table, pseudonymizer)
                log.ensure(engine)
                report.log_tables.append(f"{source.name}: {log.table.fullname}")
                batch = BatchContext(
                    engine,
                    ctx.catalog,
                    source.name,
                    options.run_id,
                    enforcement.batch_rows,
                    log,
                    storage,
                    options.on_batch,
                )
                for target, line in zip(targets, lines, strict=True):
                    line.done = run_target(batch, target)
                for target, line in zip(targets, lines, strict=True):
                    line.remaining = count(ctx, target, today)[0] if target.action != "blocked" else line.rows
            report.lines.extend(lines)
            report.not_enforced += [m.reason for m in missing]
            report.coverage.sources.append(reached(ctx, missing, exempt=kind == "retention"))
        finally:
            engine.dispose()
    if storage is not None:
        if kind == "retention" and pseudonymizer is not None:
            report.lines.append(_purge(storage, enforcement, pseudonymizer, options))
        storage.engine.dispose()
    report.coverage.settle()
    report.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
    return report


def _purge(
    storage: SeparateStorage,
    enforcement: EnforcementConfig,
    pseudonymizer: Pseudonymizer,
    options: RunOptions,
) -> TargetLine:
    """Destroy what separate storage holds past its hold (plus the deadline), logged in that database."""
    today = options.day()
    before = today - timedelta(days=options.policy.destruction_deadline_days)
    log = DestructionLog(None, enforcement.log_table, pseudonymizer)
    log.ensure(storage.engine)
    rows = storage.count_expired(before)
    done = storage.purge_expired(before, log, enforcement.batch_rows, options.run_id)
    return TargetLine(
        source="separate-storage",
        table=STORAGE_TABLE,
        record_type="*",
        rule="storage.expired",
        action="delete",
        policy_ref=options.policy.destruction_ref,
        detail=f"kept parts whose legal hold ended before {before.isoformat()}",
        rows=rows,
        done=done,
        remaining=storage.count_expired(before),
    )
