"""Odd but legal inputs: no patient key, typed columns, missing values, ordinal t-closeness, tiny tables."""

import numpy as np
import pandas as pd
import pytest

from deid.errors import DeidSpecError, PrivacyNotReachedError
from deid.pipeline import RunOptions, deidentify
from tests.deid.conftest import BASE_SPEC, KEY, spec_with


def _opts():
    return RunOptions(key=KEY, scan_output=False)


@pytest.mark.parametrize("method", ["mondrian", "lattice"])
def test_without_a_patient_key_every_row_is_a_person(visits, method):
    columns = {**BASE_SPEC["columns"], "patient_id": {"role": "direct_identifier"}}
    spec = spec_with(columns=columns, patient_key=None, privacy={"method": method, "k": 4})
    result = deidentify(spec, visits, _opts())
    qis = ["age", "sex", "address", "visit_date", "procedure"]
    assert result.dataset.groupby(qis, dropna=False).size().min() >= 4
    assert "patient_id" not in result.dataset


def test_typed_columns_and_missing_values(visits):
    frame = visits.copy()
    frame["birth_date"] = pd.to_datetime(frame["birth_date"])
    frame["visit_date"] = pd.to_datetime(frame["visit_date"])
    frame.loc[::7, "address"] = None
    frame.loc[::11, "diagnosis"] = None
    frame.loc[::13, "visit_date"] = pd.NaT
    result = deidentify(spec_with(privacy={"k": 3, "l": 2}), frame, _opts())
    report = result.report
    assert report.k_achieved >= 3 and report.rows_out + report.suppressed_rows == len(frame)


def test_ordinal_t_closeness_on_a_numeric_sensitive_attribute(visits):
    frame = visits.assign(pain_score=np.arange(len(visits)) % 5)
    columns = {**BASE_SPEC["columns"], "pain_score": {"role": "sensitive", "distance": "ordinal"}}
    result = deidentify(spec_with(columns=columns, privacy={"k": 3, "t": 0.2}), frame, _opts())
    assert result.report.t_achieved is not None and result.report.t_achieved <= 0.2


def test_a_key_is_needed_only_when_something_is_pseudonymized(visits, monkeypatch):
    monkeypatch.delenv("CLINICSCAN_DEID_KEY", raising=False)
    columns = {**BASE_SPEC["columns"], "patient_id": {"role": "direct_identifier"}}
    spec = spec_with(columns=columns, patient_key="patient_id", privacy={"k": 3})
    result = deidentify(spec, visits, RunOptions(scan_output=False))
    assert result.record.key_reference is None


def test_a_missing_input_column_is_named(visits):
    with pytest.raises(
        DeidSpecError, match=r"columns \['birth_date'\] named in deid.yaml are not in the source"
    ):
        deidentify(spec_with(), visits.drop(columns=["birth_date"]), _opts())


def test_an_empty_table_cannot_be_anonymized(visits):
    with pytest.raises(PrivacyNotReachedError):
        deidentify(spec_with(), visits.head(0), _opts())
