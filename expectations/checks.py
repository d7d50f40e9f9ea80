"""Run the policy's checks on the scanned tables and turn the validation results into violations.

One GX context serves the whole run. Each table with a mapped record type gets a suite of row checks
(retention, consent withdrawal, under-age sign-ups) validated where its data lives: in the database through
a read-only SQL data source, or on the export's DataFrame. All detections together form one inventory that
a second suite checks against the policy's declarations (security, collection, inventory, consignment).
A table whose checks cannot run yields a ``CheckError`` and the others go on.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

import pandas as pd
import sqlalchemy as sa
from great_expectations.expectations.expectation import Expectation
from sqlalchemy.exc import NoSuchTableError

from expectations.frame_checks import frame_expectation, prepare_frame
from expectations.gx_run import GxSession, Outcome, SourceUnavailable, redact
from expectations.inventory import (
    INVENTORY_RESULT_FORMAT,
    build_inventory,
    inventory_suite,
    scoped_inventory,
)
from expectations.inventory_findings import inventory_violations
from expectations.model import (
    CheckError,
    CheckOptions,
    CheckOutcome,
    FrameTable,
    Lang,
    SqlTable,
    TableCheckInput,
)
from expectations.plan import MinorsCheck, OtherTables, RowCheck, TablePlan, plan_table
from expectations.sql_checks import sql_expectation
from expectations.sql_dialect import UnsupportedSql, column_forms, dialect_for
from expectations.violations import make_violation, sort_violations
from policy.schema import Policy

log = logging.getLogger(__name__)


class _Run:
    """The state of one run: the GX session, and what has been found so far."""

    def __init__(self, policy: Policy, options: CheckOptions) -> None:
        self.policy = policy
        self.options = options
        self.lang: Lang = options.lang or policy.language
        self.gx = GxSession(options.data_docs_dir, run_name=f"clinicscan {options.today.isoformat()}")
        self.outcome = CheckOutcome()

    def error(self, inp: TableCheckInput, message: str, column: str | None = None) -> None:
        self.outcome.errors.append(CheckError(inp.source, inp.table, column, message))

    def record(
        self, inp: TableCheckInput, checks: Sequence[RowCheck | MinorsCheck], outcomes: dict[str, Outcome]
    ) -> None:
        for check in checks:
            outcome = outcomes.get(check.key, Outcome(error="no result"))
            if outcome.error is not None:
                self.error(
                    inp,
                    f"source '{inp.source}', table '{inp.table}': the {check.rule} check could not "
                    f"run: {outcome.error}",
                )
                continue
            if not outcome.count:
                continue
            facts = replace(check.facts, count=outcome.count)
            violation, texts = make_violation(
                check.rule, inp.source, facts, check.categories, check.ref, (self.policy, self.lang)
            )
            self.outcome.violations.append(violation)
            self.outcome.messages[violation.id] = texts

    def sql_table(self, inp: TableCheckInput, data: SqlTable) -> None:
        name = data.name or inp.table
        engine = self.gx.sql_engine(inp.source, data.url)
        try:
            forms = column_forms(engine, name, data.schema)
        except NoSuchTableError:
            where = f"schema '{data.schema}'" if data.schema else "the default schema"
            self.error(
                inp,
                f"source '{inp.source}': table '{name}' was not found in {where}; check the table name "
                "and the source's schema in scan.yaml.",
            )
            return
        inspector = sa.inspect(engine)
        others = OtherTables(
            [*inspector.get_table_names(schema=data.schema), *inspector.get_view_names(schema=data.schema)],
            lambda other: column_forms(engine, other, data.schema),
        )
        plan = plan_table(self.policy, inp, list(forms), self.options.today, others)
        self.outcome.errors.extend(plan.errors)
        self.outcome.not_applicable.extend(plan.not_applicable)
        if not plan.checks:
            return
        dialect = dialect_for(engine)
        runnable: list[RowCheck | MinorsCheck] = []
        expectations: list[Expectation] = []
        for check in plan.checks:
            try:
                expectations.append(sql_expectation(check, forms, dialect, data.schema))
                runnable.append(check)
            except UnsupportedSql as exc:
                self.error(
                    inp,
                    f"source '{inp.source}', table '{inp.table}': the {check.rule} check cannot run: {exc}",
                )
        if runnable:
            outcomes = self.gx.validate_sql(
                inp.source, data.url, (data.schema, name), expectations, inp.table
            )
            self.record(inp, runnable, outcomes)

    def frame_table(self, inp: TableCheckInput, data: FrameTable) -> None:
        columns = [str(c) for c in data.frame.columns]
        plan: TablePlan = plan_table(self.policy, inp, columns, self.options.today)
        self.outcome.errors.extend(plan.errors)
        self.outcome.not_applicable.extend(plan.not_applicable)
        if not plan.checks:
            return
        frame = data.frame.copy()
        frame.columns = pd.Index(columns)
        prepared = prepare_frame(frame, plan.checks)
        outcomes = self.gx.validate_frame(
            (inp.source, inp.table), prepared, [frame_expectation(c) for c in plan.checks]
        )
        self.record(inp, plan.checks, outcomes)

    def table(self, inp: TableCheckInput) -> None:
        if inp.mapping is None or inp.mapping.record_type is None:
            return  # no record type, no row rule: the inventory covers the table
        try:
            if isinstance(inp.data, SqlTable):
                self.sql_table(inp, inp.data)
            elif isinstance(inp.data, FrameTable):
                self.frame_table(inp, inp.data)
            else:
                self.error(
                    inp,
                    f"source '{inp.source}', table '{inp.table}': no data was given to check the "
                    "retention, consent and under-age rules on; only the detections were checked.",
                )
        except SourceUnavailable as exc:
            self.error(inp, str(exc))
        except Exception as exc:  # one table's failure must not stop the others
            log.warning("policy checks failed on %s/%s", inp.source, inp.table, exc_info=False)
            self.error(
                inp,
                f"source '{inp.source}', table '{inp.table}': the policy checks failed "
                f"({type(exc).__name__}: {redact(str(exc))}).",
            )

    def inventory(self, tables: Sequence[TableCheckInput]) -> None:
        frame, errors = build_inventory(self.policy, tables)
        self.outcome.errors.extend(errors)
        expectations, checks = inventory_suite(self.policy)
        outcomes = self.gx.validate_frame(
            ("clinicscan", "inventory"),
            scoped_inventory(frame, checks),
            expectations,
            result_format=INVENTORY_RESULT_FORMAT,
        )
        violations, messages, inv_errors = inventory_violations(
            self.policy, frame, checks, outcomes, self.lang
        )
        self.outcome.violations.extend(violations)
        self.outcome.messages.update(messages)
        self.outcome.errors.extend(inv_errors)


def run_policy_checks(
    policy: Policy, tables: Sequence[TableCheckInput], options: CheckOptions
) -> CheckOutcome:
    """Check every table against the policy.

    Returns the violations found, the checks that could not run (each naming what to fix), and the Data
    Docs index; one table's failure never stops the others.

    Args:
        policy: the policy to check against.
        tables: the scanned tables, with their column map entries, detections and data handles.
        options: the day of the scan, the Data Docs folder and the message language.

    """
    run = _Run(policy, options)
    for inp in tables:
        run.table(inp)
    run.inventory(tables)
    run.outcome.violations = sort_violations(run.outcome.violations)
    run.outcome.checked_at = datetime.now(UTC)
    try:
        run.outcome.data_docs_index = run.gx.build_docs()
    except OSError as exc:
        run.outcome.errors.append(
            CheckError(
                "*",
                "*",
                None,
                f"the GX Data Docs could not be written to "
                f"{options.data_docs_dir}: {exc.strerror}; check the folder.",
            )
        )
    return run.outcome
