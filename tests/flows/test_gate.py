"""``clinicscan gate``: a transfer to the hosting consignee is stopped before it happens."""

from __future__ import annotations

from pathlib import Path

import pytest

from demo import DemoOptions, build_demo
from flows.cli import main


@pytest.fixture(scope="module")
def export_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gate")
    build_demo(None, out, DemoOptions(patients=50))
    return out / "exports" / "infonet-hosting"


def test_folder_with_an_out_of_scope_sheet_is_blocked(
    export_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--quiet", "gate", str(export_dir), "--consignee", "infonet-hosting"]) == 1
    out = capsys.readouterr().out
    assert "BLOCK homepage_backup" in out and "주민등록번호" in out
    assert "do not send" in out


def test_a_file_of_entrusted_member_data_may_go(export_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    members = next(export_dir.glob("members_*.csv"))
    assert main(["--quiet", "gate", str(members), "--consignee", "infonet-hosting"]) == 0
    assert "OK to send" in capsys.readouterr().out
