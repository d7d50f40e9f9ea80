"""The column map's relation keys: clock_from, references and not_applicable, as scan.yaml spells them."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from expectations.column_map import ColumnRef, TableMapping

GUARDIANS: dict[str, Any] = {
    "record_type": "member",
    "roles": {"withdrawal": "withdrawn_at", "subject_key": "member_id"},
    "clock_from": {"last_login": {"table": "members", "key": "member_id", "column": "last_login_at"}},
    "references": {"member_id": "members.member_id"},
    "not_applicable": {"minors.no_guardian_consent": "guardians are adults who give the consent"},
}


def test_relations_are_read_as_written() -> None:
    mapping = TableMapping.model_validate(GUARDIANS)
    clock = mapping.clock_from["last_login"]
    assert (clock.table, clock.column, clock.key, clock.their_key) == (
        "members",
        "last_login_at",
        "member_id",
        "member_id",
    )
    assert mapping.references["member_id"] == ColumnRef(table="members", column="member_id")
    assert not mapping.applies("minors.no_guardian_consent") and mapping.applies("retention.overdue")


def test_serialized_entry_reads_back_the_same() -> None:
    mapping = TableMapping.model_validate(GUARDIANS)
    data = mapping.serialized()
    assert data["references"] == {"member_id": "members.member_id"}
    assert "other_key" not in data["clock_from"]["last_login"]
    assert TableMapping.model_validate(data) == mapping


def test_a_reference_may_also_be_written_as_a_mapping() -> None:
    mapping = TableMapping.model_validate(
        {"record_type": None, "references": {"PT_NO": {"table": "patients", "column": "PT_NO"}}}
    )
    assert str(mapping.references["PT_NO"]) == "patients.PT_NO"


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"references": {"member_id": "members"}}, "is not table.column"),
        ({"not_applicable": {"retention": "kept"}}, "is not a row rule"),
        ({"not_applicable": {"consent.withdrawn_retained": "  "}}, "needs a reason"),
        ({"not_applicable": {"retention.withdrawal": "never"}}, "contradicts the withdrawal clock"),
        ({"roles": {"last_login": "last_login_at"}}, "given twice"),
        ({"clock_from": {"last_login": {"table": "members", "column": "x"}}}, "key"),
        ({"clock_from": {"birthday": {"table": "m", "key": "k", "column": "c"}}}, "birthday"),
    ],
)
def test_mistakes_in_relations_are_errors(change: dict[str, Any], words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        TableMapping.model_validate({**GUARDIANS, **change})


_NAME = st.text(st.characters(exclude_characters=".", exclude_categories=["Cs"]), min_size=1, max_size=20)


@given(table=st.lists(_NAME, min_size=1, max_size=3).map(".".join), column=_NAME)
def test_table_dot_column_parses_back(table: str, column: str) -> None:
    ref = ColumnRef.parse(f"{table}.{column}")
    assert (ref.table, ref.column) == (table, column)
    assert ColumnRef.parse(str(ref)) == ref
