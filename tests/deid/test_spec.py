import copy
import re
from pathlib import Path

import pytest

from deid.errors import DeidSpecError
from deid.spec import load_spec, parse_spec
from tests.deid.conftest import BASE_SPEC


def _with(path: str, value):
    data = copy.deepcopy(BASE_SPEC)
    target = data
    keys = path.split(".")
    for key in keys[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[keys[-1]]
    else:
        target[keys[-1]] = value
    return data


_DELETE = object()


def test_base_spec_is_valid():
    spec = parse_spec(copy.deepcopy(BASE_SPEC))
    assert spec.quasi_identifiers == ["age", "sex", "address", "visit_date", "procedure"]
    assert spec.input_of("age") == "birth_date"
    assert spec.columns["age"].level_range() == (0, 3)
    assert spec.needs_key


@pytest.mark.parametrize(
    ("path", "value", "field", "message"),
    [
        ("privacy.kk", 3, "privacy.kk", "unknown key 'kk'; did you mean 'k'?"),
        ("columns.age.hierarchy", "ages", "columns.age", "unknown hierarchy 'ages'"),
        ("columns.age.hierarchy", _DELETE, "columns.age", "needs 'hierarchy'"),
        ("columns.age.max_level", "decade", "columns.age", "'decade' is not a level of 'age'"),
        ("columns.age.max_level", 9, "columns.age", "out of range"),
        ("columns.age.options", {"at": 3}, "columns.age", "options.at: must be text (got 3)"),
        ("columns.age.options", {"colour": "red"}, "columns.age", "options.colour: unknown key 'colour'"),
        ("columns.diagnosis.hierarchy", "kcd", "columns.diagnosis", "for quasi_identifier columns"),
        ("columns.name.role", "secret", "columns.name.role", "must be one of 'direct_identifier'"),
        ("privacy.k", 1, "privacy.k", "must be at least 2 (got 1)"),
        ("privacy.max_suppression", 1.5, "privacy.max_suppression", "must be at most 1"),
        ("processing_period.end", "2024-01-01", "processing_period", "'end' is before 'start'"),
        ("patient_key", "procedure", "(top level)", "patient_key 'procedure' must be a column"),
        ("source", {"path": "a.csv", "url": "sqlite://"}, "source", "exactly one of 'url'"),
        ("source", {"url": "sqlite://"}, "source", "exactly one of 'table' or 'query'"),
        ("purpose", "", "purpose", "must not be empty"),
    ],
)
def test_errors_name_the_file_and_the_field(path, value, field, message):
    with pytest.raises(DeidSpecError) as err:
        parse_spec(_with(path, value), "deid.yaml")
    text = str(err.value)
    assert text.startswith("deid.yaml: " if field == "(top level)" else f"deid.yaml: {field}: ")
    assert "Extra inputs" not in text and "Input should be" not in text
    assert message in text


def test_l_without_a_sensitive_column_is_an_error():
    data = _with("columns.diagnosis.role", "keep")
    with pytest.raises(DeidSpecError, match="'l' and 't' protect sensitive columns"):
        parse_spec(data)


def test_load_spec_expands_environment_and_resolves_relative_paths(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("STUDY_RECIPIENT", "B병원 연구팀")
    file = tmp_path / "deid.yaml"
    file.write_text(
        "source: {path: data/visits.csv}\npurpose: 연구\nrecipient: ${STUDY_RECIPIENT}\n"
        "processing_period: {start: 2025-01-01, end: 2025-06-30}\noperator: 홍길동\n"
        "columns:\n  age: {role: quasi_identifier, hierarchy: age, from: birth_date}\n",
        encoding="utf-8",
    )
    spec = load_spec(file)
    assert spec.recipient == "B병원 연구팀"
    assert spec.source.path == tmp_path / "data" / "visits.csv"
    assert not spec.needs_key


@pytest.mark.parametrize(
    ("text", "message"),
    [("columns: [", "not valid YAML"), ("recipient: ${NOPE_NOT_SET_VAR}", "${NOPE_NOT_SET_VAR} is not set")],
)
def test_load_spec_errors_name_the_file(tmp_path: Path, text, message):
    file = tmp_path / "deid.yaml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(DeidSpecError, match="^" + re.escape(f"{file}:1: ") + ".*" + re.escape(message)):
        load_spec(file)


def test_missing_file():
    with pytest.raises(DeidSpecError, match="file not found; give the path of the de-identification spec"):
        load_spec(Path("/nonexistent/deid.yaml"))


def test_load_spec_names_the_line_and_the_nearest_key(tmp_path: Path) -> None:
    file = tmp_path / "deid.yaml"
    file.write_text("source: {path: a.csv}\npurpose: 연구\nprivacy:\n  kk: 3\n", encoding="utf-8")
    with pytest.raises(DeidSpecError) as err:
        load_spec(file)
    assert f"{file}:4: privacy.kk: unknown key 'kk'; did you mean 'k'?" in str(err.value)


def test_priority_sets_the_weights_most_important_first():
    spec = parse_spec({**copy.deepcopy(BASE_SPEC), "priority": ["procedure", "visit_date"]})
    weights = {q: spec.weight_of(q) for q in spec.quasi_identifiers}
    # three unlisted QIs weigh 1; each listed one outweighs everything after it put together
    assert weights == {"age": 1, "sex": 1, "address": 1, "visit_date": 4, "procedure": 8}


def test_priority_counts_the_weights_of_the_columns_after_it():
    data = _with("columns.age.weight", 5)
    spec = parse_spec({**data, "priority": ["procedure"]})
    assert spec.weight_of("age") == 5 and spec.weight_of("procedure") == 1 + 5 + 1 + 1 + 1


@pytest.mark.parametrize(
    ("priority", "message"),
    [
        (["procedur"], "priority[0]: 'procedur' is not a column of 'columns'; did you mean 'procedure'?"),
        (["procedure", "procedure"], "priority[1]: 'procedure' is listed twice; keep one"),
        (["diagnosis"], "priority[0]: 'diagnosis' has role sensitive; only quasi_identifier columns"),
    ],
)
def test_priority_errors_name_the_entry(priority, message):
    with pytest.raises(DeidSpecError) as err:
        parse_spec({**copy.deepcopy(BASE_SPEC), "priority": priority}, "deid.yaml")
    assert f"deid.yaml: {message}" in str(err.value)


def test_priority_and_weight_on_one_column_is_an_error():
    data = _with("columns.procedure.weight", 10)
    with pytest.raises(DeidSpecError, match=r"priority\[0\]: 'procedure' also gives 'weight'"):
        parse_spec({**data, "priority": ["procedure"]})


def test_priority_errors_give_the_line_of_the_entry(tmp_path: Path) -> None:
    file = tmp_path / "deid.yaml"
    file.write_text(
        "source: {path: a.csv}\npurpose: 연구\nrecipient: 연구실\noperator: 홍길동\n"
        "processing_period: {start: 2025-01-01, end: 2025-06-30}\n"
        "columns:\n  age: {role: quasi_identifier, hierarchy: age, from: birth_date}\n"
        "  procedure: {role: quasi_identifier, hierarchy: procedure}\n"
        "priority:\n  - procedure\n  - agee\n",
        encoding="utf-8",
    )
    with pytest.raises(DeidSpecError) as err:
        load_spec(file)
    expected = f"{file}:11: priority[1]: 'agee' is not a column of 'columns'; did you mean 'age'?"
    assert expected in str(err.value)
