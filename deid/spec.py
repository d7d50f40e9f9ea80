"""deid.yaml: what to de-identify, for whom and why, each column's role, and the privacy targets.

Unknown keys are errors (a typo must never silently keep a column as it is), every error names the file and
the field, and every source column must be given a role: an unmentioned column is an error, not a
pass-through.
"""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from deid.errors import DeidSpecError
from deid.hierarchies import get_hierarchy, hierarchy_names
from deid.keys import DEFAULT_KEY_ENV
from policy.errors import ConfigFileError, problems_from
from policy.yaml_file import YamlDocument, load_yaml_model, validate

Role = Literal["direct_identifier", "linkage_key", "quasi_identifier", "sensitive", "free_text", "keep"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class SourceSpec(_Model):
    """A database (``url`` + ``table`` or ``query``) or an export file (``path``: CSV, XLSX, Parquet...)."""

    url: str | None = None
    table: str | None = None
    schema_: str | None = Field(default=None, alias="schema")
    query: str | None = None
    path: Path | None = None
    sheet: str | None = None

    @model_validator(mode="after")
    def _one_location(self) -> SourceSpec:
        if (self.url is None) == (self.path is None):
            raise ValueError("give exactly one of 'url' (a database) or 'path' (an export file)")
        if self.url is not None and (self.table is None) == (self.query is None):
            raise ValueError("with 'url', give exactly one of 'table' or 'query'")
        return self


class ProcessingPeriod(_Model):
    """How long the recipient may process the dataset (PIPA Art. 28-4(2)); destroy it after ``end``."""

    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> ProcessingPeriod:
        if self.end < self.start:
            raise ValueError("'end' is before 'start'")
        return self


class ColumnSpec(_Model):
    """One output column: its role, its input column (``from``) and, for a quasi-identifier, its hierarchy.

    Attributes:
        role: direct_identifier (dropped), linkage_key (HMAC pseudonym), quasi_identifier (generalized),
            sensitive (kept; protected by l-diversity / t-closeness), free_text (names, phones, RRNs...
            redacted), keep (as is).
        from_: the input column when it differs from the output name (``age`` from ``rrn``).
        hierarchy: a registered hierarchy name (quasi-identifiers only).
        min_level / max_level: the levels the search may use (name or index; default: all, up to suppressed).
        weight: quasi-identifiers only: how much this column's detail counts in the information loss the
            search minimises (default 1); give the attributes the study is about a higher weight, or list
            them in the spec's ``priority`` instead (which sets their weights; not both for one column).
        options: the hierarchy's own options.
        distance: how t-closeness measures a sensitive attribute: ``equal`` (categorical) or ``ordinal``.
        shift_days: shift dates by a keyed per-patient offset within +/- this many days (date columns).
        entities: free text only: the entities to redact (default: every entity the analyzer finds).
        description: what the column holds, for the processing record.

    """

    role: Role
    from_: str | None = Field(default=None, alias="from")
    hierarchy: str | None = None
    min_level: int | str | None = None
    max_level: int | str | None = None
    weight: float | None = Field(default=None, gt=0, le=1000)
    options: dict[str, Any] = Field(default_factory=dict)
    distance: Literal["equal", "ordinal"] = "equal"
    shift_days: int | None = Field(default=None, gt=0, le=3650)
    entities: list[str] | None = None
    description: str | None = None

    @model_validator(mode="after")
    def _hierarchy_fits_role(self) -> ColumnSpec:
        if self.role == "quasi_identifier":
            if self.hierarchy is None:
                raise ValueError(
                    f"a quasi_identifier needs 'hierarchy' (one of: {', '.join(hierarchy_names())})"
                )
            h = get_hierarchy(self.hierarchy)
            if h is None:
                raise ValueError(
                    f"unknown hierarchy '{self.hierarchy}' (one of: {', '.join(hierarchy_names())})"
                )
            try:
                h.Options.model_validate(self.options)
            except ValidationError as exc:
                problem = problems_from(exc, h.Options)[0]
                raise ValueError(f"options.{problem.path}: {problem.message}") from None
            lo, hi = self.level_range()
            if lo > hi:
                raise ValueError(f"min_level '{self.min_level}' is above max_level '{self.max_level}'")
        elif (
            self.hierarchy is not None
            or self.options
            or self.min_level is not None
            or self.max_level is not None
            or self.weight is not None
        ):
            raise ValueError(
                "'hierarchy', 'options', 'min_level', 'max_level' and 'weight' are for quasi_identifier "
                "columns"
            )
        if self.entities is not None and self.role != "free_text":
            raise ValueError("'entities' is for free_text columns")
        if self.shift_days is not None and self.role not in ("quasi_identifier", "keep"):
            raise ValueError(
                "'shift_days' is for date columns with role quasi_identifier (hierarchy date) or keep"
            )
        if self.shift_days is not None and self.role == "quasi_identifier" and self.hierarchy != "date":
            raise ValueError("'shift_days' needs hierarchy 'date'")
        return self

    def level_range(self) -> tuple[int, int]:
        """(lowest, highest) level index the search may use; the highest is the suppressed top by default."""
        h = get_hierarchy(self.hierarchy or "")
        if h is None:
            return (0, 0)
        names = h.all_level_names()

        def index(level: int | str | None, default: int, field: str) -> int:
            if level is None:
                return default
            if isinstance(level, int):
                if not 0 <= level < len(names):
                    raise ValueError(f"{field} {level} is out of range 0..{len(names) - 1}")
                return level
            if level not in names:
                raise ValueError(
                    f"{field} '{level}' is not a level of '{h.name}' (levels: {', '.join(names)})"
                )
            return names.index(level)

        return index(self.min_level, 0, "min_level"), index(self.max_level, len(names) - 1, "max_level")

    def hierarchy_options(self) -> Any:
        """Return the validated options model of the hierarchy."""
        h = get_hierarchy(self.hierarchy or "")
        assert h is not None
        return h.Options.model_validate(self.options)


class PrivacyTargets(_Model):
    """k-anonymity (per patient), distinct l-diversity and t-closeness, and how to reach them.

    ``method``: ``lattice`` (default, global recoding) finds the one level per column with the least weighted
    information loss, suppressing at most ``max_suppression`` of the rows, so every column has one set of
    non-overlapping categories a statistician can tabulate; ``mondrian`` (local recoding) refines each class
    along the hierarchies as far as the models allow, so classes get different levels (``20-24`` beside
    ``20-29``: the report counts these overlapping categories) and no row is suppressed; ``auto`` runs both
    and keeps the one that loses less.
    """

    method: Literal["mondrian", "lattice", "auto"] = "lattice"

    k: int = Field(default=10, ge=2)
    l: int | None = Field(default=None, ge=2)  # noqa: E741 - the model's name in the literature
    t: float | None = Field(default=None, gt=0, le=1)
    max_suppression: float = Field(default=0.05, ge=0, le=1)
    risk_threshold: float = Field(default=0.2, gt=0, le=1)


class PseudonymOptions(_Model):
    """Where the key comes from and what pseudonyms look like."""

    key_env: str = Field(default=DEFAULT_KEY_ENV, pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    length: int = Field(default=64, ge=16, le=64)
    namespace: str = ""


class OutputOptions(_Model):
    """``csv``: also write dataset.csv (UTF-8 with BOM, for Korean Excel); ``language`` of the HTML page."""

    csv: bool = False
    language: Literal["ko", "en"] = "ko"


class PostCheckOptions(_Model):
    """How many distinct values per column the scanner post-check examines (it runs a full NLP pipeline).

    ``max_underived``: the share of rows whose quasi-identifier may come out empty although its input has a
    value (an address without a 시·도, an unparsable date) before the run counts as incomplete (exit 3).
    """

    scan_values: int = Field(default=2000, gt=0)
    max_underived: float = Field(default=0.01, ge=0, le=1)


class DeidSpec(_Model):
    """The whole deid.yaml.

    ``priority`` lists the quasi-identifiers the study is about, most important first; it is sugar for
    ``weight`` (see ``weight_of``): each listed column weighs 1 plus the weights of every quasi-identifier
    after it in the list and of every unlisted one, so losing it entirely costs the search more than losing
    all of those entirely. A listed column may not also give ``weight``.
    """

    version: Literal[1] = 1
    source: SourceSpec
    purpose: str = Field(min_length=1)
    recipient: str = Field(min_length=1)
    processing_period: ProcessingPeriod
    operator: str = Field(min_length=1)
    patient_key: str | None = None
    columns: dict[str, ColumnSpec] = Field(min_length=1)
    priority: list[str] = Field(default_factory=list)
    privacy: PrivacyTargets = Field(default_factory=PrivacyTargets)
    pseudonym: PseudonymOptions = Field(default_factory=PseudonymOptions)
    output: OutputOptions = Field(default_factory=OutputOptions)
    post_checks: PostCheckOptions = Field(default_factory=PostCheckOptions)

    @model_validator(mode="after")
    def _consistent(self) -> DeidSpec:
        if not self.quasi_identifiers:
            raise ValueError("columns: no quasi_identifier; k-anonymity needs at least one")
        if (self.privacy.l is not None or self.privacy.t is not None) and not self.sensitive_attributes:
            raise ValueError(
                "privacy: 'l' and 't' protect sensitive columns but no column has role 'sensitive'"
            )
        problems = self._priority_problems()
        if problems:
            raise ValueError("\n".join(problems))
        if self.patient_key is not None:
            owners = [
                n
                for n, c in self.columns.items()
                if self.input_of(n) == self.patient_key and c.role in ("linkage_key", "direct_identifier")
            ]
            if not owners:
                raise ValueError(
                    f"patient_key '{self.patient_key}' must be a column with role linkage_key or "
                    "direct_identifier"
                )
        return self

    def _priority_problems(self) -> list[str]:
        """``priority[1]: ...`` lines: unknown or non-QI columns (nearest QI named), repeats, weight too."""
        problems, seen = [], set()
        for i, name in enumerate(self.priority):
            where = f"priority[{i}]"
            col = self.columns.get(name)
            if name in seen:
                problems.append(f"{where}: '{name}' is listed twice; keep one")
            elif col is None:
                close = difflib.get_close_matches(name, self.quasi_identifiers, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                problems.append(
                    f"{where}: '{name}' is not a column of 'columns'{hint} (quasi-identifiers: "
                    f"{', '.join(self.quasi_identifiers)})"
                )
            elif col.role != "quasi_identifier":
                problems.append(
                    f"{where}: '{name}' has role {col.role}; only quasi_identifier columns are generalised "
                    f"(quasi-identifiers: {', '.join(self.quasi_identifiers)})"
                )
            elif col.weight is not None:
                problems.append(
                    f"{where}: '{name}' also gives 'weight' (columns.{name}.weight); priority sets its "
                    "weight, so give one of them"
                )
            seen.add(name)
        return problems

    def weight_of(self, column: str) -> float:
        """Return the weight a quasi-identifier's loss counts with: its ``weight``, or its priority's.

        Unlisted columns weigh their ``weight`` (default 1). Listed ones, from the last to the first, weigh 1
        plus the sum of every weight below them: with five quasi-identifiers and ``priority: [procedure,
        visit_date]``, the three others weigh 1, ``visit_date`` 4 and ``procedure`` 8.
        """
        unlisted = [q for q in self.quasi_identifiers if q not in self.priority]
        below = sum(self.columns[q].weight or 1.0 for q in unlisted)
        if column in unlisted:
            return self.columns[column].weight or 1.0
        for name in reversed(self.priority):
            weight = 1.0 + below
            if name == column:
                return weight
            below += weight
        raise KeyError(column)

    def input_of(self, column: str) -> str:
        """Return the input column an output column is made from."""
        return self.columns[column].from_ or column

    def by_role(self, role: Role) -> list[str]:
        """Output columns with this role, in file order."""
        return [n for n, c in self.columns.items() if c.role == role]

    @property
    def quasi_identifiers(self) -> list[str]:
        """Output names of the quasi-identifiers."""
        return self.by_role("quasi_identifier")

    @property
    def sensitive_attributes(self) -> list[str]:
        """Output names of the sensitive attributes."""
        return self.by_role("sensitive")

    @property
    def needs_key(self) -> bool:
        """True when some column is pseudonymized or date-shifted."""
        return bool(self.by_role("linkage_key")) or any(c.shift_days for c in self.columns.values())


def parse_spec(data: object, origin: str = "deid.yaml") -> DeidSpec:
    """Validate an already-parsed deid.yaml mapping (no lines are known: each problem names its field).

    Raises:
        DeidSpecError: ``<origin>: columns.age.hierarchy: <problem>``, one line per problem.

    """
    doc = YamlDocument(shown=origin, data=data if isinstance(data, dict) else {})
    if not isinstance(data, dict):
        raise DeidSpecError(f"{origin}: the de-identification spec must be a YAML mapping of keys")
    try:
        return validate(doc, DeidSpec)
    except ConfigFileError as exc:
        raise DeidSpecError(str(exc)) from None


def load_spec(path: Path) -> DeidSpec:
    """Read, expand ``${VAR}`` and validate deid.yaml (``policy.yaml_file``: every problem with its line).

    A relative source path is taken from the file's folder.

    Raises:
        DeidSpecError: ``deid.yaml:LINE: field.path: problem``, one line per problem.

    """
    try:
        spec, _ = load_yaml_model(path, str(path), DeidSpec, "de-identification spec")
    except ConfigFileError as exc:
        raise DeidSpecError(str(exc)) from None
    if spec.source.path is not None and not spec.source.path.is_absolute():
        spec.source.path = (path.parent / spec.source.path).resolve()
    return spec
