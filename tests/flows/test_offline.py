"""A scan makes no network connection beyond its configured databases (and Prefect's own local API).

Every Python process of the run (the CLI and the Prefect server it may start) gets an audit hook through
sitecustomize that records each socket connect and name lookup; the test then reads the log.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HOOK = r"""
import json, os, socket, sys
_log = os.environ["CLINICSCAN_NETLOG"]
def _hook(event, args):
    if event == "socket.connect":
        sock, address = args
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            with open(_log, "a") as f:
                f.write(json.dumps({"event": "connect", "host": str(address[0]), "port": address[1]}) + "\n")
    elif event == "socket.getaddrinfo":
        with open(_log, "a") as f:
            f.write(json.dumps({"event": "lookup", "host": str(args[0])}) + "\n")
sys.addaudithook(_hook)
"""

LOOPBACK = {"127.0.0.1", "::1", "localhost", "None", ""}


@pytest.mark.slow
def test_demo_scan_touches_no_network(tmp_path: Path) -> None:
    hookdir = tmp_path / "hook"
    hookdir.mkdir()
    (hookdir / "sitecustomize.py").write_text(HOOK, encoding="utf-8")
    log = tmp_path / "net.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_API", "HTTP", "HTTPS"))}
    env.update(
        {"PYTHONPATH": str(hookdir), "CLINICSCAN_NETLOG": str(log), "PREFECT_HOME": str(tmp_path / "pf")}
    )
    out = tmp_path / "demo"
    proc = subprocess.run(
        [sys.executable, "-m", "flows.cli", "--quiet", "demo", "--out", str(out), "--patients", "150"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert (out / "report" / "findings.json").exists()
    records = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
    foreign = [r for r in records if r["host"] not in LOOPBACK]
    assert foreign == [], f"network access outside loopback: {foreign[:10]}"
