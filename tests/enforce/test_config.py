"""The ``enforcement:`` block of scan.yaml: the writer's own credentials and the knobs."""

from __future__ import annotations

from pathlib import Path

import pytest

from enforce import EnforceError, EnforcementConfig
from enforce.connect import writer_url
from flows.config import ConfigError, ScanConfig, load_config

SCAN = """
sources:
  - name: clinic
    url: postgresql://scanner@db/clinic
    tables: {}
  - name: web
    url: mysql://scanner@web/site
enforcement:
  writers:
    clinic: ${CLINIC_WRITER_URL}
  separate_storage_url: sqlite:///kept.sqlite
  batch_rows: 1000
"""


def test_block_is_read_with_passwords_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLINIC_WRITER_URL", "postgresql://writer:s3cret@db/clinic")
    path = tmp_path / "scan.yaml"
    path.write_text(SCAN, encoding="utf-8")
    config = load_config(path)
    assert config.enforcement is not None and config.enforcement.batch_rows == 1000
    assert writer_url(config, config.sources[0]) == "postgresql://writer:s3cret@db/clinic"
    with pytest.raises(EnforceError, match=r"source 'web': no writer credentials.*enforcement\.writers\.web"):
        writer_url(config, config.sources[1])


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("enforcement: {url: x, writers: {a: y}}", "either 'url'"),
        ("enforcement: {batch_rows: 0}", "batch_rows"),
        ("enforcement: {log_table: 'drop table'}", "log_table"),
        ("enforcement: {urls: x}", "urls"),
    ],
)
def test_block_errors_name_the_field(tmp_path: Path, block: str, message: str) -> None:
    path = tmp_path / "scan.yaml"
    path.write_text("sources: [{name: a, url: 'sqlite:///a.db'}]\n" + block + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(path)


def test_url_shortcut_serves_only_a_single_database_source() -> None:
    enforcement = EnforcementConfig(url="sqlite:///w.db")
    one = ScanConfig.model_validate({"sources": [{"name": "a", "url": "sqlite:///a.db"}]})
    one.enforcement = enforcement
    assert writer_url(one, one.sources[0]) == "sqlite:///w.db"
    two = ScanConfig.model_validate(
        {"sources": [{"name": "a", "url": "sqlite:///a.db"}, {"name": "b", "url": "sqlite:///b.db"}]}
    )
    two.enforcement = enforcement
    with pytest.raises(EnforceError, match="no writer credentials"):
        writer_url(two, two.sources[0])
