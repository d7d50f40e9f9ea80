"""What an enforcement run reports: per table and rule, what was (or would be) destroyed, and why.

The same model serves the dry run (``applied`` false: ``rows`` is what would be changed) and ``--apply``
(``done`` is what was changed, ``remaining`` what still matches afterwards: 0 unless rows changed under
the run). It holds counts, table and column names, rules and dates: never a personal value.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from reports.coverage import Coverage

Action = Literal["delete", "erase", "move", "detach", "blocked"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TargetLine(_Model):
    """One table, rule and action.

    Attributes:
        source: the source name.
        table: the table.
        record_type: the policy record type the rows belong to.
        rule: ``retention.<event>``, ``consent.withdrawal``, ``subject.erasure``, ``cascade.<parent>``,
            ``detach.<parent>``, ``hold.<child>``, ``blocked.<child>``, ``storage.expired``.
        action: ``delete`` rows; ``erase`` columns in place (keeping what the law keeps); ``move`` the kept
            part to separate storage and erase it here; ``detach`` (set a reference NULL); ``blocked``
            (kept: a table outside the column map refers to the rows).
        policy_ref: the policy section the rule rests on.
        legal_basis: law ids (policy/law.yaml) of the rule.
        detail: the rule in words.
        rows: rows matching before the run.
        oldest_days: age in days of the oldest matching row's clock (how late the destruction is).
        done: rows changed by ``--apply`` (None in a dry run).
        remaining: rows still matching after ``--apply`` (None in a dry run).
        erased_columns / kept_columns / not_erasable / detached_columns: the columns involved.

    """

    source: str
    table: str
    record_type: str
    rule: str
    action: Action
    policy_ref: str
    legal_basis: list[str] = Field(default_factory=list)
    detail: str = ""
    rows: int
    oldest_days: int | None = None
    done: int | None = None
    remaining: int | None = None
    erased_columns: list[str] = Field(default_factory=list)
    kept_columns: list[str] = Field(default_factory=list)
    not_erasable: list[str] = Field(default_factory=list)
    detached_columns: list[str] = Field(default_factory=list)


class KeptRecords(_Model):
    """Rows about a person that a law keeps despite an erasure request, and until when."""

    source: str
    table: str
    record_type: str
    rows: int
    legal_basis: list[str] = Field(default_factory=list)
    cited_ko: list[str] = Field(default_factory=list)
    cited_en: list[str] = Field(default_factory=list)
    held_by: list[str] = Field(default_factory=list)
    policy_ref: str
    kept_items: list[str] = Field(default_factory=list)
    until: date | None = None


class Exemption(_Model):
    """A rule the column map says does not apply to a table (``not_applicable``): not enforced there."""

    source: str
    table: str
    rule: str
    reason: str


class EnforcementReport(_Model):
    """A retention or erasure run: its lines, warnings, and where the destruction log is.

    ``not_enforced`` names the rules that could not be applied to a table (no clock column mapped): the run
    is incomplete (exit code 3), which a plain warning would not say.
    """

    kind: Literal["retention", "erasure"]
    run_id: str
    policy_id: str
    policy_version: str
    today: date
    deadline_days: int
    started_at: str
    finished_at: str
    applied: bool
    lines: list[TargetLine] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    not_enforced: list[str] = Field(default_factory=list)
    log_tables: list[str] = Field(default_factory=list)
    separate_storage: str | None = None
    kept: list[KeptRecords] = Field(default_factory=list)
    not_applicable: list[Exemption] = Field(default_factory=list)
    coverage: Coverage = Field(default_factory=Coverage)
    """What the run could not look at (a source down, a rule without its clock): each makes it incomplete."""

    def total(self, field: Literal["rows", "done", "remaining"] = "rows") -> int:
        """Sum a count over the lines that change data (``blocked`` lines change nothing)."""
        return sum(getattr(line, field) or 0 for line in self.lines if line.action != "blocked")
