"""Issue 16's study: 40,000 visits for "diagnosis distribution per procedure", with counselling notes.

The dataset must serve the study (the procedure kept in >= 90 % of rows, one set of categories per column, the
notes' dates no finer than the visit date) and still meet k, l and t, checked here with pycanon.
"""

import re

import pandas as pd
import pycanon.anonymity as pc
import pytest

from bench.deid_data import make_research_visits, research_spec
from deid.pipeline import RunOptions, deidentify
from tests.deid.conftest import KEY

QIS = ["age", "sex", "region", "visit_date", "procedure"]
EXACT_DAY = re.compile(r"(?<!\d)(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}|\d{1,2}월 \d{1,2}일)(?!\d)")


@pytest.fixture(scope="module")
def study():
    return make_research_visits(40_000)


@pytest.fixture(scope="module")
def result(study, analyzer):
    return deidentify(
        research_spec({"k": 5, "l": 2}), study, RunOptions(key=KEY, analyzer=analyzer, scan_output=False)
    )


def test_the_studys_attribute_is_kept_in_nine_rows_of_ten(result, study):
    kept = (result.dataset["procedure"] != "*").sum()
    assert kept >= 0.9 * len(study)
    assert result.report.utility.per_quasi_identifier["procedure"].suppressed <= 0.1


def test_every_column_has_one_set_of_categories(result):
    assert result.search.method == "lattice"
    assert result.report.utility.overlapping_categories == 0
    for qi in QIS:
        assert len(result.report.utility.per_quasi_identifier[qi].levels) == 1


def test_no_note_gives_back_an_exact_date_the_model_hid(result):
    out = result.dataset
    generalised = ~out["visit_date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}")
    assert generalised.any()
    leaks = out.loc[generalised, "note"].dropna().str.contains(EXACT_DAY)
    assert not leaks.any(), out.loc[generalised & out["note"].str.contains(EXACT_DAY), "note"].head().tolist()
    counts = result.report.free_text["note"]
    assert counts["dates_found"] > 10_000 and counts["dates_generalised"] + counts["dates_removed"] > 0


def test_k_and_l_hold_by_pycanon(result):
    out = result.dataset
    assert pc.k_anonymity(out, QIS) >= 5
    assert pc.l_diversity(out, QIS, ["diagnosis"]) >= 2
    assert out.groupby(QIS)["patient_id"].nunique().min() >= 5


def test_utility_figures_describe_the_study_table(result):
    utility = result.report.utility
    (table,) = [c for c in utility.crosstabs if c.quasi_identifier == "procedure"]
    assert table.level == "procedure" and table.total_variation < 0.05
    cls = utility.classification["diagnosis"]
    assert cls.input_accuracy > cls.baseline_accuracy and cls.output_accuracy > cls.baseline_accuracy
    assert utility.average_class_size >= 5


def test_t_closeness_holds_by_pycanon_with_the_weight(study):
    # seven in ten diagnoses follow the procedure, so a procedure class is ~0.6 (EMD) from the whole table:
    # t below that forbids the very table the study wants (at t=0.5 the procedure is `*` in every row)
    sample = study.head(8000)
    got = deidentify(research_spec({"k": 5, "t": 0.7}), sample, RunOptions(key=KEY, scan_output=False))
    assert (got.dataset["procedure"] != "*").sum() >= 0.9 * len(sample)
    out = got.dataset.astype({"diagnosis": "string"})
    assert pc.t_closeness(out, QIS, ["diagnosis"]) <= 0.7 + 1e-9


def test_local_recoding_says_its_categories_overlap(study):
    sample = study.head(8000)
    got = deidentify(
        research_spec({"k": 5, "l": 2, "method": "mondrian"}), sample, RunOptions(key=KEY, scan_output=False)
    )
    utility = got.report.utility
    assert utility.overlapping_categories == sum(
        q.overlapping_categories for q in utility.per_quasi_identifier.values()
    )
    assert utility.overlapping_categories > 0
    ages = pd.Series(got.dataset["age"].unique())
    assert ages.str.fullmatch(r"\d{1,2}").any() or ages.str.contains("-").any()
    # the cross-tab is drawn where the rows can be read, not at `*`: rows at `*` leave it and it shows
    starred = (got.dataset["visit_date"] == "*").mean()
    (table,) = [c for c in utility.crosstabs if c.quasi_identifier == "visit_date"]
    assert 0 < starred < 1 and table.level != "suppressed" and table.total_variation > 0
