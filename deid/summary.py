"""What the chosen generalization did, in the report's terms: levels per column and deid_report.json."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from deid.encode import EncodedQI
from deid.metrics import Achieved
from deid.privacy import SearchData
from deid.report import DeidReport, ResidualFinding, Risk, Underived, Utility
from deid.search import SearchResult
from deid.spec import DeidSpec
from deid.utility import classification, crosstabs, per_qi


def level_shares(qis: list[EncodedQI], result: SearchResult, kept: np.ndarray) -> dict[str, dict[str, float]]:
    """Share of output rows at each level, per quasi-identifier (one level at 100% with ``lattice``)."""
    shares = {}
    for index, qi in enumerate(qis):
        levels = result.levels_of(index, kept)
        used, counts = np.unique(levels, return_counts=True)
        total = max(len(levels), 1)
        shares[qi.column] = {
            qi.level_names[int(lv)]: round(int(c) / total, 4) for lv, c in zip(used, counts, strict=True)
        }
    return shares


def level_patterns(qis: list[EncodedQI], result: SearchResult, kept: np.ndarray) -> dict[str, str]:
    """Per quasi-identifier, a pattern every output value must match: one of the used levels' patterns."""
    patterns = {}
    for index, qi in enumerate(qis):
        used = np.unique(result.levels_of(index, kept)) if len(kept) else np.array([result.node[index]])
        patterns[qi.column] = "|".join(f"(?:{qi.patterns[int(lv)]})" for lv in used)
    return patterns


def describe_levels(shares: dict[str, float], names: tuple[str, ...]) -> str:
    """One level's name, or ``finest..coarsest`` when classes got different levels."""
    used = sorted(shares, key=names.index)
    return used[0] if len(used) == 1 else f"{used[0]}..{used[-1]}"


@dataclass(frozen=True)
class ReportInput:
    """Everything deid_report.json is made from: the spec, what the search chose and what it achieved.

    Attributes:
        spec: the validated deid.yaml.
        data: the search's input: the encoded quasi-identifiers (levels, labels, weights) and sensitive
            attributes, for the per-column figures, the classification metric and the cross-tabulations.
        result: the search's chosen generalization and classes.
        achieved: the privacy and risk of the kept classes.
        rows_in: rows of the input table.
        residual: the scanner post-check's non-blocking findings.
        free_text: per free-text column, the dates, ages and regions found, generalised and removed.
        underived: per quasi-identifier, the rows whose input had a value it could not be derived from.

    """

    spec: DeidSpec
    data: SearchData
    result: SearchResult
    achieved: Achieved
    rows_in: int
    residual: list[ResidualFinding] = field(default_factory=list)
    free_text: dict[str, dict[str, int]] = field(default_factory=dict)
    underived: dict[str, Underived] = field(default_factory=dict)


def build_report(inp: ReportInput) -> DeidReport:
    """deid_report.json's content."""
    spec, qis, result, got, rows_in = inp.spec, inp.data.qis, inp.result, inp.achieved, inp.rows_in
    shares = level_shares(qis, result, got.kept_rows)
    columns = per_qi(qis, result, got.kept_rows, rows_in)
    kept_classes = result.classes.rows[~result.classes.failing]
    consumed = {spec.input_of(n) for n in spec.columns if spec.input_of(n) != n} - set(spec.columns)
    return DeidReport(
        rows_in=rows_in,
        rows_out=len(got.kept_rows),
        suppressed_rows=result.suppressed_rows,
        max_suppression=spec.privacy.max_suppression,
        k_target=spec.privacy.k,
        k_achieved=got.k,
        l_target=spec.privacy.l,
        l_achieved=got.l,
        t_target=spec.privacy.t,
        t_achieved=None if got.t is None else round(got.t, 6),
        quasi_identifiers=spec.quasi_identifiers,
        sensitive_attributes=spec.sensitive_attributes,
        dropped=[*spec.by_role("direct_identifier"), *sorted(consumed)],
        pseudonymized=spec.by_role("linkage_key"),
        redacted=spec.by_role("free_text"),
        generalization={q.column: describe_levels(shares[q.column], q.level_names) for q in qis},
        risk=Risk(
            prosecutor_max=round(got.prosecutor_max, 6),
            prosecutor_avg=round(got.prosecutor_avg, 6),
            records_at_risk=round(got.records_at_risk, 6),
        ),
        utility=Utility(
            information_loss=round(result.information_loss, 6),
            discernibility=got.discernibility,
            average_class_size=round(float(kept_classes.mean()), 2) if len(kept_classes) else 0.0,
            weights={q.column: q.weight for q in qis},
            per_quasi_identifier=columns,
            overlapping_categories=sum(c.overlapping_categories for c in columns.values()),
            classification=classification(inp.data, result, got.kept_rows),
            crosstabs=crosstabs(inp.data, result, got.kept_rows),
        ),
        residual_findings=inp.residual,
        free_text=inp.free_text,
        underived=inp.underived,
        max_underived=spec.post_checks.max_underived,
    )
