"""``clinicscan gate``: a transfer to the hosting consignee is stopped before it happens."""

from __future__ import annotations

from pathlib import Path

import pytest

from demo import DemoOptions, build_demo
from flows.cli import main
from tests.sources.exportkit import members, write_csv, write_xlsx


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


def test_hidden_files_and_folders_and_lock_files_are_checked_like_any_other(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A hidden file still leaves the machine with the folder: it is read, never skipped as clean."""
    write_xlsx(tmp_path / ".patients.xlsx", members(3))
    write_csv(tmp_path / ".backup" / "patients.csv", members(3, seed=2), "utf-8")
    write_csv(tmp_path / "~$lock.csv", members(1, seed=3), "utf-8")
    (tmp_path / "~$book.xlsx").write_bytes(b"\x0bHong Gildong")  # Office's lock file: the owner's name
    assert main(["--quiet", "gate", str(tmp_path), "--consignee", "infonet-hosting"]) == 1
    out = capsys.readouterr().out
    assert "OK to send" not in out and "do not send" in out
    for table in (".patients.xlsx#", ".backup/patients.csv", "~$lock.csv"):
        assert f"BLOCK {table}" in out
    assert "UNREADABLE ~$book.xlsx" in out and "Office lock file" in out
