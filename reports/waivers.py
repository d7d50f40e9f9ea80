"""Waivers: the data team accepts a finding for a while, with a reason, an owner and an expiry date.

A waiver names one violation by ``id``, or a group by ``match`` (rule + source + table, optionally a
column). It holds up to and including its ``expires`` day; from the next day the finding is open again
and the report says the waiver expired, so an acceptance can never quietly become permanent.

File format (YAML)::

    waivers:
      - id: 3f2a9c1e0b7d
        reason: Legacy table, migration ticket DATA-142
        owner: kim.minji@clinic.example
        expires: 2025-09-30
      - match: {rule: inventory.unmapped, source: emr, table: tmp_import_2023}
        reason: Being deleted with the import tool
        owner: data-team
        expires: 2025-07-31
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from reports.findings import Findings, Violation


class WaiverError(Exception):
    """The waiver file is invalid: the message names the file, the entry and what to fix (exit code 2)."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class WaiverScope(_Model):
    """Which violations a ``match`` waiver covers; without ``column`` it covers the whole table."""

    rule: str = Field(min_length=1)
    source: str = Field(min_length=1)
    table: str = Field(min_length=1)
    column: str | None = None

    def covers(self, violation: Violation) -> bool:
        """Tell whether the violation is of this rule, source and table (and column, if given)."""
        return (
            violation.rule == self.rule
            and violation.source == self.source
            and violation.table == self.table
            and (self.column is None or violation.column == self.column)
        )


class Waiver(_Model):
    """One accepted finding (by ``id``) or group of findings (by ``match``)."""

    id: str | None = Field(default=None, min_length=1)
    match: WaiverScope | None = None
    reason: str = Field(min_length=1)
    owner: str = Field(min_length=1)
    expires: date

    @model_validator(mode="after")
    def _one_target(self) -> Waiver:
        if (self.id is None) == (self.match is None):
            raise ValueError("give exactly one of 'id' (one violation) or 'match' (rule, source, table)")
        return self

    def covers(self, violation: Violation) -> bool:
        """Tell whether this waiver names the violation, by id or by match."""
        if self.id is not None:
            return violation.id == self.id
        return self.match is not None and self.match.covers(violation)

    def active_on(self, day: date) -> bool:
        """Tell whether the waiver holds on ``day``: up to and including the expiry day."""
        return day <= self.expires

    def describe(self) -> str:
        """Return a short label for reports: the id, or ``rule source/table/column``."""
        if self.id is not None:
            return self.id
        assert self.match is not None
        where = "/".join(p for p in (self.match.source, self.match.table, self.match.column) if p)
        return f"{self.match.rule} {where}"


class _WaiverFile(_Model):
    waivers: list[dict[str, Any]] = Field(default_factory=list)


@dataclass(frozen=True)
class WaivedViolation:
    """A violation together with the waiver that covers it; ``expired`` when the waiver no longer holds."""

    violation: Violation
    waiver: Waiver
    expired: bool = False


def _entry_label(index: int, entry: Any) -> str:
    if isinstance(entry, dict):
        if entry.get("id"):
            return f"waivers[{index}] (id {entry['id']})"
        if isinstance(entry.get("match"), dict):
            scope = entry["match"]
            return f"waivers[{index}] (match {scope.get('rule', '?')} {scope.get('table', '?')})"
    return f"waivers[{index}]"


def _field_problem(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"])
    if err["type"] in {"missing", "string_too_short"} or (where and err.get("input") is None):
        return f"'{where}' is missing or empty"
    if where == "expires":
        return f"'expires' must be a date written YYYY-MM-DD ({err['msg']})"
    return f"'{where}': {err['msg']}" if where else err["msg"]


def parse_waivers(data: Any, origin: str) -> list[Waiver]:
    """Validate parsed YAML; ``origin`` (the file name) is named in every error.

    Raises:
        WaiverError: the top level is not ``waivers: [...]`` or an entry lacks reason, owner or expiry.

    """
    if data is None or data == {"waivers": None}:
        return []
    try:
        doc = _WaiverFile.model_validate(data)
    except ValidationError:
        raise WaiverError(
            f"{origin}: expected a mapping with one key 'waivers' holding a list of entries "
            "(see docs/reports.md, 'Waivers')"
        ) from None
    waivers: list[Waiver] = []
    for index, entry in enumerate(doc.waivers):
        try:
            waivers.append(Waiver.model_validate(entry))
        except ValidationError as exc:
            raise WaiverError(
                f"{origin}: {_entry_label(index, entry)}: {_field_problem(exc)}; every waiver needs "
                "'id' or 'match', a 'reason', an 'owner' and an 'expires' date (YYYY-MM-DD)"
            ) from None
    return waivers


def load_waivers(path: Path) -> list[Waiver]:
    """Read and validate a waiver file.

    Raises:
        WaiverError: the file is missing, not YAML, or an entry is invalid.

    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise WaiverError(
            f"{path}: cannot read the waiver file ({exc.strerror}); fix the 'waivers' path "
            "in scan.yaml or create the file"
        ) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise WaiverError(f"{path}: not valid YAML: {exc}") from None
    return parse_waivers(data, str(path))


def match_waivers(
    violations: Sequence[Violation], waivers: Sequence[Waiver], today: date
) -> list[WaivedViolation]:
    """Pair each violation with the waiver that decides it: an active one if any, else an expired one."""
    matched: list[WaivedViolation] = []
    for v in violations:
        covering = [w for w in waivers if w.covers(v)]
        if not covering:
            continue
        active = [w for w in covering if w.active_on(today)]
        if active:
            matched.append(WaivedViolation(v, max(active, key=lambda w: w.expires)))
        else:
            matched.append(WaivedViolation(v, max(covering, key=lambda w: w.expires), expired=True))
    return matched


def apply_waivers(
    findings: Findings, waivers: Sequence[Waiver], today: date
) -> tuple[list[Violation], list[WaivedViolation]]:
    """Split the scan's violations into those still open and those an active waiver accepts.

    A violation whose only waivers have expired is open again; ``expired_waivers`` lists those so the
    report can say the acceptance ran out.
    """
    waived = [m for m in match_waivers(findings.violations, waivers, today) if not m.expired]
    waived_ids = {m.violation.id for m in waived}
    return [v for v in findings.violations if v.id not in waived_ids], waived


def expired_waivers(findings: Findings, waivers: Sequence[Waiver], today: date) -> list[WaivedViolation]:
    """Return the open violations a waiver used to accept, each with the waiver that expired."""
    return [m for m in match_waivers(findings.violations, waivers, today) if m.expired]
