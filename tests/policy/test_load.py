"""A broken policy file gives an error naming the file, the line, the field and what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policy.errors import loc_of, path_of
from policy.load import PolicyError, load_law, load_policy, shipped_file

SHIPPED = shipped_file("default.yaml").read_text(encoding="utf-8")

# (what is broken, text in the shipped file, replacement, field path expected, words expected)
BROKEN = [
    (
        "bad period",
        "period: 5y,",
        "period: 5 years,",
        "record_types[2].retention[0].period",
        "must look like 10y",
    ),
    (
        "period without unit",
        "period: 10y,",
        "period: 10,",
        "record_types[3].retention[0].period",
        "has no unit",
    ),
    (
        "unknown key",
        "  age_below: 14",
        "  age_bellow: 14",
        "minors.age_bellow",
        "unknown key 'age_bellow'; did you mean 'age_below'?",
    ),
    (
        "unknown nested key",
        "    legal_hold: true\n    medical_record_type: patient_roster",
        "    legal_hold: true\n    medical_record_typ: patient_roster",
        "record_types[2].medical_record_typ",
        "did you mean 'medical_record_type'?",
    ),
    (
        "dangling category",
        "categories: [identity, contact, unique_id]\n",
        "categories: [identity, contact, unique_ids]\n",
        "record_types[2].categories[2]",
        "unknown category 'unique_ids'",
    ),
    (
        "wrong type",
        "recording_hours: 24",
        "recording_hours: all day",
        "cctv.recording_hours",
        "must be a whole number (got 'all day')",
    ),
    (
        "wrong literal",
        'measure: encrypted, ref: "9", legal_basis: [safety_standard_7]}',
        'measure: hashed, ref: "9", legal_basis: [safety_standard_7]}',
        "security[0].measure",
        "must be one of 'one_way_hash', 'encrypted', 'none' (got 'hashed')",
    ),
    (
        "id with capitals and spaces",
        "held_medical_records: [patient_roster,",
        "held_medical_records: [Patient Roster,",
        "held_medical_records[0]",
        "an id is lower-case letters",
    ),
    ("unquoted decimal ref", 'ref: "1.d"', "ref: 1.5", "collection_methods.ref", "write it in quotes"),
    (
        "missing required key",
        'destruction_ref: "5.b"\n',
        "",
        "destruction_ref",
        "required key 'destruction_ref'",
    ),
    (
        "key given twice",
        "destruction_deadline_days: 5\n",
        "destruction_deadline_days: 5\ndestruction_deadline_days: 7\n",
        "destruction_deadline_days",
        "key given twice",
    ),
]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "clinic-policy.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("case", "old", "new", "field", "words"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_file_names_file_line_field_and_problem(
    tmp_path: Path, case: str, old: str, new: str, field: str, words: str
) -> None:
    assert old in SHIPPED, f"fixture text for {case!r} no longer in the shipped policy"
    text = SHIPPED.replace(old, new, 1)
    path = _write(tmp_path, text)
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    message = str(info.value)
    line = next(line for line in message.splitlines() if f": {field}: " in line)
    assert line.startswith(f"{path}:") and words in line
    if new:  # the line number points at the first edited line
        first_change = next(i for i, (a, b) in enumerate(zip(text, SHIPPED, strict=False)) if a != b)
        assert line.startswith(f"{path}:{text[:first_change].count(chr(10)) + 1}: ")
    assert "Traceback" not in message


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("id: x\nversion: [unclosed\n", "not valid YAML"),
        ("organisation: {ko: a, en: b\nid: x\n", "not valid YAML"),
        ("- a\n- b\n", "must be a YAML mapping"),
        ("", "must be a YAML mapping"),
        ("just text\n", "must be a YAML mapping"),
    ],
)
def test_unparseable_files_say_so_with_a_line(tmp_path: Path, content: str, words: str) -> None:
    path = _write(tmp_path, content)
    with pytest.raises(PolicyError, match=words) as info:
        load_policy(path)
    assert str(info.value).startswith(f"{path}:")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("id: x\n  bad: indent\nz: 1\n", ":2: not valid YAML: mapping values are not allowed here;"),
        ("a: 1\nb: [1, 2\nc: 3\n", ":3: not valid YAML: expected ',' or ']', but got ':';"),
        ("columns: [", ":1: not valid YAML: expected the node content, but found '<stream end>';"),
    ],
)
def test_a_syntax_error_reads_as_pyyamls_own_parser_says_it(
    tmp_path: Path, content: str, expected: str
) -> None:
    """Files are parsed by libyaml; an error is worded and placed as the pure-Python parser does."""
    path = _write(tmp_path, content)
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    assert str(info.value).startswith(f"{path}{expected}")


def test_file_in_another_encoding_asks_for_utf8(tmp_path: Path) -> None:
    path = tmp_path / "cp949.yaml"
    path.write_bytes("organisation: {ko: 에이탑, en: A}\n".encode("cp949"))
    with pytest.raises(PolicyError, match="UTF-8"):
        load_policy(path)


def test_missing_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    with pytest.raises(PolicyError, match="file not found") as info:
        load_policy(missing)
    assert info.value.file == str(missing)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = SHIPPED.replace("  age_below: 14", "  age_bellow: 14").replace(
        "recording_hours: 24", "recording_hours: x"
    )
    with pytest.raises(PolicyError) as info:
        load_policy(_write(tmp_path, text))
    assert {p.path for p in info.value.problems} == {"minors.age_bellow", "cctv.recording_hours"}
    assert len(str(info.value).splitlines()) == 2


def test_default_is_the_shipped_file() -> None:
    assert load_policy() == load_policy(shipped_file("default.yaml"))
    assert load_law("default") == load_law(shipped_file("law.yaml"))


def test_broken_law_file_is_named_too(tmp_path: Path) -> None:
    text = (
        shipped_file("law.yaml")
        .read_text(encoding="utf-8")
        .replace("replaced_by: pipa_39_6", "replaced_by: pipa_39_7")
    )
    path = tmp_path / "law.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError, match=r"provisions\[\d+\]\.replaced_by: unknown provision 'pipa_39_7'"):
        load_law(path)


_parts = st.lists(
    st.one_of(st.from_regex(r"[a-z_]{1,8}", fullmatch=True), st.integers(0, 99)), min_size=1, max_size=6
)


@given(_parts.filter(lambda p: isinstance(p[0], str)))
def test_field_path_round_trip(loc: list[int | str]) -> None:
    assert loc_of(path_of(tuple(loc))) == tuple(loc)
