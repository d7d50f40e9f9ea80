"""Nightly scans: the scan flow as a Prefect deployment with a cron schedule."""

from __future__ import annotations

from pathlib import Path

from prefect import serve
from prefect.deployments.runner import RunnerDeployment

from flows.config import load_config
from flows.progress import say
from flows.scan import scan_flow


def build_deployment(config: Path, out: Path, cron: str, name: str) -> RunnerDeployment:
    """Build a deployment that runs ``clinicscan scan --config CONFIG --out OUT`` on the cron schedule."""
    load_config(config)  # fail now, with a clear error, rather than at 02:00
    deployment = scan_flow.to_deployment(
        name=name,
        cron=cron,
        parameters={"config_path": str(config.resolve()), "out_dir": str(out.resolve())},
        description="clinicscan: scheduled privacy-compliance scan",
        tags=["clinicscan", "compliance"],
    )
    assert isinstance(deployment, RunnerDeployment)  # to_deployment is sync outside an event loop
    return deployment


def serve_schedule(config: Path, out: Path, cron: str, name: str) -> int:
    """Serve the deployment until interrupted (needs a Prefect server: PREFECT_API_URL or a local one)."""
    deployment = build_deployment(config, out, cron, name)
    say(f"serving deployment 'clinicscan-scan/{name}' on cron '{cron}'; stop with Ctrl-C")
    serve(deployment)
    return 0
