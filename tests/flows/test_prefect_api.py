"""When a one-off CLI run goes through Prefect: only when an API is configured (or asked for)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PROBE = "from flows.prefect_api import use_prefect; print(use_prefect({runner!r}))"


def _decide(tmp_path: Path, env: dict[str, str], runner: str = "threads") -> str:
    """Ask in a fresh process (this test session has Prefect imported, which is asked directly)."""
    repo = Path(__file__).resolve().parents[2]
    base = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(repo)}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(runner=runner)],
        cwd=tmp_path,
        env={**base, "PREFECT_HOME": str(tmp_path / "home"), **env},
        capture_output=True,
        text=True,
        check=False,
    )
    return proc.stdout.strip() or proc.stderr.strip().splitlines()[-1]


def _profile(tmp_path: Path, url: str | None) -> None:
    home = tmp_path / "home"
    home.mkdir()
    line = f'PREFECT_API_URL = "{url}"\n' if url else ""
    (home / "profiles.toml").write_text(f'active = "work"\n\n[profiles.work]\n{line}', encoding="utf-8")


def test_no_api_anywhere_runs_locally(tmp_path: Path) -> None:
    assert _decide(tmp_path, {}) == "False"


def test_an_api_url_in_the_environment_goes_through_prefect(tmp_path: Path) -> None:
    assert _decide(tmp_path, {"PREFECT_API_URL": "http://127.0.0.1:4200/api"}) == "True"


@pytest.mark.parametrize(("url", "expected"), [("http://prefect.clinic:4200/api", "True"), (None, "False")])
def test_the_active_profile_is_read(tmp_path: Path, url: str | None, expected: str) -> None:
    _profile(tmp_path, url)
    assert _decide(tmp_path, {}) == expected


def test_prefect_toml_in_the_working_folder_is_read(tmp_path: Path) -> None:
    (tmp_path / "prefect.toml").write_text('[api]\nurl = "http://127.0.0.1:4200/api"\n', encoding="utf-8")
    assert _decide(tmp_path, {}) == "True"


def test_dask_always_goes_through_prefect(tmp_path: Path) -> None:
    assert _decide(tmp_path, {}, runner="dask") == "True"


def test_always_goes_through_prefect_without_an_api(tmp_path: Path) -> None:
    assert _decide(tmp_path, {"CLINICSCAN_PREFECT": "always"}) == "True"  # Prefect's ephemeral server


def test_never_runs_locally_even_with_an_api(tmp_path: Path) -> None:
    env = {"CLINICSCAN_PREFECT": "never", "PREFECT_API_URL": "http://127.0.0.1:4200/api"}
    assert _decide(tmp_path, env) == "False"


def test_a_wrong_switch_value_is_a_configuration_error(tmp_path: Path) -> None:
    assert "CLINICSCAN_PREFECT" in _decide(tmp_path, {"CLINICSCAN_PREFECT": "sometimes"})
