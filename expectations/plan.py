"""Which row rules apply to a table, on which columns, with which cut-off dates: backend-neutral plans.

A plan is built from the policy, the table's column map entry, the detections and the columns the table
really has. Every column the map names is checked against those columns first, so that a typo in scan.yaml
becomes an error naming the field and the columns there are, never a check that silently finds nothing
(SQLite even reads an unknown double-quoted name as a string literal).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from expectations import rules as r
from expectations.column_map import BOOKKEEPING_ROLES, ClockFrom, TableMapping
from expectations.messages import ClockRule, Facts
from expectations.model import CheckError, NotApplicable, TableCheckInput
from policy.schema import Policy, RecordType

RRN_ENTITIES = frozenset({"KR_RRN", "KR_FRN"})


@dataclass(frozen=True)
class RemoteClock:
    """A clock kept in another table (``clock_from``): the latest ``column`` of ``table``.

    The rows read are those whose ``their_key`` equals this table's ``key``.
    """

    table: str
    column: str
    form: str
    key: str
    their_key: str


@dataclass(frozen=True)
class ClockTest:
    """Rows whose ``column`` (playing ``role``) holds a day before ``cutoff`` are past the deadline.

    With ``remote`` the day is the latest one in another table, and ``column`` names this table's key.
    """

    role: str
    column: str
    cutoff: date
    remote: RemoteClock | None = None


@dataclass(frozen=True)
class OtherTables:
    """The other tables of the table's source, for ``clock_from``: their names, and their columns' forms.

    ``forms`` gives column -> how it stores a day (``date``, ``text``, ``integer``) of a table in ``names``.
    """

    names: Sequence[str]
    forms: Callable[[str], Mapping[str, str]]


@dataclass(frozen=True)
class RowCheck:
    """Count rows past any of ``clocks`` that still hold personal data (any of ``personal`` not null).

    ``personal`` empty means the detectors found no personal column: every such row counts.
    """

    key: str
    rule: str
    ref: str
    clocks: tuple[ClockTest, ...]
    personal: tuple[str, ...]
    facts: Facts
    categories: tuple[str, ...]


@dataclass(frozen=True)
class MinorsCheck:
    """Count rows of people under ``age_below`` at sign-up whose ``guardian`` column is empty."""

    key: str
    ref: str
    birth: str
    birth_is_rrn: bool
    signup: str
    guardian: str
    age_below: int
    facts: Facts
    categories: tuple[str, ...]

    @property
    def rule(self) -> str:
        """The rule this check enforces."""
        return r.MINORS_NO_GUARDIAN_CONSENT


@dataclass
class TablePlan:
    """The row checks for one table and the column-map problems found while planning them."""

    checks: list[RowCheck | MinorsCheck] = field(default_factory=list)
    errors: list[CheckError] = field(default_factory=list)
    not_applicable: list[NotApplicable] = field(default_factory=list)


def resolve_column(name: str, columns: Sequence[str]) -> str | None:
    """Find the table's column ``name`` refers to: exact match, else the one match ignoring case."""
    if name in columns:
        return name
    folded = [c for c in columns if c.casefold() == name.casefold()]
    return folded[0] if len(folded) == 1 else None


def missing_column_message(inp: TableCheckInput, field_name: str, name: str, columns: Sequence[str]) -> str:
    """Say which column-map field names a column the table lacks, and what the table has."""
    hint = difflib.get_close_matches(name, list(columns), n=1)
    did_you_mean = f"; did you mean '{hint[0]}'?" if hint else ""
    shown = ", ".join(columns[:40]) + (", ..." if len(columns) > 40 else "")
    return (
        f"source '{inp.source}', table '{inp.table}': {field_name} names column '{name}', which the table "
        f"does not have (columns: {shown}){did_you_mean} Fix "
        f"sources[{inp.source}].tables.{inp.table}.{field_name} in scan.yaml."
    )


def table_categories(policy: Policy, inp: TableCheckInput, record_type: RecordType | None) -> tuple[str, ...]:
    """List the categories the detectors found in the table, else the ones its record type declares."""
    found = sorted({c for d in inp.detections for e in d.entity_names for c in policy.categories_of(e)})
    if found or record_type is None:
        return tuple(found)
    return tuple(record_type.categories)


class _Planner:
    """Builds the plan of one table; one instance per table."""

    def __init__(
        self,
        policy: Policy,
        inp: TableCheckInput,
        columns: Sequence[str],
        today: date,
        others: OtherTables | None,
    ) -> None:
        self.policy, self.inp, self.columns, self.today = policy, inp, list(columns), today
        self.others = others
        self.plan = TablePlan()
        self.roles: dict[str, str] = {}
        assert inp.mapping is not None
        self.mapping: TableMapping = inp.mapping

    @property
    def where(self) -> str:
        return f"source '{self.inp.source}', table '{self.inp.table}'"

    def error(self, message: str, column: str | None = None, why: str | None = None, **args: str) -> None:
        error = CheckError(self.inp.source, self.inp.table, column, message, why, tuple(args.items()))
        self.plan.errors.append(error)

    def applies(self, rule: str) -> bool:
        """Whether ``rule`` applies; if the map says it does not, note it with the map's reason."""
        if self.mapping.applies(rule):
            return True
        reason = self.mapping.not_applicable[rule]
        self.plan.not_applicable.append(NotApplicable(self.inp.source, self.inp.table, rule, reason))
        return False

    def remote_clock(self, event: str, spec: ClockFrom) -> RemoteClock | None:
        """Resolve ``clock_from.<event>`` against the source's tables; None (and an error) if it cannot."""
        field_name = f"clock_from.{event}"
        fix = f"sources[{self.inp.source}].tables.{self.inp.table}.{field_name} in scan.yaml"
        if self.others is None:
            self.error(
                f"{self.where}: {field_name} reads the clock from table '{spec.table}', but this source is "
                "not a database, so that clock was not checked; give the file its own clock column "
                f"(roles.{event}) or mark the rule not_applicable.retention.{event} with a reason."
            )
            return None
        key = resolve_column(spec.key, self.columns)
        if key is None:
            message = missing_column_message(self.inp, f"{field_name}.key", spec.key, self.columns)
            self.error(message, spec.key)
            return None
        table = resolve_column(spec.table, self.others.names)
        if table is None:
            hint = difflib.get_close_matches(spec.table, list(self.others.names), n=1)
            did_you_mean = f" (did you mean '{hint[0]}'?)" if hint else ""
            self.error(
                f"{self.where}: {field_name}.table names table '{spec.table}', which source "
                f"'{self.inp.source}' does not have{did_you_mean}; fix {fix}."
            )
            return None
        forms = self.others.forms(table)
        names = list(forms)
        found: dict[str, str] = {}
        for part, name in (("column", spec.column), ("other_key", spec.their_key)):
            actual = resolve_column(name, names)
            if actual is None:
                hint = difflib.get_close_matches(name, names, n=1)
                did_you_mean = f"; did you mean '{hint[0]}'?" if hint else ""
                self.error(
                    f"{self.where}: {field_name}.{part} names column '{name}', which table '{table}' does "
                    f"not have (columns: {', '.join(names[:40])}){did_you_mean} Fix {fix}.",
                    name,
                )
                return None
            found[part] = actual
        return RemoteClock(table, found["column"], forms[found["column"]], key, found["other_key"])

    def check_relations(self, rt: RecordType) -> None:
        """Report clock_from and not_applicable entries naming a clock the record type does not have."""
        events = {rule.event for rule in rt.retention}
        named: list[tuple[str, str]] = [(f"clock_from.{e}", e) for e in self.mapping.clock_from]
        named += [
            (f"not_applicable.{k}", k.removeprefix("retention."))
            for k in self.mapping.not_applicable
            if k.startswith("retention.") and k != r.RETENTION_OVERDUE
        ]
        for field_name, event in named:
            if event not in events:
                self.error(
                    f"{self.where}: {field_name} names the {event} clock, but record type '{rt.id}' keeps "
                    f"no data after {event} (its clocks: {', '.join(sorted(events)) or 'none'}); fix "
                    f"sources[{self.inp.source}].tables.{self.inp.table}.{field_name} in scan.yaml."
                )

    def resolve_mapping(self) -> None:
        mapping = self.inp.mapping
        assert mapping is not None
        for role, name in mapping.roles.items():
            actual = resolve_column(name, self.columns)
            if actual is None:
                self.error(missing_column_message(self.inp, f"roles.{role}", name, self.columns), name)
            else:
                self.roles[role] = actual
        for name in mapping.encrypted:
            if resolve_column(name, self.columns) is None:
                self.error(missing_column_message(self.inp, "encrypted", name, self.columns), name)

    def personal_columns(self) -> tuple[str, ...]:
        skip = {c for role, c in self.roles.items() if role in BOOKKEEPING_ROLES}
        found = []
        for d in self.inp.detections:
            actual = resolve_column(d.column, self.columns)
            if d.entities and actual is not None and actual not in skip:
                found.append(actual)
        return tuple(dict.fromkeys(found))

    def retention(self, rt: RecordType, categories: tuple[str, ...]) -> None:
        if not rt.retention or not self.applies(r.RETENTION_OVERDUE):
            return
        deadline = self.today - timedelta(days=self.policy.destruction_deadline_days)
        clocks: list[ClockTest] = []
        shown: list[ClockRule] = []
        refs: list[str] = []
        for rule in rt.retention:
            if not self.applies(f"retention.{rule.event}"):
                continue
            cut = rule.period.before(deadline)
            spec = self.mapping.clock_from.get(rule.event)
            if spec is not None:
                remote = self.remote_clock(rule.event, spec)
                if remote is None:
                    continue
                clocks.append(ClockTest(rule.event, remote.key, cut, remote))
                shown.append(ClockRule(rule.event, rule.period, f"{remote.table}.{remote.column}"))
                refs.append(rule.ref)
                continue
            column = self.roles.get(rule.event)
            if column is None:
                if rule.event not in self.mapping.roles:
                    self.error(
                        f"{self.where}: record type '{rt.id}' keeps "
                        f"data {rule.period} after {rule.event} (policy {rule.ref}), but the column map "
                        f"names no roles.{rule.event} column, so that rule was not checked; add "
                        f"roles.{rule.event}: <column> (or clock_from.{rule.event}, or "
                        f"not_applicable.retention.{rule.event}: <why>) to "
                        f"sources[{self.inp.source}].tables.{self.inp.table} in scan.yaml.",
                        why="no_clock",
                        record_type=rt.id,
                        event=rule.event,
                    )
                continue
            clocks.append(ClockTest(rule.event, column, cut))
            shown.append(ClockRule(rule.event, rule.period, column))
            refs.append(rule.ref)
        if not clocks:
            return
        facts = Facts(
            table=self.inp.table,
            record_type=rt.id,
            clock_rules=tuple(shown),
            days=self.policy.destruction_deadline_days,
        )
        self.plan.checks.append(
            RowCheck(
                key=r.RETENTION_OVERDUE,
                rule=r.RETENTION_OVERDUE,
                ref=", ".join(dict.fromkeys(refs)),
                clocks=tuple(clocks),
                personal=self.personal_columns(),
                facts=facts,
                categories=categories,
            )
        )

    def consent(self, rt: RecordType, categories: tuple[str, ...]) -> None:
        column = self.roles.get("withdrawal")
        if column is None or rt.legal_hold or not self.applies(r.CONSENT_WITHDRAWN_RETAINED):
            return
        days = self.policy.consent_withdrawal.destroy_within_days
        personal = self.personal_columns()
        facts = Facts(
            table=self.inp.table, role_column=column, record_type=rt.id, days=days, columns=personal
        )
        self.plan.checks.append(
            RowCheck(
                key=r.CONSENT_WITHDRAWN_RETAINED,
                rule=r.CONSENT_WITHDRAWN_RETAINED,
                ref=self.policy.consent_withdrawal.ref,
                clocks=(ClockTest("withdrawal", column, self.today - timedelta(days=days)),),
                personal=personal,
                facts=facts,
                categories=categories,
            )
        )

    def minors(self, categories: tuple[str, ...]) -> None:
        mapping = self.mapping
        if "guardian_consent" not in mapping.roles or not self.applies(r.MINORS_NO_GUARDIAN_CONSENT):
            return
        guardian = self.roles.get("guardian_consent")
        birth = self.roles.get("birth_date")
        signup = self.roles.get("signup") or self.roles.get("creation")
        where = f"source '{self.inp.source}', table '{self.inp.table}'"
        if "birth_date" not in mapping.roles or not ({"signup", "creation"} & set(mapping.roles)):
            self.error(
                f"{where}: the column map names guardian_consent but not both birth_date and signup (or "
                "creation), so the under-age check cannot tell who was a child at sign-up; add them to "
                f"sources[{self.inp.source}].tables.{self.inp.table}.roles in scan.yaml."
            )
            return
        if guardian is None or birth is None or signup is None:
            return  # already reported as a missing column
        if any(resolve_column(e, [birth]) for e in mapping.encrypted):
            self.error(
                f"{where}: roles.birth_date names '{birth}', which is listed as encrypted, so no birth date "
                "can be read from it; map roles.birth_date to a date-of-birth column.",
                birth,
            )
            return
        is_rrn = any(
            set(d.entity_names) & RRN_ENTITIES
            for d in self.inp.detections
            if resolve_column(d.column, [birth]) is not None
        )
        age = self.policy.minors.age_below
        facts = Facts(table=self.inp.table, role_column=guardian, age=age)
        self.plan.checks.append(
            MinorsCheck(
                key=r.MINORS_NO_GUARDIAN_CONSENT,
                ref=self.policy.minors.ref,
                birth=birth,
                birth_is_rrn=is_rrn,
                signup=signup,
                guardian=guardian,
                age_below=age,
                facts=facts,
                categories=categories,
            )
        )

    def build(self) -> TablePlan:
        mapping = self.inp.mapping
        if mapping is None or mapping.record_type is None:
            return self.plan
        self.resolve_mapping()
        rt = self.policy.record_type(mapping.record_type)
        if rt is None:
            known = ", ".join(x.id for x in self.policy.record_types)
            self.error(
                f"source '{self.inp.source}', table '{self.inp.table}': record_type '{mapping.record_type}' "
                f"is not a record type of policy '{self.policy.id}' (record types: {known}); fix "
                f"sources[{self.inp.source}].tables.{self.inp.table}.record_type in scan.yaml."
            )
            return self.plan
        self.check_relations(rt)
        categories = table_categories(self.policy, self.inp, rt)
        self.retention(rt, categories)
        self.consent(rt, categories)
        self.minors(categories)
        return self.plan


def plan_table(
    policy: Policy,
    inp: TableCheckInput,
    columns: Sequence[str],
    today: date,
    others: OtherTables | None = None,
) -> TablePlan:
    """Plan the row checks that apply to one table, with the column-map errors found on the way.

    Args:
        policy: the policy the checks come from.
        inp: the table, its column map entry and its detections.
        columns: the columns the table really has.
        today: the day of the scan; cut-off dates are computed from it in calendar arithmetic.
        others: the other tables of a database source, where ``clock_from`` clocks live; None for a
            file, whose ``clock_from`` entries are then reported as not checked.

    """
    if inp.mapping is None or inp.mapping.record_type is None:
        return TablePlan()
    return _Planner(policy, inp, columns, today, others).build()
