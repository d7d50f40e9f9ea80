"""Include/exclude globs on table names."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sources.filters import TableFilter


@pytest.mark.parametrize(
    ("include", "exclude", "name", "allowed"),
    [
        (("*",), (), "patients", True),
        (("pat*",), (), "patients", True),
        (("PAT*",), (), "patients", True),
        (("pat*",), (), "members", False),
        (("*",), ("tmp_*",), "tmp_backup", False),
        (("*",), ("tmp_*",), "backup_tmp", True),
        (("archive.*",), (), "archive.patients", True),
        (("*.csv",), (), "2024/11/members.csv", True),
        (("book.xlsx#*",), ("*#Payments",), "book.xlsx#Payments", False),
        (("환자*",), (), "환자_목록", True),
        ((), (), "anything", False),
    ],
)
def test_allows(include: tuple[str, ...], exclude: tuple[str, ...], name: str, allowed: bool) -> None:
    assert TableFilter(include=include, exclude=exclude).allows(name) is allowed


@given(names=st.lists(st.text(min_size=1, max_size=8)), pattern=st.text(min_size=1, max_size=4))
def test_exclude_always_wins_and_the_result_is_sorted(names: list[str], pattern: str) -> None:
    kept = TableFilter(include=("*", pattern), exclude=(pattern,)).apply(names)
    assert kept == sorted(kept)
    assert not any(TableFilter(include=(pattern,)).allows(name) for name in kept)
