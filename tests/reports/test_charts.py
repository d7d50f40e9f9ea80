import itertools
import re

from hypothesis import given
from hypothesis import strategies as st

from reports.charts import Bar, axis_ticks, horizontal_bars, scan_labels, trend_columns, wrap_label
from reports.history import TrendPoint


@given(st.integers(min_value=0, max_value=10_000_000))
def test_axis_ticks_cover_the_value_in_at_most_five_round_steps(value: int) -> None:
    ticks = axis_ticks(value)
    assert ticks[0] == 0 and ticks[-1] >= value and len(ticks) <= 5
    step = ticks[1] - ticks[0]
    assert all(b - a == step for a, b in itertools.pairwise(ticks))
    assert re.fullmatch(r"(1|2|5|25)0*", str(step))


@given(st.text(min_size=1, max_size=60), st.integers(min_value=4, max_value=30))
def test_wrapped_labels_keep_every_character(label: str, units: int) -> None:
    lines = wrap_label(label, units)
    assert "".join("".join(lines).split()) == "".join(label.split())


def test_long_category_labels_are_whole_and_distinct() -> None:
    labels = ["연락처 (전화·이메일·주소)", "연락처 (전화·이메일·SNS 계정)"]
    svg = str(horizontal_bars([Bar(label, 3) for label in labels], "t", "none"))
    assert "…" not in svg
    texts = ["".join(re.findall(r">([^<>]+)</tspan>", g)) for g in svg.split("<g>")[1:]]
    assert [t.replace(" ", "") for t in texts] == [label.replace(" ", "") for label in labels]


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


def test_one_axis_label_per_scan_in_the_clinics_zone() -> None:
    # Two scans on one day (in Seoul), one at 23:30 UTC that is already the next day in Seoul.
    points = [
        TrendPoint("a", "2025-06-01T01:00:00+00:00", {"high": 1}),
        TrendPoint("b", "2025-06-01T05:00:00+00:00", {"high": 2}),
        TrendPoint("c", "2025-06-01T23:30:00+00:00", {"high": 3}),
    ]
    labels = scan_labels(points, "Asia/Seoul")
    assert labels == ["06-01 10:00", "06-01 14:00", "06-02 08:30"]
    svg = str(
        trend_columns(points, "Trend", {s: s for s in ("critical", "high", "medium", "low")}, "Asia/Seoul")
    )
    for label in labels:
        assert svg.count(f">{label}</text>") == 1
    assert "KST" in svg and "UTC" not in svg
