import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports.charts import Bar, axis_ticks, fit_label, horizontal_bars, trend_columns
from reports.history import TrendPoint


@given(st.integers(min_value=0, max_value=10_000_000))
def test_axis_ticks_cover_the_value_in_at_most_five_round_steps(value: int) -> None:
    ticks = axis_ticks(value)
    assert ticks[0] == 0 and ticks[-1] >= value and len(ticks) <= 5
    step = ticks[1] - ticks[0]
    assert all(b - a == step for a, b in itertools.pairwise(ticks))
    assert re.fullmatch(r"(1|2|5|25)0*", str(step))


@pytest.mark.parametrize(
    ("label", "units", "expected"),
    [("members", 22, "members"), ("a" * 30, 10, "a" * 9 + "…"), ("회원정보백업테이블", 8, "회원정…")],
)
def test_fit_label(label: str, units: int, expected: str) -> None:
    assert fit_label(label, units) == expected


def test_bars_are_accessible_and_escaped() -> None:
    svg = str(horizontal_bars([Bar("<b>members</b>", 3), Bar("orders", 1)], "Columns", "none"))
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-label="Columns: &lt;b&gt;members&lt;/b&gt; 3, orders 1"' in svg
    assert "<b>" not in svg


def test_empty_chart_says_so() -> None:
    assert "Nothing" in str(horizontal_bars([Bar("a", 0)], "t", "Nothing to chart."))


def test_trend_columns_one_group_per_scan() -> None:
    points = [
        TrendPoint(f"s{i}", f"2025-06-0{i}T02:00:00+09:00", {"critical": i, "high": 1}) for i in range(1, 4)
    ]
    svg = str(
        trend_columns(points, "Trend", {"critical": "Critical", "high": "High", "medium": "M", "low": "L"})
    )
    assert svg.count("<g>") == 3
    assert "06-03" in svg and "Critical 3" in svg
