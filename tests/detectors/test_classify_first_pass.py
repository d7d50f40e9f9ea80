"""The vectorised first pass: cells as text, candidate masks, and equality with per-cell analysis."""

from __future__ import annotations

import datetime as dt
import decimal
from collections import Counter

import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.corpus import build_corpus
from detectors.analyzer import build_analyzer
from detectors.cells import cell_texts, distinct_texts, is_scannable
from detectors.classify import ClassifyOptions, TableScanner, reportable, stratum_sizes
from detectors.prefilter import Prefilter, PrefilterError, RecognizerFilter
from detectors.recognizers.base import LANGUAGE, REPORT_THRESHOLD
from detectors.validation import Span, plan_validation


@pytest.mark.parametrize(
    ("array", "texts"),
    [
        (pa.array([9001011234567, None], pa.int64()), ["9001011234567", None]),
        (pa.array([1012345678.0, 3.5], pa.float64()), ["1012345678", "3.5"]),
        (pa.array([decimal.Decimal("501013234567")], pa.decimal128(13, 0)), ["501013234567"]),
        (pa.array([dt.date(1990, 1, 2)], pa.date32()), ["1990-01-02"]),
        (pa.array([dt.datetime(2024, 5, 1, 9, 30)], pa.timestamp("us")), ["2024-05-01 09:30:00"]),
        (pa.array(["a", "  ", "", None]), ["a", None, None, None]),
        (pa.array(["x", "y", "x"]).dictionary_encode(), ["x", "y", "x"]),
    ],
)
def test_every_type_becomes_the_text_a_person_would_write(array: pa.Array, texts: list[str | None]) -> None:
    assert cell_texts(array).to_list() == texts
    assert cell_texts(pa.chunked_array([array])).to_list() == texts
    repeated = pa.chunked_array([array] * 5)  # repetitive: texts are written once per distinct value
    assert _text_counts(distinct_texts(repeated, with_rows=True), 5 * len(texts)) == Counter(
        texts * 5
    ) - Counter({None: 5 * texts.count(None)})


def _text_counts(found: pl.DataFrame, length: int) -> Counter[str]:
    """The texts ``distinct_texts`` reports, by count, after checking that its rows agree with them."""
    seen: list[int] = []
    for count, rows in found.select("count", "row").rows():
        assert count == len(rows)
        seen.extend(rows)
    assert len(set(seen)) == len(seen) and all(0 <= r < length for r in seen)
    totals: Counter[str] = Counter()
    for cell, count in found.select("cell", "count").rows():
        totals[cell] += count  # a mostly-unique column lists a repeated text once per cell
    return totals


_CELLS = st.one_of(
    st.none(), st.sampled_from(["", " ", "\u3000", "김민수", "010-1234-5678"]), st.text(max_size=6)
)


@settings(deadline=None)  # polars' first call on a loaded machine can take half a second
@given(st.lists(_CELLS, max_size=60), st.integers(min_value=1, max_value=6))
def test_distinct_texts_counts_what_cell_by_cell_writing_gives(cells: list[str | None], repeats: int) -> None:
    column = pa.array(cells * repeats, pa.string())
    expected = Counter(t for t in cell_texts(column).to_list() if t is not None)
    found = distinct_texts(column, with_rows=True)
    assert _text_counts(found, len(column)) == expected
    for cell, rows in found.select("cell", "row").rows():
        assert all(cell_texts(column)[r] == cell for r in rows)


@pytest.mark.parametrize(
    ("arrow_type", "scannable"),
    [
        (pa.string(), True),
        (pa.int64(), True),
        (pa.date32(), True),
        (pa.bool_(), False),
        (pa.binary(), False),
        (pa.list_(pa.string()), False),
        (pa.dictionary(pa.int32(), pa.string()), True),
    ],
)
def test_which_types_are_read(arrow_type: pa.DataType, scannable: bool) -> None:
    assert is_scannable(arrow_type) is scannable


FILTERS = [
    RecognizerFilter("a", "EmailLike", ("EMAIL_ADDRESS",), "@"),
    RecognizerFilter("b", "Digits", ("PHONE_NUMBER", "KR_RRN"), r"[0-9]{6}"),
]


def test_candidates_are_the_cells_some_prefilter_matches() -> None:
    cells = pl.Series(["kim@x.kr", "no digits", "010-1234-5678", "123456 a@b", None])
    found = Prefilter(FILTERS).candidates(cells)
    assert found["row"].to_list() == [0, 3]
    assert found["bits"].to_list() == [0b01, 0b11]


def test_a_recognizer_without_prefilter_sees_every_non_empty_cell() -> None:
    prefilter = Prefilter([*FILTERS, RecognizerFilter("c", "Anything", ("PERSON",), None)])
    found = prefilter.candidates(pl.Series(["no digits", None, "kim@x.kr"]))
    assert found["row"].to_list() == [0, 2]
    assert prefilter.entities_for(int(found["bits"][1])) == ["EMAIL_ADDRESS", "PERSON"]


def test_a_pattern_polars_cannot_compile_names_its_recognizer() -> None:
    with pytest.raises(PrefilterError, match=r"Broken\.PREFILTER"):
        Prefilter([RecognizerFilter("x", "Broken", ("PERSON",), r"(?<=a)b")])


@pytest.mark.parametrize("repeats", [1, 10])  # a mostly-unique column and a repetitive one
def test_distinct_candidates_count_the_cells_of_each_value(repeats: int) -> None:
    cells = pl.Series(["kim@x.kr", None, "no digits", "900101-1234567", "kim@x.kr"] * repeats)
    found = Prefilter(FILTERS).distinct_candidates(cells, with_rows=True)
    totals: dict[str, int] = {}
    for cell, count, rows in found.select("cell", "count", "row").rows():
        assert count == len(rows) and all(cells[r] == cell for r in rows)
        totals[cell] = totals.get(cell, 0) + count
    assert totals == {"kim@x.kr": 2 * repeats, "900101-1234567": repeats}


def test_plan_validates_every_distinct_value_within_the_quota() -> None:
    cells = pl.Series(["a@b.kr", "b@c.kr", "a@b.kr"] * 2)
    distinct = Prefilter(FILTERS).distinct_candidates(cells, with_rows=True)
    plan = plan_validation(distinct, quota=10, seed=0, with_rows=True)
    assert sorted(plan.select("cell", "weight").rows()) == [("a@b.kr", 4.0), ("b@c.kr", 2.0)]
    assert sorted(plan.filter(pl.col("cell") == "b@c.kr")["row"][0].to_list()) == [1, 4]


@pytest.mark.parametrize("copies", [1, 3])
def test_plan_samples_large_strata_and_keeps_small_ones_whole(copies: int) -> None:
    values = 10_000 // copies
    distinct = pl.DataFrame(
        {
            "cell": [f"v{i}" for i in range(values + 30)],
            "bits": [1] * values + [2] * 30,
            "count": [copies] * values + [1] * 30,
        },
        schema={"cell": pl.Utf8, "bits": pl.UInt64, "count": pl.UInt32},
    )
    plan = plan_validation(distinct, quota=500, seed=1, with_rows=False)
    rare = plan.filter(pl.col("bits") == 2)
    assert rare.height == 30 and rare["weight"].sum() == 30  # the rare stratum is validated in full
    common = plan.filter(pl.col("bits") == 1)
    assert common.height < 600
    assert common["weight"].sum() == pytest.approx(values * copies)  # and the sample stands for its stratum


def test_a_span_inside_a_longer_finding_is_not_reported() -> None:
    address = Span("ADDRESS", 1.0, 0, 20)
    district = Span("PERSON", 0.5, 6, 9)
    same_place = Span("KR_RRN", 0.5, 0, 20)
    weak = Span("PERSON", 0.1, 30, 33)
    assert reportable((address, district, same_place, weak), REPORT_THRESHOLD) == [address]
    tie = Span("BANK_ACCOUNT", 1.0, 0, 20)
    assert reportable((address, tie), REPORT_THRESHOLD) == [address, tie]


def test_scanner_results_equal_per_cell_analysis() -> None:
    """The prefilter never hides a cell the analyzer would report, and routing a candidate to the
    recognizers whose prefilter matched gives the same spans as running them all."""
    analyzer = build_analyzer()
    options = ClassifyOptions(validation_quota=None, record_cells=True)
    compared = 0
    for table in build_corpus(rows=8):
        scanner = TableScanner(table.name, table.columns, options)
        scanner.feed(table.data)
        for column in table.data.column_names:
            context = list(scanner.name_evidence(column).context)
            hits = scanner.cell_hits(column)
            for row, text in enumerate(cell_texts(table.data.column(column)).to_list()):
                if text is None:
                    continue
                spans = tuple(
                    Span(r.entity_type, r.score, r.start, r.end)
                    for r in analyzer.analyze(text, LANGUAGE, context=context)
                )
                expected = {s.entity for s in reportable(spans, REPORT_THRESHOLD)}
                assert hits.get(row, frozenset()) == expected, (table.name, column, row)
                compared += 1
    assert compared > 3000


def _phones(start: int, count: int) -> pa.Table:
    return pa.table(
        {"hp_no": [f"010-{(i * 7919) % 10000:04d}-{i % 10000:04d}" for i in range(start, start + count)]}
    )


def test_past_the_quota_a_measured_stratum_is_estimated_and_a_new_one_validated() -> None:
    options = ClassifyOptions(validation_quota=100, tail_quota=20)
    scanner = TableScanner("patients", [], options)
    scanner.feed(_phones(0, 2000))
    after_quota = scanner.cells_analyzed
    scanner.feed(_phones(2000, 2000))  # the same kind of value: estimated at the measured rate
    assert scanner.cells_analyzed == after_quota
    scanner.feed(pa.concat_tables([_phones(2000, 2000), pa.table({"hp_no": ["kim.minsu@example.co.kr"]})]))
    assert scanner.cells_analyzed == after_quota + 1  # a new kind of value is still analysed
    (column,) = scanner.result()
    assert column.entity_names == ["PHONE_NUMBER"]
    assert column.entities[0].hits == pytest.approx(6000, rel=0.01)  # an estimate of every phone cell


@given(
    st.lists(
        st.tuples(
            st.sampled_from([0, 1, 2**40, 2**63 - 1, 5, 6, 7, 9, 10, 12, 17]), st.integers(1, 2**32 - 1)
        ),
        min_size=1,
        max_size=60,
    )
)
def test_stratum_sizes_are_the_cells_of_each_stratum(rows: list[tuple[int, int]]) -> None:
    """However many strata a batch holds (a loop for a few, np.unique past eight), the sums are exact."""
    candidates = pl.DataFrame(
        {"bits": [b for b, _ in rows], "count": [c for _, c in rows]},
        schema={"bits": pl.UInt64, "count": pl.UInt32},
    )
    expected: Counter[int] = Counter()
    for bits, count in rows:
        expected[bits] += count
    assert stratum_sizes(candidates) == expected
