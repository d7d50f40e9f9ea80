"""``clinicscan deidentify`` on the demo clinic, as docs/deidentification.md tells an analyst to run it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import SecretStr

from demo import DemoOptions, build_demo
from flows.cli import EXIT_INCOMPLETE, EXIT_USAGE, main
from tests.flows.conftest import flow_runs
from tests.readme import deid_yaml_example

pytestmark = pytest.mark.usefixtures("prefect_harness")


def test_readme_example_makes_a_research_dataset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    build_demo(None, tmp_path, DemoOptions(patients=400, seed=5))
    config = tmp_path / "deid.yaml"
    config.write_text(deid_yaml_example(tmp_path / "clinic.sqlite"), encoding="utf-8")
    monkeypatch.setenv("CLINICSCAN_DEID_KEY", "a-key-kept-apart-from-the-data-0123456789")
    out = tmp_path / "research"
    runs = flow_runs("clinicscan-deidentify")
    assert main(["--quiet", "deidentify", "--config", str(config), "--out", str(out), "--lang", "en"]) == 0
    assert flow_runs("clinicscan-deidentify") == runs + 1  # a Prefect API is configured: a recorded flow run
    report = json.loads((out / "deid_report.json").read_text(encoding="utf-8"))
    assert report["k_achieved"] >= report["k_target"]
    assert report["residual_findings"] == []
    assert (out / "dataset.parquet").exists() and (out / "processing_record.json").exists()
    assert "dataset.parquet" in capsys.readouterr().out
    _serves_the_study(out, report)


def _serves_the_study(out: Path, report: dict) -> None:
    """Issue 16 on the demo: the weighted procedure kept, one category set per column, notes consistent."""
    import pandas as pd
    import pycanon.anonymity as pc

    data = pd.read_parquet(out / "dataset.parquet")
    qis = report["quasi_identifiers"]
    assert (data["PROC_NM"].fillna("(no procedure)") != "*").sum() >= 0.9 * report["rows_in"]
    assert report["utility"]["overlapping_categories"] == 0
    assert all(len(report["utility"]["per_quasi_identifier"][q]["levels"]) == 1 for q in qis)
    assert pc.k_anonymity(data, qis) >= report["k_target"]
    if report["l_target"]:
        assert pc.l_diversity(data, qis, ["DIAG_CD"]) >= report["l_target"]
    if not data["VISIT_DT"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").any():
        exact = r"(?<!\d)(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}|\d{1,2}월 \d{1,2}일)(?!\d)"
        assert not data["CHART_MEMO"].fillna("").str.contains(exact).any()


def test_no_key_is_a_usage_error_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    build_demo(None, tmp_path, DemoOptions(patients=60))
    config = tmp_path / "deid.yaml"
    config.write_text(deid_yaml_example(tmp_path / "clinic.sqlite"), encoding="utf-8")
    monkeypatch.delenv("CLINICSCAN_DEID_KEY", raising=False)
    out = tmp_path / "research"
    assert main(["--quiet", "deidentify", "--config", str(config), "--out", str(out)]) == EXIT_USAGE
    assert "CLINICSCAN_DEID_KEY" in capsys.readouterr().err
    assert not (out / "dataset.parquet").exists()


def test_key_from_a_prefect_secret_block_gives_the_env_keys_pseudonyms(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pandas as pd
    from prefect.blocks.system import Secret

    build_demo(None, tmp_path, DemoOptions(patients=400, seed=5))
    config = tmp_path / "deid.yaml"
    config.write_text(deid_yaml_example(tmp_path / "clinic.sqlite"), encoding="utf-8")
    key = "the-same-key-in-a-secret-block-0123456789"
    Secret(value=SecretStr(key)).save("clinicscan-deid-key", overwrite=True)
    monkeypatch.delenv("CLINICSCAN_DEID_KEY", raising=False)
    args = ["--quiet", "deidentify", "--config", str(config), "--lang", "en"]
    assert main([*args, "--out", str(tmp_path / "a"), "--key-secret", "clinicscan-deid-key"]) == 0
    monkeypatch.setenv("CLINICSCAN_DEID_KEY", key)
    assert main([*args, "--out", str(tmp_path / "b")]) == 0
    from_block = pd.read_parquet(tmp_path / "a" / "dataset.parquet")
    from_env = pd.read_parquet(tmp_path / "b" / "dataset.parquet")
    assert from_block["PT_NO"].tolist() == from_env["PT_NO"].tolist()
    assert key.encode() not in (tmp_path / "a" / "processing_record.json").read_bytes()


def _deidentify_with_addresses_without_a_sido(
    tmp_path: Path, share: float, monkeypatch: pytest.MonkeyPatch
) -> tuple[int, Path]:
    """Run on the demo clinic with ``share`` of its addresses starting at the 시 (no 시·도: no region)."""
    import sqlite3

    build_demo(None, tmp_path, DemoOptions(patients=400, seed=5))
    db = tmp_path / "clinic.sqlite"
    with sqlite3.connect(db) as con:
        patients = [row[0] for row in con.execute('SELECT "PT_NO" FROM patients ORDER BY "PT_NO"')]
        chosen = patients[: round(share * len(patients))]
        con.executemany(
            'UPDATE patients SET "ADDR" = ? WHERE "PT_NO" = ?', [("이천시 학동 203", p) for p in chosen]
        )
    config = tmp_path / "deid.yaml"
    config.write_text(deid_yaml_example(db), encoding="utf-8")
    monkeypatch.setenv("CLINICSCAN_DEID_KEY", "a-key-kept-apart-from-the-data-0123456789")
    out = tmp_path / "research"
    return main(["--quiet", "deidentify", "--config", str(config), "--out", str(out)]), out


def test_a_region_derived_for_no_row_is_a_config_error_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out = _deidentify_with_addresses_without_a_sido(tmp_path, 1.0, monkeypatch)
    assert (code, (out / "dataset.parquet").exists()) == (EXIT_USAGE, False)
    err = capsys.readouterr().err
    assert all(named in err for named in ("columns.region", "'ADDR'", "hierarchy 'region'"))


def test_a_region_empty_for_a_third_of_the_rows_is_named_and_the_run_is_incomplete(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out = _deidentify_with_addresses_without_a_sido(tmp_path, 0.3, monkeypatch)
    assert code == EXIT_INCOMPLETE
    said = capsys.readouterr().out
    assert "Exit 3: incomplete" in said and "quasi-identifier 'region'" in said and "'ADDR'" in said
    report = json.loads((out / "deid_report.json").read_text(encoding="utf-8"))
    assert report["underived"]["region"]["source"] == "ADDR"
    assert 0.2 < report["underived"]["region"]["share"] < 0.4
    page = (out / "deid_report.html").read_text(encoding="utf-8")
    assert '<h2 id="underived">값을 만들지 못한 준식별자</h2>' in page
    assert "<th>region</th><td>ADDR</td>" in page.split('id="underived"', 1)[1]
