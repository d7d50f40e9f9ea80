"""Erasure on request (PIPA Art. 36): destroy what may be destroyed, explain what a law keeps.

Rows of record types without a legal hold are deleted (with the rows that belong to them, children
first). Rows under a legal hold (medical records under the Medical Service Act) cannot be erased on request
while the hold runs: they are reduced to the items the law keeps (``kept_items``) — or moved to separate
storage when one is configured — and the report says which law keeps them and until when. Held rows whose
hold has already ended are deleted like the rest. The same batches, log and rerun safety as retention.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import sqlalchemy as sa

from enforce.access import cite
from enforce.clocks import cutoff
from enforce.connect import SourceContext
from enforce.holds import clock_passed, keep_of, rows_end
from enforce.inputs import ConfigLike
from enforce.model import EnforcementReport, KeptRecords
from enforce.runner import RunOptions, run
from enforce.search import FoundTable, SubjectSearch
from enforce.tables import MappedTable
from enforce.targets import Own, Reason, not_true
from policy.law import Law
from policy.schema import Policy
from reports.coverage import UncheckedRule


def _keys(table: MappedTable, found: FoundTable) -> sa.ColumnElement[bool]:
    pk = list(table.table.primary_key.columns)
    if len(pk) == 1:
        return pk[0].in_([k[0] for k in found.keys])
    return sa.tuple_(*pk).in_(found.keys)


def erasure_selection(
    search: SubjectSearch, policy: Policy, options: RunOptions
) -> Callable[[SourceContext, list[UncheckedRule]], Callable[[MappedTable], list[Own]]]:
    """Make the per-table selections of an erasure: the found rows, split by legal hold."""
    today = options.day()
    rights = policy.subject_rights

    def for_source(ctx: SourceContext, missing: list[UncheckedRule]) -> Callable[[MappedTable], list[Own]]:
        del missing

        def own(table: MappedTable) -> list[Own]:
            found = search.found.get((ctx.name, table.name))
            if found is None or not found.keys:
                return []
            rt = table.record_type
            where = _keys(table, found)
            reason = Reason(
                "subject.erasure",
                rt.id,
                rights.ref,
                tuple(rights.legal_basis),
                "erased on the data subject's request",
            )
            if not table.held:
                return [Own(reason, where)]
            clocks = [
                clock_passed(table, r.event, cutoff(r.period, today, 0), ctx.fragments, ctx.engine.dialect)
                for r in rt.retention
            ]
            past = [c.where for c in clocks if c is not None]
            ended = sa.or_(*past) if past else sa.false()
            until = rows_end(table, found.rows)
            kept = Reason(
                f"hold.{rt.id}",
                rt.id,
                rt.ref,
                tuple(dict.fromkeys(b for r in rt.retention for b in r.legal_basis)),
                f"kept under legal hold until {until.isoformat() if until else 'its clock starts'}; "
                f"only {', '.join(rt.kept_items) or 'nothing'} is kept",
            )
            return [
                Own(reason, sa.and_(where, ended)),
                Own(kept, sa.and_(where, not_true(ended)), minimize=True),
            ]

        return own

    return for_source


def kept_records(search: SubjectSearch, law: Law | None, today: date) -> list[KeptRecords]:
    """For every table whose rows about the person a legal hold keeps: which law, which items, until when."""
    out = []
    for found in search.found.values():
        keep = keep_of(found.table, found.rows, search.holders(found), today)
        if keep is None:
            continue
        holders = [found.table] if found.table.held else []
        holders += [t for t, _ in search.holders(found)]
        items = list(dict.fromkeys(i for t in holders for i in t.record_type.kept_items))
        out.append(
            KeptRecords(
                source=found.source,
                table=found.table.name,
                record_type=found.table.record_type.id,
                rows=len(found.rows),
                legal_basis=list(keep.legal_basis),
                cited_ko=cite(list(keep.legal_basis), law, "ko"),
                cited_en=cite(list(keep.legal_basis), law, "en"),
                held_by=list(keep.held_by),
                policy_ref=found.table.record_type.ref,
                kept_items=items,
                until=keep.until,
            )
        )
    return out


def plan_erasure(
    config: ConfigLike, search: SubjectSearch, options: RunOptions, law: Law | None = None
) -> EnforcementReport:
    """Say what erasing the person's data would delete, reduce and keep (read-only).

    Args:
        config: scan.yaml (``flows.config.ScanConfig``).
        search: what ``find_subject`` found about the person.
        options: policy, findings, day, sources.
        law: the legal knowledge base, to name the laws that keep records.

    """
    report = run(config, options, "erasure", erasure_selection(search, options.policy, options), apply=False)
    report.kept = kept_records(search, law, options.day())
    return report


def apply_erasure(
    config: ConfigLike, search: SubjectSearch, options: RunOptions, law: Law | None = None
) -> EnforcementReport:
    """Carry the erasure out with the writer credentials, in logged batches (safe to kill and rerun)."""
    report = run(config, options, "erasure", erasure_selection(search, options.policy, options), apply=True)
    report.kept = kept_records(search, law, options.day())
    return report
