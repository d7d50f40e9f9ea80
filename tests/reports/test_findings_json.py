import json
from pathlib import Path

import pytest

from reports.evidence import WITHHELD
from reports.findings import Findings
from reports.findings_json import FindingsFileError, dumps_findings, read_findings, write_findings
from tests.reports.factories import column, make_findings


def test_round_trip_keeps_every_field(findings: Findings, tmp_path: Path) -> None:
    path = write_findings(findings, tmp_path / "out" / "findings.json")
    assert read_findings(path) == findings


def test_file_is_schema_version_1_with_readable_korean(tmp_path: Path) -> None:
    f = make_findings(columns=[column("회원", "이름", ["PERSON"], ["identity"], evidence=["김**"])])
    text = write_findings(f, tmp_path / "findings.json").read_text(encoding="utf-8")
    assert json.loads(text)["schema_version"] == 1
    assert "회원" in text and "\\u" not in text


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"schema_version": 2, "scan_id": "x"}', "schema_version 2"),
        ('{"scan_id": "x"}', "no 'schema_version'"),
        ('{"schema_version": "1"}', "schema_version '1'"),
        ("[1, 2]", "expected a JSON object"),
        ("{not json", "not valid JSON"),
        ('{"schema_version": 1, "scan_id": "x"}', "field 'started_at'"),
    ],
)
def test_reader_rejects_other_files_naming_the_file(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "findings.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FindingsFileError) as err:
        read_findings(path)
    assert str(path) in str(err.value)
    assert expected in str(err.value)


def test_version_2_error_says_what_to_do(findings: Findings, tmp_path: Path) -> None:
    data = json.loads(dumps_findings(findings))
    data["schema_version"] = 2
    path = tmp_path / "findings.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(FindingsFileError, match="reads schema_version 1 only; re-run the scan"):
        read_findings(path)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FindingsFileError, match="cannot read findings"):
        read_findings(tmp_path / "nope.json")


def test_unmasked_evidence_never_reaches_the_file(tmp_path: Path) -> None:
    # A detector bug hands over a raw value: the writer withholds it rather than print it.
    f = make_findings(
        columns=[
            column("members", "rrn", ["KR_RRN"], ["unique_id"], evidence=["900101-1******", "9001011234568"])
        ]
    )
    text = dumps_findings(f)
    assert "9001011234568" not in text
    assert WITHHELD in text and "900101-1******" in text
