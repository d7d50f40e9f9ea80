"""k/l/t reached, per-patient k, the suppression limit, and optimality against brute force."""

import itertools

import numpy as np
import pandas as pd
import pycanon.anonymity as pc
import pytest

from deid.errors import PrivacyNotReachedError
from deid.pipeline import RunOptions, deidentify
from deid.prepare import encode_quasi_identifiers, encode_sensitive, patient_series
from deid.privacy import SearchData, Targets, classify
from deid.search import search
from tests.deid.conftest import BASE_SPEC, KEY, spec_with

QIS = ["age", "sex", "address", "visit_date", "procedure"]


METHODS = ["mondrian", "lattice"]


def _run(visits, method="mondrian", **privacy):
    spec = spec_with(privacy={"method": method, **privacy})
    return deidentify(spec, visits, RunOptions(key=KEY, scan_output=False))


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(("k", "l"), [(2, None), (5, 2), (10, 3)])
def test_k_and_l_are_reached_and_confirmed_by_pycanon(visits, method, k, l):  # noqa: E741
    result = _run(visits, method, k=k, l=l, max_suppression=0.05)
    out = result.dataset
    assert result.report.k_achieved >= k
    assert pc.k_anonymity(out, QIS) >= k  # pycanon counts rows, which is at least the patient count
    if l is not None:
        assert result.report.l_achieved >= l
        assert pc.l_diversity(out, QIS, ["diagnosis"]) >= l
    patients = out.groupby(QIS, dropna=False)["patient_id"].nunique()
    assert patients.min() == result.report.k_achieved


@pytest.mark.parametrize("method", METHODS)
def test_t_closeness_is_reached_and_confirmed_by_pycanon(visits, method):
    result = _run(visits, method, k=3, t=0.35, max_suppression=0.0)
    assert result.report.t_achieved is not None and result.report.t_achieved <= 0.35
    assert pc.t_closeness(result.dataset.astype({"diagnosis": "string"}), QIS, ["diagnosis"]) <= 0.35 + 1e-9


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("limit", [0.0, 0.01, 0.05, 0.2])
def test_suppression_stays_within_the_limit(visits, method, limit):
    result = _run(visits, method, k=5, max_suppression=limit)
    assert result.report.suppressed_rows <= int(limit * len(visits))
    assert result.report.rows_out == len(visits) - result.report.suppressed_rows == len(result.dataset)


def test_a_patient_with_five_visits_is_one_person_in_a_class():
    rows = [{"patient_id": "P1", "age_value": 40}] * 5 + [
        {"patient_id": f"Q{i}", "age_value": 20 + i} for i in range(6)
    ]
    frame = pd.DataFrame(rows)
    data_spec = spec_with(
        columns={
            "patient_id": {"role": "linkage_key"},
            "age": {"role": "quasi_identifier", "from": "age_value", "hierarchy": "procedure"},
        },
        privacy={"k": 2, "max_suppression": 1.0},
    )
    qis = encode_quasi_identifiers(data_spec, frame.astype({"age_value": str}), KEY)
    data = SearchData.build(qis, [], patient_series(data_spec, frame))
    classes = classify(data, (0,), Targets(2, None, None, 100))
    five_visits = classes.ids[0]
    assert classes.rows[five_visits] == 5
    assert classes.patients[five_visits] == 1
    assert classes.failing[five_visits]


@pytest.mark.parametrize("method", METHODS)
def test_per_patient_k_in_the_whole_pipeline(visits, method):
    repeated = pd.concat([visits] + [visits[visits.patient_id == "P00007"]] * 6, ignore_index=True)
    result = _run(repeated, method, k=5, max_suppression=0.05)
    per_class = result.dataset.groupby(QIS, dropna=False)["patient_id"].nunique()
    assert per_class.min() >= 5


@pytest.mark.parametrize("method", METHODS)
def test_impossible_targets_are_a_clear_error(visits, method):
    with pytest.raises(PrivacyNotReachedError, match="no generalization meets k=5000"):
        _run(visits.head(50), method, k=5000, max_suppression=0.0)


def test_search_is_optimal_against_brute_force(visits):
    spec = spec_with(privacy={"k": 4, "l": 2, "max_suppression": 0.03})
    qis = encode_quasi_identifiers(spec, visits, KEY)
    data = SearchData.build(qis, encode_sensitive(spec, visits), patient_series(spec, visits))
    targets = Targets(4, 2, None, int(0.03 * len(visits)))
    found = search(data, targets)
    best = np.inf
    cells = len(visits) * len(qis)
    for node in itertools.product(*[range(len(q.level_names)) for q in qis]):
        classes = classify(data, node, targets)
        failing_rows = np.flatnonzero(classes.failing[classes.ids])
        if len(failing_rows) > targets.max_suppressed_rows:
            continue
        kept = np.setdiff1d(np.arange(len(visits)), failing_rows)
        loss = sum(q.loss[lv][q.codes[lv][kept]].sum() for q, lv in zip(qis, node, strict=True))
        best = min(best, (loss + len(failing_rows) * len(qis)) / cells)
    assert found.information_loss == pytest.approx(best)
    assert found.nodes_checked < found.nodes_total


def test_auto_keeps_the_method_that_loses_less(visits):
    runs = {m: _run(visits, m, k=5, l=2, max_suppression=0.05) for m in ("mondrian", "lattice", "auto")}
    assert runs["mondrian"].report.suppressed_rows == 0
    assert any(".." in level for level in runs["mondrian"].report.generalization.values())
    losses = {m: r.report.utility.information_loss for m, r in runs.items()}
    assert losses["auto"] == min(losses["mondrian"], losses["lattice"])


@pytest.mark.parametrize("method", METHODS)
def test_a_max_level_below_the_top_still_gives_k_patients_per_class(visits, method):
    columns = {
        **BASE_SPEC["columns"],
        "age": {**BASE_SPEC["columns"]["age"], "max_level": "10y"},
        "address": {"role": "quasi_identifier", "hierarchy": "region", "max_level": "sido"},
    }
    spec = spec_with(columns=columns, privacy={"method": method, "k": 3, "max_suppression": 0.3})
    result = deidentify(spec, visits, RunOptions(key=KEY, scan_output=False))
    out = result.dataset
    assert "*" not in set(out["age"].dropna()) and "*" not in set(out["address"].dropna())
    assert out.groupby(QIS, dropna=False)["patient_id"].nunique().min() >= 3
    assert result.report.suppressed_rows <= int(0.3 * len(visits))


def test_priority_keeps_the_studys_attribute_first(visits):
    plain = deidentify(spec_with(), visits, RunOptions(key=KEY, scan_output=False))
    first = deidentify(spec_with(priority=["age"]), visits, RunOptions(key=KEY, scan_output=False))
    assert plain.report.generalization["age"] == "suppressed"  # unweighted, the search gives age up
    assert first.report.generalization["age"] != "suppressed"
    assert first.report.utility.weights == {"age": 5, "sex": 1, "address": 1, "visit_date": 1, "procedure": 1}
    assert pc.k_anonymity(first.dataset, QIS) >= 5 and pc.l_diversity(first.dataset, QIS, ["diagnosis"]) >= 2
    assert first.report.suppressed_rows <= 0.05 * len(visits)
