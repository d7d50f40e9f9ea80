"""deid_report.json (schema_version 1) and processing_record.json (PIPA Art. 28-4): written contracts."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION: Literal[1] = 1


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Risk(_Model):
    """Prosecutor re-identification risk: 1 / (patients in the record's class).

    ``records_at_risk`` is the share of output records whose risk exceeds the spec's ``risk_threshold``.
    """

    prosecutor_max: float
    prosecutor_avg: float
    records_at_risk: float


class QIUtility(_Model):
    """One quasi-identifier in the output.

    ``levels``: share of output rows at each level; ``suppressed``: share of input rows whose value is gone
    (``*`` or the row removed); ``overlapping_categories``: pairs of output categories where one contains the
    other (``20-24`` beside ``20-29``), always 0 under global recoding (``lattice``).
    """

    levels: dict[str, float]
    suppressed: float
    overlapping_categories: int


class Classification(_Model):
    """How well the quasi-identifiers predict a sensitive attribute (naive Bayes, 70/30 split).

    ``relative``: (output - baseline) / (input - baseline), the share of the input's predictive power kept.
    """

    input_accuracy: float
    output_accuracy: float
    baseline_accuracy: float
    relative: float


class Crosstab(_Model):
    """A quasi-identifier x sensitive cross-tabulation, input against output, at the output's common level.

    ``level``: the coarsest level the output uses other than ``*`` (rows at ``*`` or suppressed are not in
    the output's table); ``*`` only when the whole column is.

    ``total_variation``: half the L1 distance of the two joint distributions (0: the same table).
    """

    quasi_identifier: str
    sensitive: str
    level: str
    cells: int
    total_variation: float


class Utility(_Model):
    """What the data lost, and what a study can still draw from it.

    ``information_loss``: weighted mean loss per quasi-identifier cell in [0, 1] (suppressed rows count 1;
    each column weighs its ``weight``); ``discernibility``: sum of squared class sizes plus suppressed rows
    times the input size; ``average_class_size``: output rows per equivalence class.
    """

    information_loss: float
    discernibility: int
    average_class_size: float = 0.0
    weights: dict[str, float] = Field(default_factory=dict)
    per_quasi_identifier: dict[str, QIUtility] = Field(default_factory=dict)
    overlapping_categories: int = 0
    classification: dict[str, Classification] = Field(default_factory=dict)
    crosstabs: list[Crosstab] = Field(default_factory=list)


class ResidualFinding(_Model):
    """Something the scanner noticed in the output that does not block it (a name-only hint, a hash shape)."""

    column: str
    entity: str
    hits: int
    found_by: str
    note: str


class Underived(_Model):
    """A quasi-identifier that came out empty for rows whose input had a value (not derived from it).

    ``rows``: such rows; ``share``: their share of the input rows; ``source``: the input column.
    """

    source: str
    rows: int
    share: float


class DeidReport(_Model):
    """deid_report.json: what was done to the dataset and what it achieved.

    ``max_suppression``: the suppression budget (the spec's share of input rows the search may remove).
    """

    schema_version: Literal[1] = SCHEMA_VERSION
    rows_in: int
    rows_out: int
    suppressed_rows: int
    max_suppression: float
    k_target: int
    k_achieved: int
    l_target: int | None
    l_achieved: int | None
    t_target: float | None
    t_achieved: float | None
    quasi_identifiers: list[str]
    sensitive_attributes: list[str]
    dropped: list[str]
    pseudonymized: list[str]
    redacted: list[str]
    generalization: dict[str, str]
    risk: Risk
    utility: Utility
    residual_findings: list[ResidualFinding] = Field(default_factory=list)
    free_text: dict[str, dict[str, int]] = Field(default_factory=dict)
    underived: dict[str, Underived] = Field(default_factory=dict)
    max_underived: float = 0.01

    def not_derived(self) -> list[str]:
        """One line per quasi-identifier empty for more than ``max_underived`` of the rows (incomplete)."""
        return [
            f"quasi-identifier '{column}': no value could be derived from '{u.source}' for {u.rows} of "
            f"{self.rows_in} rows ({u.share:.0%}); the dataset holds them as empty — fix the input or its "
            "'from'/'hierarchy' in deid.yaml, or raise post_checks.max_underived if that is acceptable"
            for column, u in self.underived.items()
            if u.share > self.max_underived
        ]


class RecordItem(_Model):
    """One item (column) of the dataset and the method applied to it."""

    column: str
    source_column: str
    role: str
    method: str
    description: str | None = None


class ProcessingRecord(_Model):
    """The record PIPA Art. 28-4(3) asks for, kept 3 years or more after the pseudonymized data are destroyed.

    ``key_reference`` names where the additional information (the key) is kept, never the key itself.
    """

    schema_version: Literal[1] = SCHEMA_VERSION
    purpose: str
    recipient: str
    processing_period: dict[str, str]
    items: list[RecordItem]
    methods: list[str]
    privacy_models: dict[str, float | int | None]
    operator: str
    performed_at: str
    source: str
    key_reference: str | None
    legal_basis: list[str]
    dataset_sha256: str | None = None
