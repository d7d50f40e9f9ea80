"""Issue 16's study at its own modest size: 40,000 visits for "diagnosis distribution per procedure".

bench/deid_data.py's ``make_research_visits`` (QIs age at the visit, sex, region, visit date, procedure;
diagnosis sensitive, seven in ten following the procedure; a counselling note naming dates, years of past
procedures, ages and regions), k=5 per patient and l=2, run four ways: local recoding without weights, local
recoding with the procedure weighted, and the default global recoding with the procedure first in
``priority`` or with ``weight: 10``. Each run gives the figures the issue asks of a study's dataset (the
procedure's and the visit date's `*` share, overlapping categories, notes that still write an exact day
beside a generalised visit date) and the report's utility figures. ``python -m bench deid_study`` writes
bench/results/deid_study.json in a few minutes (``BENCH_DEID_RESEARCH_ROWS`` changes the size); the 1M-row
suite is ``python -m bench deid``.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

from bench.bench_deid import KEY, arx_status, utility_figures
from bench.deid_data import make_research_visits, research_spec
from deid.pipeline import DeidResult, RunOptions, deidentify

EXACT_DAY = r"(?<!\d)(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}|\d{1,2}월 \d{1,2}일)(?!\d)"
STUDY = {"k": 5, "l": 2}


def study_figures(result: DeidResult, rows: int, seconds: float) -> dict[str, Any]:
    """What issue 16 measured (the procedure's and date's `*` share, overlaps, exact dates) and utility."""
    out, report = result.dataset, result.report
    columns = report.utility.per_quasi_identifier
    generalised = ~out["visit_date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}")
    leaks = out["note"].fillna("").str.contains(EXACT_DAY) & generalised
    return {
        "method": result.search.method,
        "seconds": round(seconds, 2),
        "generalization": report.generalization,
        "suppressed_rows": report.suppressed_rows,
        "suppression": round(report.suppressed_rows / rows, 4),
        "max_suppression": report.max_suppression,
        "procedure_kept": round(int((out["procedure"] != "*").sum()) / rows, 4),
        "procedure_star_or_removed": columns["procedure"].suppressed,
        "visit_date_star_or_removed": columns["visit_date"].suppressed,
        "notes_with_exact_date_beside_generalised_date": int(leaks.sum()),
        "k_achieved": report.k_achieved,
        "l_achieved": report.l_achieved,
        **utility_figures(report),
        "free_text": report.free_text.get("note", {}),
    }


def research(rows: int, analyzer: Any) -> dict[str, Any]:
    """The study four ways: mondrian unweighted and weighted, the default lattice by priority or by weight."""
    frame = make_research_visits(rows)
    out: dict[str, Any] = {"rows": rows, "purpose": "diagnosis distribution per procedure", **STUDY}
    runs = {
        "mondrian_unweighted": research_spec({**STUDY, "method": "mondrian"}, weight=None),
        "mondrian_procedure_weight_10": research_spec({**STUDY, "method": "mondrian"}),
        "lattice_priority_procedure": research_spec(STUDY, weight=None, priority=["procedure"]),
        "lattice_procedure_weight_10": research_spec(STUDY),
    }
    for name, spec in runs.items():
        started = time.perf_counter()
        result = deidentify(spec, frame, RunOptions(key=KEY, analyzer=analyzer, scan_output=False))
        out[name] = study_figures(result, rows, time.perf_counter() - started)
    return out


def run() -> dict[str, Any]:
    """Every figure of this suite (``python -m bench deid_study``; also part of ``make bench``)."""
    from detectors.analyzer import build_analyzer

    figures = research(int(os.environ.get("BENCH_DEID_RESEARCH_ROWS", "40000")), build_analyzer())
    figures["arx"] = arx_status()
    return figures


if __name__ == "__main__":
    from bench.__main__ import main

    sys.exit(main(["deid_study"]))
