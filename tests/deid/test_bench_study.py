"""bench/bench_deid_study.py: issue 16's study at a modest size gives every utility figure the issue lists."""

import pytest

from bench.bench_deid_study import research

UTILITY = {
    "information_loss",
    "discernibility",
    "average_class_size",
    "overlapping_categories",
    "weights",
    "per_quasi_identifier",
    "classification",
    "crosstabs",
}


@pytest.fixture(scope="module")
def figures(analyzer):
    return research(3000, analyzer)


def test_every_run_reports_the_issues_figures(figures):
    runs = [v for v in figures.values() if isinstance(v, dict)]
    assert len(runs) == 4
    for run in runs:
        assert set(run) >= UTILITY
        for column in ("age", "sex", "region", "visit_date", "procedure"):
            levels = run["per_quasi_identifier"][column]
            assert sum(levels["levels"].values()) == pytest.approx(1, abs=1e-3)
            assert 0 <= levels["suppressed"] <= 1
        assert set(run["classification"]["diagnosis"]) >= {"input_accuracy", "output_accuracy", "relative"}
        assert run["crosstabs"]["procedure_x_diagnosis"]["total_variation"] >= 0
        assert run["discernibility"] > 0 and run["average_class_size"] >= 5


def test_the_default_keeps_one_category_set_and_no_exact_day(figures):
    for name in ("lattice_priority_procedure", "lattice_procedure_weight_10"):
        run = figures[name]
        assert run["method"] == "lattice" and run["overlapping_categories"] == 0
        assert run["notes_with_exact_date_beside_generalised_date"] == 0
        assert run["suppression"] <= run["max_suppression"]
    assert figures["lattice_priority_procedure"]["weights"]["procedure"] == 5
    assert figures["mondrian_unweighted"]["overlapping_categories"] > 0
