"""Turn the source table into search input: quasi-identifiers coded per level, sensitive attributes coded."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from deid.encode import EncodedQI, encode_qi
from deid.errors import DeidSpecError
from deid.hierarchies import Hierarchy, PrepareContext, get_hierarchy
from deid.privacy import SensitiveCodes
from deid.report import Underived
from deid.spec import DeidSpec


def check_columns(spec: DeidSpec, columns: list[str], origin: str) -> None:
    """Every source column has a role and every input the spec names exists.

    Raises:
        DeidSpecError: naming the columns and what to add to deid.yaml.

    """
    used = {spec.input_of(name) for name in spec.columns}
    for c in spec.columns.values():
        opts = c.options
        if isinstance(opts.get("at"), str):
            used.add(opts["at"])
    missing = sorted(used - set(columns))
    if missing:
        raise DeidSpecError(
            f"{origin}: columns {missing} named in deid.yaml are not in the source "
            f"(it has: {', '.join(columns)})"
        )
    unassigned = [c for c in columns if c not in used and c not in spec.columns]
    if unassigned:
        raise DeidSpecError(
            f"{origin}: source columns {unassigned} have no role in deid.yaml 'columns'; give each one "
            "(direct_identifier to drop it, keep to pass it through) so nothing leaves unreviewed"
        )


def patient_series(spec: DeidSpec, frame: pd.DataFrame) -> pd.Series | None:
    """Return the patient key of each row, or None without ``patient_key``."""
    return frame[spec.patient_key] if spec.patient_key else None


def encode_quasi_identifiers(
    spec: DeidSpec, frame: pd.DataFrame, key: bytes | None, reference_date: date | None = None
) -> list[EncodedQI]:
    """Compute every quasi-identifier's bottom values and code all its levels."""
    patients = patient_series(spec, frame)
    encoded = []
    for name in spec.quasi_identifiers:
        col = spec.columns[name]
        hierarchy = get_hierarchy(col.hierarchy or "")
        assert hierarchy is not None
        options = col.hierarchy_options()
        ctx = PrepareContext(
            frame=frame,
            source=spec.input_of(name),
            output=name,
            options=options,
            reference_date=reference_date or spec.processing_period.start,
            key=key,
            patients=patients,
            shift_days=col.shift_days,
        )
        if hierarchy.elementwise(options, col.shift_days):
            bottom = _prepare_distinct(hierarchy, ctx)
        else:
            bottom = hierarchy.prepare(ctx).reset_index(drop=True)
        encoded.append(encode_qi(name, hierarchy, options, bottom, col.level_range(), spec.weight_of(name)))
    return encoded


def underived(spec: DeidSpec, frame: pd.DataFrame, qis: list[EncodedQI], origin: str) -> dict[str, Underived]:
    """Name each quasi-identifier that came out empty for rows whose input has a value, with how many.

    Such a row would otherwise pass as generalized while the column says nothing (an address without a 시·도
    gives no region). A column derived from none of its values is a wrong ``from`` or ``hierarchy``.

    Raises:
        DeidSpecError: a quasi-identifier could be derived from none of its input's values.

    """
    found = {}
    for qi in qis:
        source = spec.input_of(qi.column)
        present = frame[source].notna().to_numpy()
        empty = qi.codes[0] == len(qi.labels[0]) - 1  # the bottom level's last code is the missing value
        rows = int((present & empty).sum())
        if rows and rows == int(present.sum()):
            raise DeidSpecError(
                f"{origin}: columns.{qi.column}: hierarchy '{qi.hierarchy}' gives no value for any of the "
                f"{rows} rows of '{source}' — check that '{source}' holds what '{qi.hierarchy}' needs "
                "(docs/deidentification.md lists each hierarchy's input), or give the column another 'from'"
            )
        if rows:
            found[qi.column] = Underived(source=source, rows=rows, share=round(rows / max(len(frame), 1), 4))
    return found


def _prepare_distinct(hierarchy: Hierarchy, ctx: PrepareContext) -> pd.Series:
    """Run ``prepare`` on the distinct input values only and spread the result back over the rows."""
    codes, uniques = pd.factorize(ctx.values, use_na_sentinel=True)
    small = PrepareContext(
        frame=pd.DataFrame({ctx.source: pd.Series(uniques)}),
        source=ctx.source,
        output=ctx.output,
        options=ctx.options,
        reference_date=ctx.reference_date,
    )
    bottom = hierarchy.prepare(small).reset_index(drop=True)
    missing = pd.Series([pd.NA], dtype=bottom.dtype) if len(bottom) else pd.Series([pd.NA])
    table = pd.concat([bottom, missing], ignore_index=True)
    return table.take(np.where(codes < 0, len(bottom), codes)).reset_index(drop=True)


def encode_sensitive(spec: DeidSpec, frame: pd.DataFrame) -> list[SensitiveCodes]:
    """Code every sensitive attribute for l-diversity and t-closeness."""
    return [
        SensitiveCodes.from_series(
            name, frame[spec.input_of(name)].reset_index(drop=True), spec.columns[name].distance == "ordinal"
        )
        for name in spec.sensitive_attributes
    ]
