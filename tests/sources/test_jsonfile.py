"""JSON arrays are decoded object by object, whatever the chunk boundaries; JSONL line by line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sources.files.jsonfile as jsonfile
from sources import SourceError, open_source

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20), st.floats(allow_nan=False))
OBJECTS = st.dictionaries(
    st.text(min_size=1, max_size=5), st.one_of(SCALARS, st.lists(SCALARS, max_size=3)), max_size=4
)


@settings(max_examples=80, deadline=None)
@given(
    items=st.lists(OBJECTS, max_size=12),
    chunk=st.integers(min_value=1, max_value=64),
    indent=st.sampled_from([None, 0, 2]),
)
def test_array_items_match_json_loads_whatever_the_chunk_size(
    items: list[dict[str, object]], chunk: int, indent: int | None
) -> None:
    text = json.dumps(items, ensure_ascii=False, indent=indent)
    original = jsonfile._CHUNK
    jsonfile._CHUNK = chunk
    try:
        assert list(jsonfile._array_items(io.StringIO(text))) == json.loads(text)
    finally:
        jsonfile._CHUNK = original


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('{"a": 1}', "expected a JSON array of objects"),
        ('[{"a": 1} {"b": 2}]', "expected ',' or ']'"),
        ('[{"a": 1}, 2]', "element 2 is a JSON int, not an object"),
        ('[{"a": 1},', "not closed"),
        ('[{"a": }]', "invalid JSON"),
    ],
)
def test_malformed_arrays_are_errors_naming_the_problem(tmp_path: Path, text: str, problem: str) -> None:
    (tmp_path / "bad.json").write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match=problem):
        open_source("x", path=tmp_path).describe("bad.json")


def test_values_arrive_as_text_and_missing_keys_as_null(tmp_path: Path) -> None:
    lines = [
        {"name": "홍길동", "phone": "01012345678", "visits": 3, "vip": True},
        {"name": "김영희", "ratio": 0.5, "tags": ["a", "한"], "address": {"city": "서울"}},
        {},
    ]
    (tmp_path / "m.jsonl").write_text(
        "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n", encoding="utf-8"
    )
    source = open_source("x", path=tmp_path)
    assert [c.name for c in source.describe("m.jsonl").columns] == [
        "name",
        "phone",
        "visits",
        "vip",
        "ratio",
        "tags",
        "address",
    ]
    rows = source.sample("m.jsonl", rows=10).to_pylist()
    assert rows[0] == {
        "name": "홍길동",
        "phone": "01012345678",
        "visits": "3",
        "vip": "true",
        "ratio": None,
        "tags": None,
        "address": None,
    }
    assert rows[1]["tags"] == '["a","한"]'
    assert rows[1]["address"] == '{"city":"서울"}'
    assert rows[2] == dict.fromkeys(rows[0])


def test_a_bad_line_is_named(tmp_path: Path) -> None:
    (tmp_path / "m.jsonl").write_text('{"a": 1}\n{"a": \n', encoding="utf-8")
    with pytest.raises(SourceError, match="line 2 is not valid JSON"):
        open_source("x", path=tmp_path).describe("m.jsonl")
