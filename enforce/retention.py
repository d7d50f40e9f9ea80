"""Retention enforcement: every record past its retention period plus the destruction deadline, destroyed.

The rows chosen are exactly those the scan's ``retention.overdue`` counts (the same cut-off dates, the same
reading of text and integer dates), plus withdrawn members past the consent-withdrawal deadline for
tables whose record type has no withdrawal rule of its own. Record types under a legal hold are not
destroyed on withdrawal: they are reduced to the items the policy keeps (``kept_items``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from enforce.clocks import before, cutoff
from enforce.connect import SourceContext
from enforce.holds import clock_passed
from enforce.inputs import ConfigLike
from enforce.model import EnforcementReport
from enforce.runner import RunOptions, run
from enforce.tables import MappedTable
from enforce.targets import Own, Reason
from expectations.rules import CONSENT_WITHDRAWN_RETAINED, RETENTION_OVERDUE
from policy.schema import Policy
from reports.coverage import UncheckedRule


def retention_selection(
    policy: Policy, options: RunOptions
) -> Callable[[SourceContext, list[UncheckedRule]], Callable[[MappedTable], list[Own]]]:
    """Make the per-table retention selections of a run (one ``Own`` per rule with a clock column)."""
    today = options.day()

    def for_source(ctx: SourceContext, missing: list[UncheckedRule]) -> Callable[[MappedTable], list[Own]]:
        dialect = ctx.engine.dialect

        def own(table: MappedTable) -> list[Own]:
            rt = table.record_type
            out: list[Own] = []
            mapping = table.mapping
            for rule in rt.retention if mapping.applies(RETENTION_OVERDUE) else ():
                if not mapping.applies(f"retention.{rule.event}"):
                    continue
                day = cutoff(rule.period, today, policy.destruction_deadline_days)
                past = clock_passed(table, rule.event, day, ctx.fragments, dialect)
                if past is None:
                    missing.append(
                        UncheckedRule(
                            table=table.name,
                            rule=f"retention.{rule.event}",
                            reason=f"source '{ctx.name}', table '{table.name}': record type '{rt.id}' keeps "
                            f"data {rule.period} after {rule.event} (policy {rule.ref}), but the column map "
                            f"names no roles.{rule.event} column, so that rule is not enforced; add "
                            f"roles.{rule.event}: <column> (or clock_from.{rule.event}) to "
                            f"sources[{ctx.name}].tables.{table.name} in scan.yaml",
                            why="no_clock",
                            args={"record_type": rt.id, "event": rule.event},
                        )
                    )
                    continue
                reason = Reason(
                    f"retention.{rule.event}",
                    rt.id,
                    rule.ref,
                    tuple(rule.legal_basis),
                    f"{rule.period} after {rule.event} ({past.shown}) + {policy.destruction_deadline_days} "
                    f"days: {rule.event} before {day.isoformat()}",
                )
                out.append(Own(reason, past.where, clock=past.column))
            withdrawal = table.roles.get("withdrawal")
            consent = mapping.applies(CONSENT_WITHDRAWN_RETAINED)
            if consent and withdrawal is not None and not any(r.event == "withdrawal" for r in rt.retention):
                cw = policy.consent_withdrawal
                day = today - timedelta(days=cw.destroy_within_days)
                clock = table.table.c[withdrawal]
                kept = "reduced to the items the law keeps" if table.held else "destroyed"
                reason = Reason(
                    "consent.withdrawal",
                    rt.id,
                    cw.ref,
                    tuple(cw.legal_basis),
                    f"withdrawn ({withdrawal}) before {day.isoformat()}: {kept}",
                )
                out.append(
                    Own(reason, before(clock, day, ctx.fragments, dialect), minimize=table.held, clock=clock)
                )
            return out

        return own

    return for_source


def plan_retention(config: ConfigLike, options: RunOptions) -> EnforcementReport:
    """Count what retention enforcement would destroy, per table and rule; changes nothing (read-only).

    Args:
        config: scan.yaml (``flows.config.ScanConfig``).
        options: policy, latest findings, day, sources.

    Raises:
        EnforceError: a source cannot be read or its column map does not fit its tables.

    """
    return run(config, options, "retention", retention_selection(options.policy, options), apply=False)


def apply_retention(config: ConfigLike, options: RunOptions) -> EnforcementReport:
    """Destroy what ``plan_retention`` counts, in logged batches, with the enforcement writer credentials.

    Safe to kill and rerun: the selection is recomputed from the data, so a rerun finishes the job
    without destroying anything twice.

    Raises:
        EnforceError: no writer URL or pseudonymization key is configured, or a source cannot be opened.

    """
    return run(config, options, "retention", retention_selection(options.policy, options), apply=True)
