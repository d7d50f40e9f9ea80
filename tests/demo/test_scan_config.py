"""scan.yaml for any database: passwords stay out of the file, the schema is carried, the map validates."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from demo.column_map import COLUMN_MAP, UNMAPPED_TABLES
from demo.scan_config import PASSWORD_VAR, config_url, write_scan_config
from demo.schema import TABLE_ORDER, build_metadata
from flows.config import ConfigError, load_config


@pytest.mark.parametrize(
    ("url", "written"),
    [
        ("sqlite:////tmp/x/clinic.sqlite", "sqlite:////tmp/x/clinic.sqlite"),
        ("mysql+pymysql://root@127.0.0.1:3306/test", "mysql+pymysql://root@127.0.0.1:3306/test"),
        (
            "postgresql+psycopg://clinic:s3cr%40t@db:5432/emr",
            f"postgresql+psycopg://clinic:${{{PASSWORD_VAR}}}@db:5432/emr",
        ),
    ],
)
def test_config_url_never_holds_a_password(url: str, written: str) -> None:
    assert config_url(url) == written


def test_password_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "scan.yaml"
    write_scan_config(
        path, "postgresql+psycopg://clinic:pw@db/emr", "demo_x", 50, {"seed": "1", "as_of": "2025-06-01"}
    )
    assert ":pw@" not in path.read_text(encoding="utf-8")
    with pytest.raises(ConfigError, match=PASSWORD_VAR):
        load_config(path)
    monkeypatch.setenv(PASSWORD_VAR, "pw")
    config = load_config(path)
    assert config.sources[0].url == "postgresql+psycopg://clinic:pw@db/emr"
    assert config.sources[0].schema_ == "demo_x"


@pytest.mark.parametrize(("patients", "mode"), [(2_000, "full"), (100_000, "sample")])
def test_sampling_follows_the_size(tmp_path: Path, patients: int, mode: str) -> None:
    path = tmp_path / "scan.yaml"
    write_scan_config(path, "sqlite:///x.sqlite", None, patients, {"seed": "1", "as_of": "2025-06-01"})
    assert load_config(path).sampling.mode == mode
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["sources"][1]["consignee"] == "infonet-hosting"


def test_column_map_names_real_tables_and_columns() -> None:
    tables = build_metadata().tables
    assert set(COLUMN_MAP) | set(UNMAPPED_TABLES) == set(TABLE_ORDER) == set(tables)
    for name, mapping in COLUMN_MAP.items():
        columns = set(tables[name].columns.keys())
        assert set(mapping.roles.values()) <= columns, name
        assert set(mapping.encrypted) <= columns, name
