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

from demo import DemoOptions, build_demo
from flows.cli import EXIT_FINDINGS, EXIT_INCOMPLETE, EXIT_OK, EXIT_USAGE
from tests.readme import deid_yaml_example

HEAVY = ("prefect", "great_expectations", "presidio_analyzer", "kiwipiepy", "spacy")
"""Each of these costs seconds to import on the two-core machines the CLI runs on."""

READERS = ("pyarrow", "pandas", "polars")
"""What the source readers import (seconds on a busy machine): reading scan.yaml needs none of it."""

HOOK = r"""
import atexit, json, os, sys
_parent = os.environ.setdefault("CLINICSCAN_MODULES_PID", str(os.getpid()))  # the CLI's own process only
def _dump():
    if _parent == str(os.getpid()):
        with open(os.environ["CLINICSCAN_MODULES_LOG"], "w") as f:
            json.dump(sorted(m for m in sys.modules if "." not in m), f)
atexit.register(_dump)
"""


DEID_KEY = {"CLINICSCAN_DEID_KEY": "a-key-kept-apart-from-the-data-0123456789"}


def _run_cli(
    tmp_path: Path, *argv: str, env_extra: dict[str, str] | None = None
) -> tuple[subprocess.CompletedProcess[str], set[str]]:
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
            **(env_extra or {}),
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
    assert modules.isdisjoint(HEAVY + READERS), sorted(modules & set(HEAVY + READERS))


@pytest.mark.slow
def test_a_scan_without_a_prefect_api_or_names_runs_without_prefect_or_kiwipiepy(tmp_path: Path) -> None:
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
    assert "Coverage: 1 table read in 1 source; nothing missed" in proc.stdout
    assert "prefect" not in modules  # no ephemeral API server, no flow run: the reports are the record
    # the policy checks ran in a process that imported Great Expectations while this one read the table
    assert "great_expectations" not in modules
    # no names or free text to tell apart: kiwipiepy's language model (seconds, ~500 MB) is never loaded
    assert "kiwipiepy" not in modules
    assert "openpyxl" not in modules  # a database scan does not load the Excel reader
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert [c["column"] for c in findings["columns"]] == ["phone"]


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo clinic (SQLite) with an ``enforcement:`` block and the deid.yaml of the docs beside it."""
    home = tmp_path_factory.mktemp("clinic")
    build_demo(None, home, DemoOptions(patients=400, seed=5))
    db = home / "clinic.sqlite"
    with (home / "scan.yaml").open("a", encoding="utf-8") as config:
        config.write(f"enforcement:\n  url: sqlite:///{db}\n")
    (home / "deid.yaml").write_text(deid_yaml_example(db), encoding="utf-8")
    (home / "typo.yaml").write_text(
        (home / "scan.yaml").read_text(encoding="utf-8").replace("\nsources:", "\nsourcse:"), encoding="utf-8"
    )
    (home / "deid-typo.yaml").write_text(
        (home / "deid.yaml").read_text(encoding="utf-8").replace("\nprivacy:", "\nprivacyy:"),
        encoding="utf-8",
    )
    return home


def _email(clinic: Path) -> str:
    with sqlite3.connect(clinic / "clinic.sqlite") as conn:
        (email,) = conn.execute("SELECT email FROM members WHERE email IS NOT NULL LIMIT 1").fetchone()
    return str(email)


CONFIG_ERRORS = {
    "retention, a misspelt key": ["retention", "--config", "{clinic}/typo.yaml"],
    "subject, a misspelt key": ["subject", "--config", "{clinic}/typo.yaml", "--find", "email=a@b.kr"],
    "subject, a --find without a value": ["subject", "--config", "{clinic}/scan.yaml", "--find", "email"],
    "deidentify, a misspelt key": ["deidentify", "--config", "{clinic}/deid-typo.yaml", "--out", "{out}"],
    "gate, an unknown consignee": ["gate", "{clinic}/exports/infonet-hosting", "--consignee", "nobody"],
    "gate, a missing folder": ["gate", "{clinic}/no-such-folder", "--consignee", "infonet-hosting"],
}


@pytest.mark.parametrize("case", sorted(CONFIG_ERRORS))
def test_every_command_reports_a_configuration_error_before_anything_heavy_is_imported(
    tmp_path: Path, clinic: Path, case: str
) -> None:
    argv = [a.format(clinic=clinic, out=tmp_path / "out") for a in CONFIG_ERRORS[case]]
    proc, modules = _run_cli(tmp_path, *argv, env_extra=DEID_KEY)
    assert proc.returncode == EXIT_USAGE, proc.stderr
    assert proc.stderr.startswith("clinicscan: error: ") and "Traceback" not in proc.stderr
    assert modules.isdisjoint(HEAVY), sorted(modules & set(HEAVY))
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
@pytest.mark.parametrize("command", ["retention", "subject", "deidentify", "gate"])
def test_a_one_off_run_without_a_prefect_api_runs_without_prefect(
    tmp_path: Path, clinic: Path, command: str
) -> None:
    out = tmp_path / "out"
    argv, expected, written = {
        "retention": (["retention", "--config", f"{clinic}/scan.yaml"], EXIT_OK, "retention-plan.html"),
        # the demo keeps resident numbers encrypted: the answer names the columns not searched (3)
        "subject": (
            ["subject", "--config", f"{clinic}/scan.yaml", "--find", f"email={_email(clinic)}"],
            EXIT_INCOMPLETE,
            "access-report.html",
        ),
        "deidentify": (["deidentify", "--config", f"{clinic}/deid.yaml"], EXIT_OK, "dataset.parquet"),
        # the demo's export folder holds categories the hosting consignee may not receive
        "gate": (
            ["gate", f"{clinic}/exports/infonet-hosting", "--consignee", "infonet-hosting"],
            EXIT_FINDINGS,
            None,
        ),
    }[command]
    if command != "gate":
        argv += ["--out", str(out)]
    proc, modules = _run_cli(tmp_path, "--quiet", *argv, env_extra=DEID_KEY)
    assert proc.returncode == expected, proc.stdout[-2000:] + proc.stderr[-3000:]
    assert "prefect" not in modules  # no ephemeral API server, no flow run: the reports are the record
    if written:
        assert (out / written).exists(), sorted(p.name for p in out.iterdir())
