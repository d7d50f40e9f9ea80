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


class Utility(_Model):
    """What the data lost.

    ``information_loss``: mean loss per quasi-identifier cell in [0, 1] (suppressed rows count 1);
    ``discernibility``: sum of squared class sizes plus suppressed rows times the input size.
    """

    information_loss: float
    discernibility: int


class ResidualFinding(_Model):
    """Something the scanner noticed in the output that does not block it (a name-only hint, a hash shape)."""

    column: str
    entity: str
    hits: int
    found_by: str
    note: str


class DeidReport(_Model):
    """deid_report.json: what was done to the dataset and what it achieved."""

    schema_version: Literal[1] = SCHEMA_VERSION
    rows_in: int
    rows_out: int
    suppressed_rows: int
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
