"""What keeps the CLI quick to start: nothing heavy before the input is validated, no Prefect server unasked.

Each run is a fresh ``python -m flows.cli`` process, as a user runs it; the test reads which modules that
process imported (through an ``atexit`` hook), not how long it took.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("prefect", "great_expectations", "presidio_analyzer", "kiwipiepy", "spacy")
"""Each of these costs seconds to import on the two-core machines the CLI runs on."""

HOOK = r"""
import atexit, json, os, sys
def _dump():
    with open(os.environ["CLINICSCAN_MODULES_LOG"], "w") as f:
        json.dump(sorted(m for m in sys.modules if "." not in m), f)
atexit.register(_dump)
"""


def _run_cli(tmp_path: Path, *argv: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run the CLI in a fresh process with no Prefect API configured; return it and its top-level imports."""
    hookdir = tmp_path / "hook"
    hookdir.mkdir(exist_ok=True)
    (hookdir / "sitecustomize.py").write_text(HOOK, encoding="utf-8")
    log = tmp_path / "modules.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "CLINICSCAN_PREFECT"))}
    repo = Path(__file__).resolve().parents[2]
    env.update(
        {
            "PYTHONPATH": os.pathsep.join([str(hookdir), str(repo)]),
            "CLINICSCAN_MODULES_LOG": str(log),
            "PREFECT_HOME": str(tmp_path / "prefect-home"),  # no profile with an API URL
        }
    )
    proc = subprocess.run(
        [sys.executable, "-m", "flows.cli", *argv],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return proc, set(json.loads(log.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    "body",
    [
        "sourcse:\n  - name: emr\n    url: sqlite://\n",  # a misspelt key
        "sources:\n  - name: emr\n    url: sqlite://\npolicy: no-such-policy.yaml\n",  # a missing policy
        "sources: [\n",  # broken YAML
    ],
)
def test_a_configuration_error_exits_before_anything_heavy_is_imported(tmp_path: Path, body: str) -> None:
    config = tmp_path / "scan.yaml"
    config.write_text(body, encoding="utf-8")
    proc, modules = _run_cli(tmp_path, "scan", "--config", str(config), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert modules.isdisjoint(HEAVY), sorted(modules & set(HEAVY))


@pytest.mark.slow
def test_a_scan_without_a_prefect_api_runs_without_prefect(tmp_path: Path) -> None:
    db = tmp_path / "clinic.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE patients (id INTEGER PRIMARY KEY, phone TEXT)")
        phones = [(f"010-{i:04d}-{i * 7 % 10000:04d}",) for i in range(50)]
        conn.executemany("INSERT INTO patients (phone) VALUES (?)", phones)
    config = tmp_path / "scan.yaml"
    config.write_text(f"sources:\n  - name: emr\n    url: sqlite:///{db}\n", encoding="utf-8")
    out = tmp_path / "out"
    proc, modules = _run_cli(tmp_path, "--quiet", "scan", "--config", str(config), "--out", str(out))
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "prefect" not in modules  # no ephemeral API server, no flow run: the reports are the record
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert [c["column"] for c in findings["columns"]] == ["phone"]
