"""The whole run: outputs, their exact schema, the processing record, and post-checks that block writing."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from deid.errors import PostCheckError
from deid.output import write_outputs
from deid.pipeline import RunOptions, deidentify
from tests.deid.conftest import BASE_SPEC, KEY, spec_with

REPORT_KEYS = {
    "schema_version",
    "rows_in",
    "rows_out",
    "suppressed_rows",
    "max_suppression",
    "k_target",
    "k_achieved",
    "l_target",
    "l_achieved",
    "t_target",
    "t_achieved",
    "quasi_identifiers",
    "sensitive_attributes",
    "dropped",
    "pseudonymized",
    "redacted",
    "generalization",
    "risk",
    "utility",
    "residual_findings",
    "free_text",
    "underived",
    "max_underived",
}
NOTES = [
    "환자 김민수 님 상담, 연락처 010-2345-6789",
    "주민번호 900101-1234568 확인",
    "특이사항 없음",
    "보호자 이영희 (02-555-1234) 동의",
]


@pytest.fixture(scope="module")
def visits_with_notes(visits):
    frame = visits.copy()
    frame["note"] = [NOTES[i % len(NOTES)] for i in range(len(frame))]
    return frame


@pytest.fixture(scope="module")
def result(visits_with_notes, analyzer):
    spec = spec_with(
        columns={**BASE_SPEC["columns"], "note": {"role": "free_text"}},
        output={"csv": True, "language": "ko"},
    )
    return deidentify(
        spec, visits_with_notes, RunOptions(key=KEY, analyzer=analyzer, now=datetime(2025, 3, 1, tzinfo=UTC))
    )


@pytest.fixture(scope="module")
def written(result, tmp_path_factory):
    out = tmp_path_factory.mktemp("deid") / "study"
    return write_outputs(result, out)


def test_outputs_are_written(written):
    assert {p.name for p in written.values()} == {
        "dataset.parquet",
        "dataset.csv",
        "deid_report.json",
        "processing_record.json",
        "deid_report.html",
    }


def test_report_has_exactly_the_issue_schema(written, result):
    report = json.loads(written["report"].read_text(encoding="utf-8"))
    assert set(report) == REPORT_KEYS
    assert set(report["risk"]) == {"prosecutor_max", "prosecutor_avg", "records_at_risk"}
    assert set(report["utility"]) == {
        "information_loss",
        "discernibility",
        "average_class_size",
        "weights",
        "per_quasi_identifier",
        "overlapping_categories",
        "classification",
        "crosstabs",
    }
    assert report["schema_version"] == 1
    assert report["dropped"] == ["name", "rrn", "phone", "birth_date"]
    assert report["pseudonymized"] == ["patient_id"]
    assert report["redacted"] == ["note"]
    assert set(report["generalization"]) == {"age", "sex", "address", "visit_date", "procedure"}
    assert report["k_achieved"] >= 5 and report["l_achieved"] >= 2
    assert report["risk"]["prosecutor_max"] <= 1 / 5


def test_dataset_holds_no_direct_identifier(written, visits_with_notes):
    out = pd.read_parquet(written["dataset"])
    assert list(out.columns) == [
        "patient_id",
        "age",
        "sex",
        "address",
        "visit_date",
        "procedure",
        "diagnosis",
        "note",
    ]
    text = out.astype("string").to_csv()
    for column in ("name", "rrn", "phone"):
        assert not any(v in text for v in visits_with_notes[column].unique()[:50])
    assert not set(out["patient_id"]) & set(visits_with_notes["patient_id"])
    assert "김민수" not in text and "010-2345-6789" not in text and "900101-1234568" not in text


def test_csv_has_a_bom_for_korean_excel(written):
    assert written["csv"].read_bytes().startswith(b"\xef\xbb\xbf")


def test_the_key_is_written_nowhere(written):
    for path in written.values():
        data = path.read_bytes()
        assert KEY not in data and KEY.hex().encode() not in data


def test_processing_record_answers_pipa_28_4(written):
    record = json.loads(written["record"].read_text(encoding="utf-8"))
    assert record["purpose"] == "쌍꺼풀 수술 만족도 연구"
    assert record["recipient"] == "A대학교 의료정보학 연구실"
    assert record["processing_period"] == {"start": "2025-01-01", "end": "2025-12-31"}
    assert record["operator"] == "정보보호팀 테스트"
    assert record["performed_at"] == "2025-03-01T00:00:00+00:00"
    assert {i["column"] for i in record["items"]} >= {"patient_id", "age", "note", "name"}
    assert record["key_reference"] == "Prefect Secret block"
    assert len(record["dataset_sha256"]) == 64


def test_html_page_is_self_contained(written):
    html = written["html"].read_text(encoding="utf-8")
    assert "<svg" in html and "<script" not in html
    assert "src=" not in html and "href=" not in html and "<link" not in html
    assert "가명정보 처리 기록" in html and "동질 집합" in html
    assert "허용 한도 5.0%" in html  # the suppression budget beside what was suppressed


def test_html_page_shows_every_utility_figure(result, tmp_path: Path):
    html = write_outputs(result, tmp_path / "en", language="en")["html"].read_text(encoding="utf-8")
    utility = result.report.utility
    assert f"Discernibility is {utility.discernibility:,}" in html
    assert f"the average class holds {utility.average_class_size:,.1f} rows" in html
    assert "Predicting the sensitive attributes" in html and "Share kept" in html
    assert "Cross-tabulations, input against output" in html and "Total variation distance" in html
    assert "Rows whose value is gone" in html and "Overlapping category pairs" in html
    assert "suppression budget: 5.0%" in html
    for column, levels in result.level_shares.items():
        assert f"<th>{column}</th>" in html
        for level in levels:
            assert level in html


def test_the_page_language_can_be_chosen_when_writing(result, tmp_path: Path):
    files = write_outputs(result, tmp_path / "en", language="en")
    html = files["html"].read_text(encoding="utf-8")
    assert "Processing record (PIPA Art. 28-4)" in html and "가명정보 처리 기록" not in html


def test_post_check_failure_writes_nothing(visits, analyzer, tmp_path: Path):
    leaky = spec_with(columns={**BASE_SPEC["columns"], "phone": {"role": "keep"}})
    out = tmp_path / "never"
    with pytest.raises(PostCheckError, match=r"scanner: column 'phone' still holds PHONE_NUMBER") as err:
        result = deidentify(leaky, visits, RunOptions(key=KEY, analyzer=analyzer))
        write_outputs(result, out)
    assert "nothing was written" in str(err.value)
    assert not out.exists()
    assert not list(tmp_path.iterdir())


def test_an_unchecked_result_is_refused(result, tmp_path: Path):
    result.post_checks_passed = False
    try:
        with pytest.raises(PostCheckError):
            write_outputs(result, tmp_path / "x")
    finally:
        result.post_checks_passed = True
    assert not (tmp_path / "x").exists()


def test_a_column_without_a_role_is_an_error(visits):
    from deid.errors import DeidSpecError

    with pytest.raises(DeidSpecError, match=r"source columns \['extra'\] have no role"):
        deidentify(spec_with(), visits.assign(extra=1), RunOptions(key=KEY, scan_output=False))
