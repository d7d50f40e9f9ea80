"""Figures for the detectors: accuracy on the labelled corpus, speed against per-cell Presidio, memory.

``python -m bench.bench_detectors`` (or ``make bench``) writes ``bench/results/detectors.json``. Each
function returns a dict; ``run()`` collects them. Accuracy is measured on two corpora: ``bench/corpus``
(the one the detectors were built on) and ``bench/corpus_derm`` (a second clinic, not tuned on).
Options: ``--quick`` (smaller corpus and tables, for a smoke run), ``accuracy [NAME]`` (only the two
accuracy figures, written to ``NAME.json``), ``quota`` (only ``scan_quota``, merged into
``detectors.json``) and ``memory`` (only the memory figure, as the subprocess
``memory()`` starts).
"""

from __future__ import annotations

import json
import logging
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
from presidio_analyzer import BatchAnalyzerEngine

from bench.corpus import ColumnSpec, LabelledTable, build_corpus
from bench.corpus.score import Counts, score
from bench.corpus.stream import COLUMNS, DECLARED, LABELS, batch, batches, make_pools
from bench.corpus_derm import build_derm_corpus
from bench.corpus_derm.values import DermValues
from detectors.analyzer import build_analyzer
from detectors.cells import cell_texts
from detectors.classify import SCAN_OPTIONS, ClassifyOptions, TableScanner
from detectors.recognizers.base import LANGUAGE, REPORT_THRESHOLD

RESULTS = Path(__file__).parent / "results"
SEED = 7
SPEC = tuple(ColumnSpec(n, d, "string") for n, d in zip(COLUMNS, DECLARED, strict=True))


TARGETS = {"column_f1": 0.97, "recall_0.99": ["KR_RRN", "PHONE_NUMBER", "EMAIL_ADDRESS", "CREDIT_CARD"]}


def accuracy(rows: int = 300) -> dict[str, Any]:
    """Column-level and free-text cell-level precision/recall/F1 on the generated corpus."""
    return _scored(build_corpus(rows=rows), rows, {**TARGETS, "lookalikes_reported": 0})


def accuracy_unseen(rows: int = 300) -> dict[str, Any]:
    """The same figures on the second corpus (``bench/corpus_derm``), which the detectors were not tuned on.

    A dermatology chain with an international desk: other naming (``pt_nm``, ``passportNo``, Hangul),
    foreign patients, addresses in two columns, staff job titles, lookup tables, mixed-language notes.
    """
    return _scored(build_derm_corpus(rows=rows), rows, TARGETS)


def _scored(tables: list[LabelledTable], rows: int, targets: dict[str, Any]) -> dict[str, Any]:
    started = time.perf_counter()
    figures = score(tables)
    figures["rows_per_table"] = rows
    figures["seconds"] = round(time.perf_counter() - started, 1)
    figures["targets"] = targets
    return figures


def scan_quota(rows: int = 3_000, batch_rows: int = 1_000) -> dict[str, Any]:
    """Column verdicts on both corpora, streamed as a full scan, with the scan's quotas against the prose one.

    ``SCAN_OPTIONS`` gives a structured column a quota of 100 distinct values (``structured_quota``),
    where ``ClassifyOptions()`` gives every column 500: the figure shows what the smaller quota saves in
    analyses and seconds, and that it changes no verdict. Hit counts are estimates here (no cell is
    recorded), as in a scan; the accuracy figures above validate every cell instead.
    """
    figures: dict[str, Any] = {"rows_per_table": rows, "batch_rows": batch_rows}
    for corpus, build in (("corpus", build_corpus), ("corpus_unseen", build_derm_corpus)):
        tables = build(rows=rows)
        runs = {name: _streamed(tables, options, batch_rows) for name, options in QUOTA_OPTIONS.items()}
        verdicts = {name: run.pop("verdicts") for name, run in runs.items()}
        before, after = verdicts.values()
        changed = [
            f"{t}.{c}: {sorted(before[t, c])} -> {sorted(v)}"
            for (t, c), v in after.items()
            if before[t, c] != v
        ]
        figures[corpus] = {**runs, "verdicts_changed": changed}
    return figures


QUOTA_OPTIONS = {"prose_quota_500": ClassifyOptions(), "scan_options": SCAN_OPTIONS}


def _streamed(tables: list[LabelledTable], options: ClassifyOptions, batch_rows: int) -> dict[str, Any]:
    """Stream every table through a scanner: column F1 against the labels, analyses, seconds, verdicts."""
    started = time.perf_counter()
    counts = Counts()
    analyzed = 0
    verdicts: dict[tuple[str, str], frozenset[str]] = {}
    for table in tables:
        scanner = TableScanner(table.name, table.columns, options)
        for part in table.data.to_batches(max_chunksize=batch_rows):
            scanner.feed(part)
        found = {r.column: frozenset(r.entity_names) for r in scanner.result()}
        analyzed += scanner.cells_analyzed
        for column, truth in table.labels.items():
            verdicts[table.name, column] = found.get(column, frozenset())
            counts.add(truth, verdicts[table.name, column])
    return {
        "column_f1": counts.figures()["f1"],
        "distinct_values_analyzed": analyzed,
        "seconds": round(time.perf_counter() - started, 1),
        "verdicts": verdicts,
    }


def speed(
    rows: int = 200_000, baseline_rows: int = 1_000, batch_rows: int = 50_000, repeats: int = 3
) -> dict[str, Any]:
    """Our scan against per-cell ``AnalyzerEngine.analyze`` and ``BatchAnalyzerEngine`` on one table.

    The table is the 8-column clinic table of ``bench.corpus.stream`` (``rows`` rows). Per-cell Presidio
    takes minutes on it, so both Presidio baselines run on ``baseline_rows`` random rows of the same table
    and their throughput is extrapolated (stated in the output). Recall is the share of labelled
    personal-data cells found (score >= the report threshold); for our scan of structured columns it comes
    from the reported hit counts, which are estimates beyond the validation quota. Our scan runs
    ``repeats`` times (a fresh scanner each time) and the median run is reported: the machine is shared.
    """
    analyzer = build_analyzer()
    pools = make_pools(SEED)
    table, note_labels = batch(pools, rows, np.random.default_rng(SEED))
    cells = rows * len(COLUMNS)
    truth = _truth_counts(table, note_labels)
    _warm_up(table)

    runs = [_time_scan(table, batch_rows, ClassifyOptions(), truth) for _ in range(repeats)]
    ours = sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]  # the median run
    ours["seconds_all_runs"] = [r["seconds"] for r in runs]
    exact_rows = min(rows, 20_000)
    exact_truth = _truth_counts(table.slice(0, exact_rows), note_labels[:exact_rows])
    exact = _time_scan(
        table.slice(0, exact_rows), batch_rows, ClassifyOptions(validation_quota=None), exact_truth
    )
    sample_index = np.sort(np.random.default_rng(SEED + 1).choice(rows, baseline_rows, replace=False))
    sample = table.take(pa.array(sample_index))
    sample_labels = [note_labels[i] for i in sample_index]
    texts = {c: cell_texts(sample.column(c)).to_list() for c in COLUMNS}

    started = time.perf_counter()
    per_cell = {
        c: [analyzer.analyze(t, LANGUAGE, context=[c]) if t else [] for t in texts[c]] for c in COLUMNS
    }
    per_cell_seconds = time.perf_counter() - started

    batch_engine = BatchAnalyzerEngine(analyzer)
    started = time.perf_counter()
    batched = {
        r.key: list(r.recognizer_results)
        for r in batch_engine.analyze_dict({c: [t or "" for t in texts[c]] for c in COLUMNS}, LANGUAGE)
    }
    batch_seconds = time.perf_counter() - started

    sample_cells = baseline_rows * len(COLUMNS)
    per_cell_rate = sample_cells / per_cell_seconds
    batch_rate = sample_cells / batch_seconds
    return {
        "table": {"rows": rows, "columns": len(COLUMNS), "cells": cells, "labels": LABELS},
        "ours": {**ours, "ratio_vs_per_cell": round(ours["cells_per_second"] / per_cell_rate, 1)},
        "ours_exact_no_quota": {
            **exact,
            "rows": exact_rows,
            "ratio_vs_per_cell": round(exact["cells_per_second"] / per_cell_rate, 1),
            "note": f"validation_quota=None (every candidate validated) on the first {exact_rows} rows",
        },
        "presidio_per_cell": {
            "cells_timed": sample_cells,
            "seconds_timed": round(per_cell_seconds, 2),
            "cells_per_second": round(per_cell_rate),
            "extrapolated_seconds_full_table": round(cells / per_cell_rate, 1),
            "recall": _recall(per_cell, sample, sample_labels),
            "note": f"AnalyzerEngine.analyze per cell (our recognizers, column name as context) on "
            f"{baseline_rows} random rows; full-table time extrapolated",
        },
        "presidio_batch": {
            "cells_timed": sample_cells,
            "seconds_timed": round(batch_seconds, 2),
            "cells_per_second": round(batch_rate),
            "extrapolated_seconds_full_table": round(cells / batch_rate, 1),
            "ratio_vs_per_cell": round(batch_rate / per_cell_rate, 2),
            "recall": _recall(batched, sample, sample_labels),
            "note": f"BatchAnalyzerEngine.analyze_dict on the same {baseline_rows} rows; extrapolated",
        },
        "target_ratio": 100,
    }


def memory(rows: int = 5_000_000, batch_rows: int = 50_000) -> dict[str, Any]:
    """Peak memory of a full streamed scan, measured in a fresh process so nothing else is counted."""
    command = [sys.executable, "-m", "bench.bench_detectors", "memory", str(rows), str(batch_rows)]
    done = subprocess.run(
        command, capture_output=True, text=True, check=True, cwd=Path(__file__).parent.parent
    )
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def address_full_scan(rows: int = 1_000_000, batch_rows: int = 50_000) -> dict[str, Any]:
    """A full scan of one large address column (issue 12): ADDRESS and nothing else, however many rows.

    The values are the second corpus's road addresses (a third of them on branch roads such as
    ``판교역로 758번길 77``), mostly distinct, streamed in the full scan's batch size past the validation
    quota, as ``clinicscan scan --mode full`` reads a table.
    """
    values = DermValues(SEED)
    cells = [values.road_address() for _ in range(rows)]
    scanner = TableScanner("patients", (ColumnSpec("address", "TEXT", "string"),))
    started = time.perf_counter()
    for start in range(0, rows, batch_rows):
        scanner.feed(pa.table({"address": cells[start : start + batch_rows]}))
    (found,) = scanner.result() or (None,)
    seconds = time.perf_counter() - started
    return {
        "rows": rows,
        "distinct": len(set(cells)),
        "seconds": round(seconds, 1),
        "entities": [] if found is None else [[h.entity, h.hits] for h in found.entities],
        "target": "ADDRESS and nothing else",
    }


def _memory_child(rows: int, batch_rows: int) -> dict[str, Any]:
    build_analyzer()
    scanner = TableScanner("bench_stream", SPEC)
    baseline = _rss_mb()
    samples: list[tuple[int, float]] = []
    started = time.perf_counter()
    done = 0
    for part in batches(rows, batch_rows, SEED):
        scanner.feed(part)
        done += part.num_rows
        if done % (batch_rows * 10) == 0 or done == rows:
            samples.append((done, round(_rss_mb(), 1)))
    seconds = time.perf_counter() - started
    found = {r.column: r.entity_names for r in scanner.result()}
    return {
        "rows": rows,
        "batch_rows": batch_rows,
        "seconds": round(seconds, 1),
        "rows_per_second": round(rows / seconds),
        "rss_after_setup_mb": round(baseline, 1),
        "rss_mb_by_rows": samples,
        "peak_rss_mb": round(_peak_rss_mb(), 1),
        "target_peak_mb": 1024,
        "found": found,
        "note": "batches generated on the fly (numpy + a 5,000-value Faker pool), time includes generation",
    }


def _time_scan(
    table: pa.Table, batch_rows: int, options: ClassifyOptions, truth: dict[Any, int]
) -> dict[str, Any]:
    scanner = TableScanner("bench_speed", SPEC, options)
    started = time.perf_counter()
    for part in table.to_batches(max_chunksize=batch_rows):
        scanner.feed(part)
    results = scanner.result()
    seconds = time.perf_counter() - started
    cells = table.num_rows * len(COLUMNS)
    found = 0
    for result in results:
        for hit in result.entities:
            if LABELS.get(result.column) == hit.entity or (result.column, hit.entity) in truth:
                found += min(hit.hits, truth.get((result.column, hit.entity), truth.get(result.column, 0)))
    return {
        "seconds": round(seconds, 2),
        "cells_per_second": round(cells / seconds),
        "distinct_values_analyzed": scanner.cells_analyzed,
        "recall": round(found / sum(truth.values()), 4),
        "recall_note": "from the reported hit counts (estimates past the validation quota)",
        "columns_found": {r.column: r.entity_names for r in results},
    }


def _truth_counts(table: pa.Table, note_labels: list[frozenset[str]]) -> dict[Any, int]:
    """Labelled cells: per structured column, and per (notes column, entity)."""
    truth: dict[Any, int] = {c: table.num_rows - table.column(c).null_count for c, e in LABELS.items() if e}
    for labels in note_labels:
        for entity in labels:
            truth[("CNSL_CN", entity)] = truth.get(("CNSL_CN", entity), 0) + 1
    return truth


def _recall(results: dict[str, list[Any]], sample: pa.Table, note_labels: list[frozenset[str]]) -> float:
    found = total = 0
    for column, entity in LABELS.items():
        for row, cell_results in enumerate(results[column]):
            hit = {r.entity_type for r in cell_results if r.score >= REPORT_THRESHOLD}
            if entity is not None:
                total += 1
                found += entity in hit
            elif column == "CNSL_CN":
                total += len(note_labels[row])
                found += len(note_labels[row] & hit)
    return round(found / total, 4) if total else 1.0


def _warm_up(table: pa.Table) -> None:
    scanner = TableScanner("warm_up", SPEC)
    scanner.feed(table.slice(0, 200))
    scanner.result()


def _peak_rss_mb() -> float:
    """This process's peak RSS (VmHWM). Not ``ru_maxrss``: that survives exec, so a child started by a
    large parent would report the parent's size from before the exec."""
    with open("/proc/self/status") as handle:
        line = next(x for x in handle if x.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize() / 2**20


def run(quick: bool = False) -> dict[str, Any]:
    """Every figure of the detectors, as ``make bench`` records them."""
    logging.disable(logging.WARNING)
    if quick:
        return {
            "accuracy": accuracy(rows=60),
            "accuracy_unseen": accuracy_unseen(rows=60),
            "scan_quota": scan_quota(rows=600, batch_rows=200),
            "address_full_scan": address_full_scan(rows=100_000),
            "speed": speed(rows=20_000, baseline_rows=200),
            "memory": memory(rows=200_000),
        }
    return {
        "accuracy": accuracy(),
        "accuracy_unseen": accuracy_unseen(),
        "scan_quota": scan_quota(),
        "address_full_scan": address_full_scan(),
        "speed": speed(),
        "memory": memory(),
    }


def main(argv: list[str]) -> int:
    """Run the figures (or, with ``memory``, only the memory child) and write the JSON result."""
    logging.disable(logging.WARNING)
    if argv and argv[0] == "memory":
        print(json.dumps(_memory_child(int(argv[1]), int(argv[2]))))
        return 0
    if argv and argv[0] == "quota":  # only scan_quota, merged into detectors.json with its own date
        return _merge_scan_quota()
    if argv and argv[0] == "accuracy":  # both corpora only, e.g. to record figures before a change
        figures = {"accuracy": accuracy(), "accuracy_unseen": accuracy_unseen()}
        name = argv[1] if len(argv) > 1 else "detectors_accuracy"
    else:
        figures = run(quick="--quick" in argv)
        name = "detectors-quick" if "--quick" in argv else "detectors"
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{name}.json"
    out.write_text(json.dumps({"suite": "detectors", "figures": figures}, indent=2, ensure_ascii=False))
    summary = {
        key: {k: v for k, v in value.items() if k != "errors"} if key.startswith("accuracy") else value
        for key, value in figures.items()
    }
    print(json.dumps(summary, indent=1, ensure_ascii=False))
    print(f"-> {out}")
    return 0


def _merge_scan_quota() -> int:
    """Measure ``scan_quota`` alone and store it in detectors.json beside the figures measured before."""
    out = RESULTS / "detectors.json"
    record = json.loads(out.read_text(encoding="utf-8"))
    record["figures"]["scan_quota"] = scan_quota()
    record["figures"]["scan_quota_measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    out.write_text(json.dumps(record, indent=2, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(record["figures"]["scan_quota"], indent=1, ensure_ascii=False))
    print(f"-> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
