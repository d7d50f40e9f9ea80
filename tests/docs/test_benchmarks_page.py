"""docs/benchmarks.md shows what bench/results/ holds: never a figure copied by hand, never a stale one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import docs


def test_the_page_is_what_the_results_give() -> None:
    assert docs.PAGE.read_text(encoding="utf-8") == docs.render(docs.TEMPLATE.read_text(encoding="utf-8")), (
        "docs/benchmarks.md is stale: run `python -m bench.docs` and commit it"
    )


def test_a_new_result_changes_the_page(tmp_path: Path) -> None:
    for file in docs.RESULTS.glob("*.json"):
        (tmp_path / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    record = json.loads((tmp_path / "enforce.json").read_text(encoding="utf-8"))
    record["figures"]["retention"]["rows_per_second"] = 123_456
    (tmp_path / "enforce.json").write_text(json.dumps(record), encoding="utf-8")
    page = docs.render(docs.TEMPLATE.read_text(encoding="utf-8"), tmp_path)
    assert "**123,456 rows/s**" in page


def test_a_placeholder_without_its_figure_names_it(tmp_path: Path) -> None:
    (tmp_path / "scan.json").write_text(json.dumps({"at": "today", "figures": {}}), encoding="utf-8")
    with pytest.raises(docs.BenchDocsError, match=r"scan:full_scan\.rows.*has no 'full_scan'"):
        docs.render("{{scan:full_scan.rows|,}}", tmp_path)
    with pytest.raises(docs.BenchDocsError, match="run `python -m bench deid`"):
        docs.render("{{deid:main.rows}}", tmp_path)
