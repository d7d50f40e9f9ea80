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


@pytest.mark.parametrize(
    ("include", "exclude", "name", "bare", "allowed"),
    [
        (("t_*",), (), "few.t_0", "t_0", True),  # schema: few + include: ["t_*"] means what it reads as
        (("few.t_*",), (), "few.t_0", "t_0", True),
        (("*",), ("t_1",), "few.t_1", "t_1", False),
        (("members.csv",), (), "2024/members.csv", "members.csv", True),
        (("t_*",), (), "few.x_0", "x_0", False),
    ],
)
def test_patterns_match_the_bare_and_the_qualified_name(
    include: tuple[str, ...], exclude: tuple[str, ...], name: str, bare: str, allowed: bool
) -> None:
    assert TableFilter(include=include, exclude=exclude).allows(name, bare) is allowed


def test_unmatched_lists_the_include_patterns_that_match_no_table() -> None:
    names = ["few.t_0", "few.t_1", "few.visits"]
    bare = {n: n.split(".", 1)[1] for n in names}
    assert TableFilter(include=("t_*", "patiens*", "visits")).unmatched(names, bare.__getitem__) == [
        "patiens*"
    ]
