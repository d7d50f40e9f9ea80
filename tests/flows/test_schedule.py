"""The nightly scan deployment registers with a Prefect server with its cron schedule and parameters."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

import pytest
import yaml

from demo import DemoOptions, build_demo
from flows.config import ConfigError
from flows.schedule import build_deployment

pytestmark = pytest.mark.usefixtures("prefect_harness")


def test_deployment_is_registered_with_its_cron_schedule(tmp_path: Path) -> None:
    from prefect.client.orchestration import get_client

    build_demo(None, tmp_path, DemoOptions(patients=50))
    deployment = build_deployment(tmp_path / "scan.yaml", tmp_path / "out", cron="0 2 * * *", name="nightly")
    deployment_id = deployment.apply()
    assert isinstance(deployment_id, UUID)  # called outside an event loop: no coroutine
    with get_client(sync_client=True) as client:
        stored = client.read_deployment(deployment_id)
    assert stored.name == "nightly"
    assert [s.schedule.cron for s in stored.schedules] == ["0 2 * * *"]  # type: ignore[union-attr]
    assert stored.parameters["config_path"] == str((tmp_path / "scan.yaml").resolve())
    assert stored.parameters["out_dir"] == str((tmp_path / "out").resolve())


def test_a_broken_config_fails_when_scheduling_not_at_two_in_the_morning(tmp_path: Path) -> None:
    bad = tmp_path / "scan.yaml"
    bad.write_text("sources: []\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="sources"):
        build_deployment(bad, tmp_path / "out", cron="0 2 * * *", name="nightly")


def test_prefect_yaml_deploys_the_scan_flow_nightly() -> None:
    spec = yaml.safe_load((Path(__file__).parents[2] / "prefect.yaml").read_text(encoding="utf-8"))
    (deployment,) = spec["deployments"]
    assert deployment["entrypoint"] == "flows/scan.py:scan_flow"
    assert deployment["schedules"][0]["cron"] == "0 2 * * *"
    assert set(deployment["parameters"]) == {"config_path", "out_dir"}
