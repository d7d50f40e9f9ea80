"""The CLI measured as a user runs it (issue 14), beside the library call, side by side in one run.

Every CLI figure is a fresh ``python -m flows.cli`` process: its wall time, the span inside the flow
(findings.json ``started_at`` -> ``finished_at``: the tables read, detected and checked) and the peak RSS
of the process tree (the CLI and any child it starts, sampled every 20 ms). No Prefect API is configured,
as on a fresh install (``docs/running-scans.md``).

- ``startup``: ``--help``, a misspelt key in scan.yaml, and a sample scan of a 100-row PostgreSQL table,
  beside ``scan_table`` of the same table in this (warm) process.
- ``commands``: a configuration error of ``retention``, ``subject``, ``deidentify`` and ``gate``, and a
  one-off run of each on a 400-patient demo clinic (a retention plan, an access request, the deid.yaml of
  docs/deidentification.md, the gate of its export folder): none of them may start Prefect's API server.
- ``sample_300``: sample mode over 300 tables of 2,000 rows in one schema (target <= 60 s wall).
- ``full_1m``: a full scan of a 1,000,000-row, 11-column table of Korean patient data against ``COPY``
  into Arrow of the same table, interleaved in this run, medians of three rounds (targets: span <= 3x
  COPY, wall - span <= 5 s, peak RSS <= 1 GB). ``CLINICSCAN_BENCH_CLI_ROWS`` changes the size.
- ``full_5m``: the same scan of 5,000,000 rows once, for its peak RSS (the memory stays flat).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import psutil
import sqlalchemy as sa

from bench.bench_scan import COLUMNS, FILL, copy_to_arrow

PG_URL = os.environ.get("CLINICSCAN_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
FULL_ROWS = int(os.environ.get("CLINICSCAN_BENCH_CLI_ROWS", "1000000"))
FLAT_ROWS = int(os.environ.get("CLINICSCAN_BENCH_CLI_FLAT_ROWS", "5000000"))
"""The larger full scan whose peak RSS must stay that of the 1M one (memory flat in the rows)."""
REPO = Path(os.environ.get("CLINICSCAN_BENCH_REPO", Path(__file__).resolve().parents[1]))
"""The checkout whose CLI is run (another one, e.g. a release, to compare before and after in one run)."""


def _schema(admin: sa.Engine, tables: dict[str, int]) -> str:
    schema = f"bench_cli_{uuid.uuid4().hex[:8]}"
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        for name, rows in tables.items():
            table = f'"{schema}"."{name}"'
            conn.execute(sa.text(f"CREATE TABLE {table} ({COLUMNS})"))
            conn.execute(sa.text(FILL.format(table=table)), {"rows": rows})
    _settle(admin, [f'"{schema}"."{name}"' for name in tables])
    return schema


def _settle(admin: sa.Engine, tables: list[str]) -> None:
    """Vacuum and analyse the new tables, then checkpoint: the server's catch-up work is done before timing.

    A freshly loaded table is vacuumed by autovacuum within a minute, and the load's dirty pages are
    written at the next checkpoint; either, landing inside a timed run, costs it a core for seconds (the
    1M-row scan's span went from 3.2 to 3.7 s). A clinic's tables are not freshly loaded when scanned.
    """
    with admin.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        for table in tables:
            conn.execute(sa.text(f"VACUUM (ANALYZE) {table}"))
        conn.execute(sa.text("CHECKPOINT"))


def _drop(admin: sa.Engine, schema: str) -> None:
    with admin.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))


def _env(home: Path) -> dict[str, str]:
    """The user's environment without a Prefect API (a fresh install), the worktree first on the path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_API", "CLINICSCAN_PREFECT"))}
    env["PREFECT_HOME"] = str(home / "prefect-home")
    env["PYTHONPATH"] = str(REPO)
    env.setdefault("CLINICSCAN_DEID_KEY", "bench-only-key-0123456789abcdef0123456789")  # synthetic data
    return env


def _tree_rss(proc: psutil.Process) -> int:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            continue
    return total


def run_cli(argv: list[str], home: Path) -> dict[str, Any]:
    """Run ``python -m flows.cli ARGV`` in a fresh process: exit code, wall time, peak RSS of its tree."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", *argv],
        cwd=home,
        env=_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = 0
    watched = psutil.Process(child.pid)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                peak = max(peak, _tree_rss(watched))
            except psutil.Error:
                return
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = child.communicate()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    figures: dict[str, Any] = {"exit": child.returncode, "wall_s": round(wall, 3)}
    figures["peak_rss_mb"] = round(peak / 2**20, 1)
    if child.returncode not in (0, 1, 2, 3):  # a failure is a figure too (the ephemeral server timing out)
        figures["error"] = err.strip().splitlines()[0][:300] if err.strip() else "no message"
    return figures


def _scan_cli(config: Path, out: Path, home: Path, full: bool = False) -> dict[str, Any]:
    argv = ["--quiet", "scan", "--config", str(config), "--out", str(out)] + (["--full"] if full else [])
    figures = run_cli(argv, home)
    if "error" in figures:
        return figures
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    span = (
        datetime.fromisoformat(findings["finished_at"]) - datetime.fromisoformat(findings["started_at"])
    ).total_seconds()
    figures["span_in_flow_s"] = round(span, 3)
    figures["wall_minus_span_s"] = round(figures["wall_s"] - span, 3)
    figures["columns_found"] = len(findings["columns"])
    return figures


def _config(home: Path, schema: str, rows: int = 1000) -> Path:
    config = home / f"{schema}.yaml"
    config.write_text(
        f"sampling: {{rows: {rows}}}\nsources:\n  - name: emr\n    url: {PG_URL}\n    schema: {schema}\n",
        encoding="utf-8",
    )
    return config


def _timed(step: Callable[[], Any]) -> float:
    started = time.perf_counter()
    step()
    return time.perf_counter() - started


def startup(home: Path, admin: sa.Engine) -> dict[str, Any]:
    """``--help``, a config error and a 100-row scan through the CLI, beside the library call."""
    from flows.config import Sampling
    from flows.steps import scan_table
    from sources import open_source

    schema = _schema(admin, {"patients": 100})
    try:
        config = _config(home, schema)
        typo = home / "typo.yaml"
        typo.write_text(config.read_text(encoding="utf-8").replace("sources:", "sourcse:"), encoding="utf-8")
        figures: dict[str, Any] = {
            "help": run_cli(["--help"], home),
            "config_error": run_cli(["scan", "--config", str(typo), "--out", str(home / "typo-out")], home),
            "scan_100_rows": _scan_cli(config, home / "out-100", home),
        }
        source = open_source("bench", url=PG_URL, schema=schema)
        scan_table(source, "patients", Sampling(mode="sample", rows=1000))  # warm: models loaded once
        library = _timed(lambda: scan_table(source, "patients", Sampling(mode="sample", rows=1000)))
        source.close()
        figures["library_scan_table_warm_s"] = round(library, 3)
        figures["targets"] = {"scan_100_rows_wall_s": "<= 5 (aim 2)", "config_error_wall_s": "<= 2 (aim 0.5)"}
        return figures
    finally:
        _drop(admin, schema)


def _clinic(home: Path) -> tuple[Path, str]:
    """The demo clinic with an ``enforcement:`` block, the docs' deid.yaml, a typo of each; an email."""
    from demo import DemoOptions, build_demo

    clinic = home / "clinic"
    build_demo(None, clinic, DemoOptions(patients=400, seed=5))
    db = clinic / "clinic.sqlite"
    scan_yaml = (clinic / "scan.yaml").read_text(encoding="utf-8") + f"enforcement:\n  url: sqlite:///{db}\n"
    (clinic / "scan.yaml").write_text(scan_yaml, encoding="utf-8")
    (clinic / "typo.yaml").write_text(scan_yaml.replace("\nsources:", "\nsourcse:"), encoding="utf-8")
    page = (REPO / "docs" / "deidentification.md").read_text(encoding="utf-8")
    match = re.search(r"## deid.yaml.*?```yaml\n(.*?)```", page, re.S)
    deid = match.group(1).replace("sqlite:///demo-out/clinic.sqlite", f"sqlite:///{db}") if match else ""
    (clinic / "deid.yaml").write_text(deid, encoding="utf-8")
    (clinic / "deid-typo.yaml").write_text(deid.replace("\nprivacy:", "\nprivacyy:"), encoding="utf-8")
    with sqlite3.connect(db) as conn:
        (email,) = conn.execute("SELECT email FROM members WHERE email IS NOT NULL LIMIT 1").fetchone()
    return clinic, str(email)


def commands(home: Path, admin: sa.Engine | None = None) -> dict[str, Any]:
    """Each other command's configuration error and one-off run through the CLI, no Prefect API configured."""
    clinic, email = _clinic(home)
    out = str(home / "out-commands")
    exports = str(clinic / "exports" / "infonet-hosting")
    cases = {
        "retention_config_error": ["retention", "--config", f"{clinic}/typo.yaml", "--out", out],
        "subject_config_error": ["subject", "--config", f"{clinic}/typo.yaml", "--find", f"email={email}"],
        "deidentify_config_error": ["deidentify", "--config", f"{clinic}/deid-typo.yaml", "--out", out],
        "gate_config_error": ["gate", exports, "--consignee", "no-such-consignee"],
        "retention_plan": ["--quiet", "retention", "--config", f"{clinic}/scan.yaml", "--out", out],
        "subject_access": [
            *(
                "--quiet",
                "subject",
                "--config",
                f"{clinic}/scan.yaml",
                "--find",
                f"email={email}",
                "--out",
                out,
            )
        ],
        "deidentify": ["--quiet", "deidentify", "--config", f"{clinic}/deid.yaml", "--out", out],
        "gate": ["--quiet", "gate", exports, "--consignee", "infonet-hosting"],
    }
    figures: dict[str, Any] = {name: run_cli(argv, home) for name, argv in cases.items()}
    figures["targets"] = {"config_error_wall_s": "<= 2 (aim 0.5)"}
    return figures


def sample_300(home: Path, admin: sa.Engine, tables: int = 300) -> dict[str, Any]:
    """Sample mode over ``tables`` tables of 2,000 rows in one schema, through the CLI."""
    schema = _schema(admin, {f"t{i:03d}": 2000 for i in range(tables)})
    try:
        figures = _scan_cli(_config(home, schema), home / "out-300", home)
        figures["tables"] = tables
        figures["seconds_per_table"] = round(figures["wall_s"] / tables, 3)
        figures["target"] = "<= 60 s wall (aim 30 s)"
        return figures
    finally:
        _drop(admin, schema)


FULL_REPEATS = int(os.environ.get("CLINICSCAN_BENCH_CLI_REPEATS", "3"))
"""CLI scans and COPY reads of the 1M-row table, interleaved; the medians are compared."""


def full_scan(home: Path, admin: sa.Engine, rows: int = FULL_ROWS) -> dict[str, Any]:
    """Full scans through the CLI against COPY into Arrow of the same table, interleaved in one run.

    Each round times one COPY, then one CLI scan; the figures are the CLI run of median span and the
    median COPY (the fastest COPY against one CLI run would favour the read), with every round listed.
    """
    schema = _schema(admin, {"patients": rows})
    try:
        table = f'"{schema}"."patients"'
        copy_to_arrow(admin, table)  # warm the server's cache, so neither side pays for it alone
        runs, copies = [], []
        for _ in range(FULL_REPEATS):
            copies.append(_timed(lambda: copy_to_arrow(admin, table)))
            runs.append(_scan_cli(_config(home, schema), home / "out-full", home, full=True))
        if any("error" in run for run in runs):
            return next(run for run in runs if "error" in run)
        library_s = _library_full_scan(schema)
        figures = sorted(runs, key=lambda run: float(run["span_in_flow_s"]))[len(runs) // 2]
        copy_s = sorted(copies)[len(copies) // 2]
        figures.update(
            {
                "rows": rows,
                "columns": 11,
                "copy_to_arrow_s": round(copy_s, 3),
                "ratio_span_vs_copy": round(figures["span_in_flow_s"] / copy_s, 2),
                "library_scan_table_s": round(library_s, 3),
                "ratio_library_vs_copy": round(library_s / copy_s, 2),
                "peak_rss_mb": max(float(run["peak_rss_mb"]) for run in runs),  # the worst round's
                "rounds": {
                    "span_in_flow_s": [run["span_in_flow_s"] for run in runs],
                    "wall_s": [run["wall_s"] for run in runs],
                    "peak_rss_mb": [run["peak_rss_mb"] for run in runs],
                    "copy_to_arrow_s": [round(c, 3) for c in copies],
                },
                "targets": "span <= 3x COPY (aim 2x); wall - span <= 5 s; peak RSS <= 1 GB (aim 512 MB)",
            }
        )
        return figures
    finally:
        _drop(admin, schema)


def _library_full_scan(schema: str) -> float:
    """``scan_table`` of the same table in full mode in this process, models built first: the library call."""
    from detectors.classify import warm
    from flows.config import Sampling
    from flows.steps import scan_table
    from sources import open_source

    warm()
    source = open_source("bench", url=PG_URL, schema=schema)
    try:
        return _timed(lambda: scan_table(source, "patients", Sampling(mode="full")))
    finally:
        source.close()


def full_scan_flat(home: Path, admin: sa.Engine, rows: int = FLAT_ROWS) -> dict[str, Any]:
    """A full scan of ``FLAT_ROWS`` rows through the CLI: wall, span and peak RSS (the memory is flat)."""
    schema = _schema(admin, {"patients": rows})
    try:
        figures = _scan_cli(_config(home, schema), home / "out-flat", home, full=True)
        figures.update({"rows": rows, "columns": 11, "target": "peak RSS as at 1M rows, <= 1 GB"})
        return figures
    finally:
        _drop(admin, schema)


def run() -> dict[str, Any]:
    """``make bench``: every CLI figure of issue 14, side by side."""
    admin = sa.create_engine(PG_URL)
    with tempfile.TemporaryDirectory(prefix="clinicscan-bench-cli-") as tmp:
        home = Path(tmp)
        try:
            return {
                "startup": startup(home, admin),
                "commands": commands(home),
                "sample_300": sample_300(home, admin),
                "full_1m": full_scan(home, admin),
                "full_5m": full_scan_flat(home, admin),
            }
        finally:
            admin.dispose()


if __name__ == "__main__":
    which = sys.argv[1:] or ["startup", "commands", "sample_300", "full_1m", "full_5m"]
    engine = sa.create_engine(PG_URL)
    with tempfile.TemporaryDirectory(prefix="clinicscan-bench-cli-") as tmp_dir:
        steps = {
            "startup": startup,
            "commands": commands,
            "sample_300": sample_300,
            "full_1m": full_scan,
            "full_5m": full_scan_flat,
        }
        print(json.dumps({name: steps[name](Path(tmp_dir), engine) for name in which}, indent=2))
    engine.dispose()
