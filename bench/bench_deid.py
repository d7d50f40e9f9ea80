"""De-identification benchmark: 1,000,000 visits, 6 quasi-identifiers, k=10, l=2, at most 5% suppression.

Issue 16's study (40,000 visits with counselling notes) is its own, smaller suite: bench/bench_deid_study.py.

Also compares information loss and suppression at k=2, 5, 10 with reference implementations from PyPI on
the same data and hierarchies: anjana (full-domain generalization, like ours) and anonypy (Mondrian
multidimensional partitioning). The references are slow, so the comparison runs on a sample
(``BENCH_DEID_COMPARE_ROWS``, default 20,000 rows). ``python -m bench.bench_deid`` writes
bench/results/deid.json.
"""

from __future__ import annotations

import os
import resource
import sys
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import psutil

from bench.deid_data import make_visits
from deid.encode import EncodedQI
from deid.pipeline import RunOptions, deidentify
from deid.prepare import encode_quasi_identifiers
from deid.report import DeidReport
from deid.spec import DeidSpec, parse_spec

KEY = b"benchmark-key-not-a-secret-0123456789"
QIS = ["age", "sex", "address", "visit_date", "procedure", "referral_code"]


def bench_spec(
    k: int,
    l: int | None,  # noqa: E741
    max_suppression: float,
    per_patient: bool = True,
    method: str = "mondrian",
) -> DeidSpec:
    """The benchmark's deid.yaml: direct identifiers dropped, 6 QIs, diagnosis sensitive."""
    return parse_spec(
        {
            "source": {"path": "visits.parquet"},
            "purpose": "benchmark",
            "recipient": "benchmark",
            "operator": "bench",
            "processing_period": {"start": "2025-01-01", "end": "2025-12-31"},
            "patient_key": "patient_id" if per_patient else None,
            "columns": {
                "visit_id": {"role": "direct_identifier"},
                "patient_id": {"role": "linkage_key" if per_patient else "direct_identifier"},
                "name": {"role": "direct_identifier"},
                "rrn": {"role": "direct_identifier"},
                "phone": {"role": "direct_identifier"},
                "age": {"role": "quasi_identifier", "from": "birth_date", "hierarchy": "age"},
                "sex": {"role": "quasi_identifier", "from": "rrn", "hierarchy": "sex_rrn"},
                "address": {"role": "quasi_identifier", "hierarchy": "region"},
                "visit_date": {"role": "quasi_identifier", "hierarchy": "date"},
                "procedure": {"role": "quasi_identifier", "hierarchy": "procedure"},
                "referral_code": {"role": "quasi_identifier", "hierarchy": "kcd"},
                "diagnosis": {"role": "sensitive"},
            },
            "privacy": {"k": k, "l": l, "max_suppression": max_suppression, "method": method},
        }
    )


class PeakRss:
    """Samples the process's resident memory every 10 ms while active."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._proc = psutil.Process()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._proc.memory_info().rss)
            time.sleep(0.01)

    def __enter__(self) -> PeakRss:
        self.peak = self._proc.memory_info().rss
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def bench_main(frame: pd.DataFrame, method: str, analyzer: Any) -> dict[str, Any]:
    """The headline figure: wall time and peak memory of one full run (post-checks included)."""
    rows = len(frame)
    spec = bench_spec(10, 2, 0.05, method=method)
    before = psutil.Process().memory_info().rss
    with PeakRss() as mem:
        started = time.perf_counter()
        result = deidentify(spec, frame, RunOptions(key=KEY, analyzer=analyzer))
        wall = time.perf_counter() - started
    report = result.report
    return {
        "method": method,
        "rows": rows,
        "patients": int(frame["patient_id"].nunique()),
        "quasi_identifiers": QIS,
        "k": 10,
        "l": 2,
        "max_suppression": 0.05,
        "anonymization_seconds": round(sum(result.timings[s] for s in ("prepare", "search", "build")), 2),
        "post_checks_seconds": round(result.timings["post_checks"], 2),
        "wall_seconds": round(wall, 2),
        "timings": {k: round(v, 2) for k, v in result.timings.items()},
        "rss_before_mb": round(before / 2**20),
        "peak_rss_mb": round(mem.peak / 2**20),
        "peak_extra_mb": round((mem.peak - before) / 2**20),
        "lattice_nodes": result.search.nodes_total,
        "nodes_checked": result.search.nodes_checked,
        "generalization": report.generalization,
        "suppressed_rows": report.suppressed_rows,
        "suppression": round(report.suppressed_rows / rows, 4),
        "k_achieved": report.k_achieved,
        "l_achieved": report.l_achieved,
        **utility_figures(report),
    }


def utility_figures(report: DeidReport) -> dict[str, Any]:
    """Issue 16's utility figures of one run, as the report gives them (the bench shows the same numbers).

    Per quasi-identifier the share of rows at each level and the share of values lost, discernibility,
    average class size, the classification metric per sensitive attribute, and every QI x sensitive
    cross-tabulation's distance between input and output.
    """
    utility = report.utility
    return {
        "information_loss": utility.information_loss,
        "discernibility": utility.discernibility,
        "average_class_size": utility.average_class_size,
        "overlapping_categories": utility.overlapping_categories,
        "weights": utility.weights,
        "per_quasi_identifier": {k: v.model_dump() for k, v in utility.per_quasi_identifier.items()},
        "classification": {k: v.model_dump() for k, v in utility.classification.items()},
        "crosstabs": {f"{c.quasi_identifier}_x_{c.sensitive}": c.model_dump() for c in utility.crosstabs},
    }


def _level_tables(qis: list[EncodedQI]) -> dict[str, list[dict[str, float]]]:
    """QI -> per level, label -> loss (to score any full-domain output with our loss metric)."""
    return {
        q.column: [dict(zip(q.labels[lv], q.loss[lv], strict=True)) for lv in range(len(q.level_names))]
        for q in qis
    }


def _ours(frame: pd.DataFrame, k: int, method: str) -> dict[str, Any]:
    spec = bench_spec(k, None, 0.05, per_patient=False, method=method)
    started = time.perf_counter()
    result = deidentify(spec, frame, RunOptions(key=KEY, scan_output=False))
    return {
        "information_loss": round(result.report.utility.information_loss, 4),
        "suppressed_rows": result.report.suppressed_rows,
        "seconds": round(time.perf_counter() - started, 2),
        "generalization": result.report.generalization,
    }


def _generalized_input(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[EncodedQI]]:
    """The QIs at their finest level (the references' input) and our encodings of them."""
    qis = encode_quasi_identifiers(bench_spec(2, None, 0.05, per_patient=False), frame, KEY)
    data = pd.DataFrame({q.column: q.values(0).fillna("(none)").to_numpy(dtype=object) for q in qis})
    return data, qis


def _anjana(frame: pd.DataFrame, k: int) -> dict[str, Any]:
    from anjana.anonymity import _k_anonymity as anjana_k

    data, qis = _generalized_input(frame)
    data["id"] = np.arange(len(data))
    hierarchies = {}
    for q in qis:
        first = pd.Series(np.arange(len(q.codes[0]))).groupby(q.codes[0]).first().to_numpy()
        hierarchies[q.column] = {
            lv: np.array([q.labels[lv][q.codes[lv][r]] or "(none)" for r in first], dtype=object)
            for lv in range(len(q.level_names))
        }
    started = time.perf_counter()
    out, _suppressed, levels = anjana_k.k_anonymity_inner(data, ["id"], QIS, k, 5, hierarchies)
    seconds = time.perf_counter() - started
    tables = _level_tables(qis)
    loss = sum(out[c].map(tables[c][levels[c]]).fillna(0).sum() for c in QIS) if len(out) else 0.0
    n = len(frame)
    return {
        "information_loss": round((loss + (n - len(out)) * len(QIS)) / (n * len(QIS)), 4),
        "suppressed_rows": int(n - len(out)),
        "seconds": round(seconds, 2),
        "generalization": {c: qis[i].level_names[levels[c]] for i, c in enumerate(QIS)},
    }


def _anonypy(frame: pd.DataFrame, k: int) -> dict[str, Any]:
    from anonypy import mondrian

    data, _qis = _generalized_input(frame)
    numeric = {"age": _ordinal(data["age"]), "visit_date": _ordinal(data["visit_date"])}
    df = pd.DataFrame({c: numeric[c] if c in numeric else data[c].astype("category") for c in QIS})
    df["diagnosis"] = frame["diagnosis"].to_numpy()
    started = time.perf_counter()
    partitions = mondrian.Mondrian(df, QIS, "diagnosis").partition(k)
    seconds = time.perf_counter() - started
    part = np.empty(len(df), dtype=np.int64)
    for i, index in enumerate(partitions):
        part[index] = i
    loss = 0.0
    for c in QIS:
        leaves = df[c].nunique()
        grouped = df.groupby(part, observed=True)[c]
        if c in numeric:  # a range covers every finest value between its ends
            domain = np.sort(df[c].unique())
            covered = np.searchsorted(domain, grouped.transform("max"), side="right") - np.searchsorted(
                domain, grouped.transform("min")
            )
        else:  # a set covers its members
            covered = grouped.transform("nunique")
        loss += float(((np.asarray(covered) - 1) / max(leaves - 1, 1)).sum())
    return {
        "information_loss": round(loss / (len(df) * len(QIS)), 4),
        "suppressed_rows": 0,
        "seconds": round(seconds, 2),
        "partitions": len(partitions),
    }


def _ordinal(labels: pd.Series) -> pd.Series:
    """Ages and dates as ranks of their finest labels (``90+`` above every age, missing first)."""
    order = sorted(
        labels.unique(), key=lambda v: (v != "(none)", v == "90+", int(v) if v.isdigit() else 0, v)
    )
    return labels.map({v: i for i, v in enumerate(order)}).astype(int)


def compare(rows: int, ks: tuple[int, ...] = (2, 5, 10)) -> dict[str, Any]:
    """Information loss and suppression at each k: ours, anjana and anonypy on the same rows (per-row k)."""
    frame = make_visits(rows, seed=11)
    out: dict[str, Any] = {"rows": rows, "metric": "loss metric (LM), suppressed cells count 1", "by_k": {}}
    for k in ks:
        entry: dict[str, Any] = {
            "ours_mondrian": _ours(frame, k, "mondrian"),
            "ours_lattice": _ours(frame, k, "lattice"),
        }
        for name, fn in (("anjana", _anjana), ("anonypy_mondrian", _anonypy)):
            try:
                entry[name] = fn(frame, k)
            except Exception as exc:  # a reference failing must not hide our figures
                entry[name] = {"error": f"{type(exc).__name__}: {exc}"[:300]}
        out["by_k"][str(k)] = entry
    return out


def arx_status() -> str:
    """Whether ARX 3.9 (libarx, Java) can run here: it comes only from Maven Central."""
    local = Path.home() / ".m2" / "repository" / "org" / "deidentifier" / "libarx"
    if local.exists():
        return f"libarx found in {local}, but no Java harness is wired into this bench yet"
    return (
        "ARX 3.9 not run: libarx is published only on Maven Central, which this machine cannot reach "
        "(`mvn dependency:get -Dartifact=org.deidentifier:libarx:3.9.1` fails resolving its plugins; Debian "
        "has no ARX package); compared instead with anjana and anonypy from PyPI on the same rows, QIs and k"
    )


def run() -> dict[str, Any]:
    """Every figure of this suite (``make bench``)."""
    rows = int(os.environ.get("BENCH_DEID_ROWS", "1000000"))
    compare_rows = int(os.environ.get("BENCH_DEID_COMPARE_ROWS", "20000"))
    from detectors.analyzer import build_analyzer

    analyzer = build_analyzer()
    frame = make_visits(rows)
    figures: dict[str, Any] = {
        "main": bench_main(frame, "mondrian", analyzer),
        "main_lattice": bench_main(frame, "lattice", analyzer),
    }
    del frame
    figures["arx"] = arx_status()
    figures["compare"] = compare(compare_rows)
    figures["process_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return figures


if __name__ == "__main__":
    from bench.__main__ import main

    sys.exit(main(["deid"]))
