"""A cell or a file over a million characters is scanned, not a crash: spaCy's limit is not the scan's."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from flows.cli import main
from reports.findings_json import read_findings
from tests.sources import dockit

pytestmark = pytest.mark.usefixtures("prefect_harness")

A, B = dockit.people(2, seed=13)
FILLER = "진료 경과 양호함. " * (550_000 // 11)


def test_a_scan_finds_the_rrn_in_a_huge_note_column_and_a_huge_text_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = f"{FILLER}{A.sentence} {FILLER}"
    assert len(note) > 1_000_000
    with sqlite3.connect(tmp_path / "emr.sqlite") as conn:
        conn.execute("CREATE TABLE charts (chart_no INTEGER, memo TEXT)")
        conn.executemany("INSERT INTO charts VALUES (?, ?)", [(i, "경과 관찰") for i in range(30)])
        conn.execute("INSERT INTO charts VALUES (99, ?)", (note,))
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "memo.txt").write_text(f"{FILLER}{B.sentence} {FILLER}", encoding="utf-8")
    config = tmp_path / "scan.yaml"
    config.write_text(
        f"sources:\n  - name: emr\n    url: sqlite:///{tmp_path / 'emr.sqlite'}\n"
        "  - name: files\n    path: exports\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    argv = ["--quiet", "scan", "--config", str(config), "--out", str(out), "--full", "--fail-on", "high"]
    code = main(argv)
    printed = capsys.readouterr()
    assert code == 1, printed.out + printed.err  # findings, not a crash (70) nor an incomplete scan (3)
    findings = read_findings(out / "findings.json")
    rrn_columns = {(c.source, c.table, c.column) for c in findings.columns if "KR_RRN" in c.entities}
    assert {("emr", "charts", "memo"), ("files", "memo.txt", "text")} <= rrn_columns, findings.columns
    assert all(s.status == "ok" for s in findings.sources), findings.sources
    assert A.rrn not in printed.out and B.rrn not in printed.out
