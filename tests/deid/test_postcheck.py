"""Each post-check can fail on its own: the GX suite, the recomputation, and the scanner."""

import pandas as pd
import pytest

from deid.gx_suite import SuiteInputs, run_suite
from deid.postcheck import class_ids_of, max_emd, recompute, scan_dataset

GOOD = pd.DataFrame(
    {
        "pid": ["a" * 64, "b" * 64, "c" * 64, "d" * 64],
        "age": ["30-39", "30-39", "40-49", "40-49"],
        "dx": ["L90.5", "N62", "L90.5", "N62"],
    }
)
INPUTS = SuiteInputs(
    columns=["pid", "age", "dx"],
    pseudonym_columns=["pid"],
    pseudonym_length=64,
    level_patterns={"age": r"^(\d{1,2}-\d{1,2}|90\+)$"},
    k=2,
)


def _per_class(frame):
    group = class_ids_of(frame, ["age"])
    return pd.DataFrame({"g": group, "p": range(len(frame))}).groupby("g")["p"].nunique()


def test_a_good_dataset_passes():
    assert run_suite(GOOD, _per_class(GOOD), INPUTS) == []


@pytest.mark.parametrize(
    ("frame", "expected"),
    [
        (GOOD.assign(name="김민수"), "expect_table_columns_to_match_set"),
        (
            GOOD.assign(pid=["a" * 64, "b" * 64, "c" * 64, "900101-1234568"]),
            "expect_column_values_to_match_regex",
        ),
        (GOOD.assign(age=["30-39", "30-39", "40-49", "47"]), "expect_column_values_to_match_regex"),
        (GOOD.assign(age=["30-39", "30-39", "40-49", "50-59"]), "expect_column_values_to_be_between"),
    ],
)
def test_each_expectation_can_fail(frame, expected):
    failures = run_suite(frame, _per_class(frame), INPUTS)
    assert any(expected in f for f in failures), failures
    assert not any("900101-1234568" in f or "김민수" in f for f in failures)  # values never in messages


def test_recompute_measures_k_l_and_t():
    patients = pd.Series([1, 2, 3, 3])
    group = class_ids_of(GOOD, ["age"])
    got = recompute(GOOD, group, {"dx": GOOD["dx"]}, patients)
    assert (got.k, got.l) == (1, 2)  # patient 3 has both rows of the 40-49 class
    assert got.t == pytest.approx(0.0)


def test_emd_categorical_and_ordinal():
    values = pd.Series([1, 1, 5, 5])
    group = pd.Series([0, 0, 1, 1]).to_numpy()
    assert max_emd(group, values, values, ordinal=False) == pytest.approx(0.5)
    assert max_emd(group, values, values, ordinal=True) == pytest.approx(0.5)  # two values: one step apart
    three = pd.Series([1, 1, 3, 5, 5, 3])
    g3 = pd.Series([0, 0, 0, 1, 1, 1]).to_numpy()
    # class 0: {1:2/3, 3:1/3}; whole: {1:1/3, 3:1/3, 5:1/3}; cumulative diffs 1/3, 1/3 over 2 steps
    assert max_emd(g3, three, three, ordinal=True) == pytest.approx(1 / 3)


def test_the_scanner_finds_what_was_left_behind(analyzer):
    leaky = GOOD.assign(contact=["010-2345-6789", "010-3456-7890", "010-4567-8901", "010-5678-9012"])
    blocking, _ = scan_dataset(leaky, analyzer, 100)
    assert any("'contact'" in b and "PHONE_NUMBER" in b for b in blocking)
    assert not any("010-2345-6789" in b for b in blocking)  # evidence is masked
    clean, _ = scan_dataset(GOOD, analyzer, 100)
    assert clean == []


def test_a_note_with_an_exact_day_beside_a_generalised_date_blocks_the_write():
    from deid.postcheck import text_date_failures

    data = pd.DataFrame(
        {"visit_date": ["2024", "2024-11-20", "2024"], "note": ["12/6 수술", "12/6 수술", "2024년 코성형"]}
    )
    (failure,) = text_date_failures(data, {"note": "visit_date"})
    assert "1 distinct notes in 'note'" in failure and "12/6" not in failure
    assert text_date_failures(data.iloc[1:], {"note": "visit_date"}) == []
    assert text_date_failures(data.iloc[2:], {"note": None}) == []
