"""The column map: which policy record type a table holds, and which columns carry what the rules need.

Besides its own columns (``roles``), a table can name relations the database may not declare: where a
retention clock lives in another table (``clock_from``: a guardian's account lives as long as the
child's), which columns refer to rows of another table (``references``, counted like foreign keys), and
which row rule does not apply to it, with the reason (``not_applicable``), so that a rule left out on
purpose is reported as such and never as one that could not be checked.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# Roles a column can play for the policy checks. The clock events match the policy's retention rules.
ClockEvent = Literal["creation", "last_login", "withdrawal", "event_end", "last_visit"]
CLOCK_EVENTS: tuple[str, ...] = ClockEvent.__args__  # type: ignore[attr-defined]
Role = Literal[
    "creation",
    "last_login",
    "withdrawal",
    "event_end",
    "last_visit",
    "birth_date",
    "signup",
    "guardian_consent",
    "subject_key",
]
ROLES: tuple[str, ...] = Role.__args__  # type: ignore[attr-defined]
# Roles whose column is a date, a flag or the link to the person, not personal data about the subject:
# the checks do not count it as personal data kept, and destruction never erases it.
BOOKKEEPING_ROLES: frozenset[str] = frozenset(ROLES) - {"birth_date"}

# Row rules a table can be exempted from: a whole rule, or one retention clock (``retention.last_login``).
# The ids are the findings.json rule ids (expectations.rules), spelled out so that this module imports
# nothing of ours beyond itself.
ROW_RULES: tuple[str, ...] = (
    "retention.overdue",
    "consent.withdrawn_retained",
    "minors.no_guardian_consent",
)
NOT_APPLICABLE_KEYS: tuple[str, ...] = (*ROW_RULES, *(f"retention.{e}" for e in CLOCK_EVENTS))


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ColumnRef(_Model):
    """A column of another table of the same source, as ``table.column`` (``patients.PT_NO``)."""

    table: str
    column: str

    @classmethod
    def parse(cls, text: str) -> ColumnRef:
        """Read ``table.column``; the last dot splits, so a table name may itself contain dots."""
        table, dot, column = text.rpartition(".")
        if not dot or not table or not column:
            raise ValueError(f"'{text}' is not table.column (for example patients.patient_id)")
        return cls(table=table, column=column)

    def __str__(self) -> str:
        return f"{self.table}.{self.column}"


class ClockFrom(_Model):
    """A retention clock kept in another table: the latest ``column`` among its rows matching the key.

    Attributes:
        table: the table holding the clock (``visits``).
        column: its date column (``visit_date``); the latest day among the matching rows is the clock.
        key: the column of *this* table that identifies the person or record (``patient_id``).
        other_key: the matching column of ``table``; the same name as ``key`` when left out.

    A row with no matching row has no clock (not overdue), as a NULL clock column has none.

    """

    table: str
    column: str
    key: str
    other_key: str | None = None

    @property
    def their_key(self) -> str:
        """The column of ``table`` compared with ``key``."""
        return self.other_key or self.key


class TableMapping(_Model):
    """How one table relates to the policy.

    Attributes:
        record_type: the id of a record type in the policy (``member``, ``medical_record``); None marks a
            table that holds no personal data on purpose (a lookup table).
        roles: role -> column name, e.g. ``{"last_login": "last_login_at", "birth_date": "birth_dt"}``.
        encrypted: columns stored encrypted at rest (ciphertext), so they are not plaintext secrets.
        clock_from: clock event -> where its clock lives in another table, for an event the table has no
            column of its own for (``{"last_login": {"table": "members", "key": "member_id", ...}}``).
        references: column -> ``table.column`` it refers to, where the database declares no foreign key;
            enforcement follows them exactly as it follows foreign keys.
        not_applicable: rule id (or ``retention.<event>``) -> why it does not apply to this table; the
            rule is not checked or enforced here, and reports list it with the reason.

    """

    record_type: str | None
    roles: dict[Role, str] = Field(default_factory=dict)
    encrypted: list[str] = Field(default_factory=list)
    clock_from: dict[ClockEvent, ClockFrom] = Field(default_factory=dict)
    references: dict[str, ColumnRef] = Field(default_factory=dict)
    not_applicable: dict[str, str] = Field(default_factory=dict)

    @field_validator("references", mode="before")
    @classmethod
    def _parse_references(cls, value: object) -> object:
        if isinstance(value, dict):
            return {k: ColumnRef.parse(v) if isinstance(v, str) else v for k, v in value.items()}
        return value

    @field_validator("not_applicable")
    @classmethod
    def _known_rules(cls, value: dict[str, str]) -> dict[str, str]:
        for rule, reason in value.items():
            if rule not in NOT_APPLICABLE_KEYS:
                raise ValueError(f"'{rule}' is not a row rule; use one of {', '.join(NOT_APPLICABLE_KEYS)}")
            if not reason.strip():
                raise ValueError(f"not_applicable.{rule} needs a reason a reviewer can check")
        return value

    @model_validator(mode="after")
    def _one_clock_each(self) -> TableMapping:
        for event in self.clock_from:
            if event in self.roles:
                raise ValueError(
                    f"the {event} clock is given twice, as roles.{event} and clock_from.{event}; keep one"
                )
        for rule in self.not_applicable:
            clock = rule.removeprefix("retention.")
            if clock in self.roles or clock in self.clock_from:
                raise ValueError(
                    f"not_applicable.{rule} contradicts the {clock} clock the table names; drop one of them"
                )
        return self

    def serialized(self) -> dict[str, Any]:
        """Give the entry as scan.yaml writes it: defaults left out, references as ``table.column``."""
        data = self.model_dump(mode="json", exclude_defaults=True)
        if self.references:
            data["references"] = {k: str(v) for k, v in self.references.items()}
        for clock in data.get("clock_from", {}).values():
            if clock.get("other_key") is None:
                clock.pop("other_key", None)
        return data

    def applies(self, rule: str) -> bool:
        """Whether ``rule`` (a rule id or ``retention.<event>``) applies to the table."""
        return rule not in self.not_applicable
