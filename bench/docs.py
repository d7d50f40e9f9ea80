"""Write docs/benchmarks.md from bench/results/*.json, so the published figures are the measured ones.

``python -m bench.docs`` renders ``bench/docs_template.md``: each ``{{suite:dotted.path|format}}`` becomes the
value at that path of ``bench/results/<suite>.json`` (its ``figures``, or the record's own ``at``), formatted
by a Python format spec (``.2f``, ``,``) or one of ``FILTERS``. ``--check`` changes nothing and exits 1 when
docs/benchmarks.md differs from what the results give (the test suite runs it).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
TEMPLATE = ROOT / "bench" / "docs_template.md"
PAGE = ROOT / "docs" / "benchmarks.md"
PLACEHOLDER = re.compile(r"\{\{(?P<suite>\w+):(?P<path>[\w.]+)(?:\|(?P<fmt>[^}]+))?\}\}")

FILTERS: dict[str, Callable[[Any], str]] = {
    "join": lambda v: ", ".join(str(x) for x in v),
    "s": lambda v: f"{v / 1000:.2g}" if v < 1000 else f"{v / 1000:.1f}",  # milliseconds shown in seconds
    "gb": lambda v: f"{v / 1024:.2f}",  # megabytes shown in gigabytes
    "pct": lambda v: f"{v * 100:.1f} %",
    "len": lambda v: str(len(v)),
}


class BenchDocsError(Exception):
    """A placeholder names a result that is not there: the message says which and where."""


def _lookup(record: dict[str, Any], path: str) -> Any:
    if path == "at":
        return record["at"]
    value: Any = record["figures"]
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            raise KeyError(part)
        value = value[part]
    return value


def render(template: str, results: Path = RESULTS) -> str:
    """Return the page: every placeholder of ``template`` replaced by its measured value."""
    records: dict[str, dict[str, Any]] = {}

    def replace(match: re.Match[str]) -> str:
        suite, path, fmt = match["suite"], match["path"], match["fmt"] or ""
        if suite not in records:
            file = results / f"{suite}.json"
            if not file.is_file():
                raise BenchDocsError(
                    f"{TEMPLATE.name}: {match[0]} needs {file.name}; run `python -m bench {suite}`"
                )
            records[suite] = json.loads(file.read_text(encoding="utf-8"))
        try:
            value = _lookup(records[suite], path)
        except KeyError as missing:
            raise BenchDocsError(
                f"{TEMPLATE.name}: {match[0]}: bench/results/{suite}.json has no {missing}; "
                "update the template to what the benchmark writes"
            ) from None
        return FILTERS[fmt](value) if fmt in FILTERS else format(value, fmt)

    return PLACEHOLDER.sub(replace, template)


def main(argv: list[str]) -> int:
    """Write docs/benchmarks.md, or with ``--check`` say whether it is up to date (exit 1 when stale)."""
    try:
        page = render(TEMPLATE.read_text(encoding="utf-8"))
    except BenchDocsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if "--check" in argv:
        if PAGE.read_text(encoding="utf-8") != page:
            print("docs/benchmarks.md is stale: run `python -m bench.docs` and commit it", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(page, encoding="utf-8")
    print(f"-> {PAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
