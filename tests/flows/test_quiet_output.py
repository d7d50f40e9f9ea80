"""A normal run's stderr holds clinicscan's own lines only: no Prefect, GX or other library log lines.

Run as a user runs it (``python -m flows.cli`` in a fresh process), since in-process tests share the Prefect
harness's logging. A source that is down makes Prefect's task fail, which Prefect logs at ERROR: that must
stay off the console, while the summary and the exit code (3) say what was missed.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path


def test_a_scan_with_a_down_source_prints_only_progress_and_the_verdict(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "good.sqlite") as conn:
        conn.execute("CREATE TABLE members (name TEXT, phone TEXT)")
        conn.executemany("INSERT INTO members VALUES (?, ?)", [("김민수", "010-2345-6789")] * 20)
    config = tmp_path / "scan.yaml"
    config.write_text(
        f"sources:\n  - name: good\n    url: sqlite:///{tmp_path / 'good.sqlite'}\n"
        "  - name: down\n    url: postgresql+psycopg://scanner@127.0.0.1:1/nowhere\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_API", "PREFECT_LOGGING"))}
    env.update(
        {"PREFECT_HOME": str(tmp_path / "pf"), "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180"}
    )
    proc = subprocess.run(
        [sys.executable, "-m", "flows.cli", "scan", "--config", str(config), "--out", str(tmp_path / "out")],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 3, proc.stderr[-3000:]
    assert "Exit 3: incomplete" in proc.stdout and "source down: not read" in proc.stdout
    noise = [line for line in proc.stderr.splitlines() if not line.startswith("[")]
    assert noise == [], noise[:10]
