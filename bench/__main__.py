"""``make bench``: run every benchmark side by side and write the figures to bench/results/.

Usage: ``python -m bench [NAME ...]`` where NAME is a module of this package without its ``bench_`` prefix
(``detectors``, ``sources``, ``scan``, ``cli``, ``deid``, ``deid_study``, ``enforce``, ``documents``); no
name runs them all.
"""

from __future__ import annotations

import importlib
import json
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).parent / "results"
SUITES = ["detectors", "sources", "scan", "cli", "deid", "deid_study", "enforce", "documents"]


def main(argv: list[str]) -> int:
    """Run the named suites (default: all) and write one JSON file per suite."""
    RESULTS.mkdir(exist_ok=True)
    names = argv or SUITES
    for name in names:
        module = importlib.import_module(f"bench.bench_{name}")
        print(f"== bench {name}", flush=True)
        started = time.perf_counter()
        figures = module.run()
        record = {
            "suite": name,
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": {"python": platform.python_version(), "cpus": __import__("os").cpu_count()},
            "seconds": round(time.perf_counter() - started, 1),
            "figures": figures,
        }
        out = RESULTS / f"{name}.json"
        out.write_text(json.dumps(record, indent=2, ensure_ascii=False), encoding="utf-8")
        print(json.dumps(figures, indent=2, ensure_ascii=False))
        print(f"-> {out}", flush=True)
    from bench.docs import main as write_docs

    return write_docs([])  # docs/benchmarks.md shows the figures just measured


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
