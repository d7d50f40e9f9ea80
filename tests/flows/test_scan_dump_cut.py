"""A dump cut short: the rows before the cut are scanned, and the scan says the rest was not (exit 3)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from flows.cli import EXIT_INCOMPLETE, main
from sources.files.sqldump import CUT_ADVICE
from tests.sources.dbkit import fake_rrn

pytestmark = pytest.mark.usefixtures("prefect_harness")


def test_a_scan_of_a_dump_cut_inside_a_row_reports_the_rows_before_it_and_exits_incomplete(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(13)
    rrns = [fake_rrn(rng) for _ in range(3)]
    rows = ",".join(f"({i},'환자{i}','{rrn}','상담 메모 {i}')" for i, rrn in enumerate(rrns, 1))
    dump = (
        "-- MySQL dump 10.19\n/*!40101 SET NAMES utf8mb4 */;\n"
        "CREATE TABLE `patient` (`id` int, `pt_nm` varchar(20), `jumin_no` char(14), `memo` text);\n"
        f"INSERT INTO `patient` VALUES {rows};\n"
    )
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "homepage.sql").write_text(
        dump[: dump.index("상담 메모 3") + 3], encoding="utf-8"
    )  # row 3 cut
    config = tmp_path / "scan.yaml"
    config.write_text("sources:\n  - name: hosting\n    path: exports\n", encoding="utf-8")
    out = tmp_path / "out"
    code = main(["--quiet", "scan", "--config", str(config), "--out", str(out), "--lang", "en", "--full"])
    printed = capsys.readouterr().out
    assert code == EXIT_INCOMPLETE, printed
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    (hosting,) = findings["coverage"]["sources"]
    assert [(t["name"], t["rows_read"]) for t in hosting["scanned"]] == [("homepage.sql#patient", 2)]
    (skipped,) = hosting["skipped"]
    assert skipped["name"] == "homepage.sql#patient (cut)" and skipped["gap"] is True
    assert "the file ends inside a row of table patient after 2 rows — " + CUT_ADVICE in skipped["reason"]
    assert "re-export the file" not in skipped["reason"]  # the dump's own advice, once
    assert printed.count(CUT_ADVICE) == 1, printed
    found = {c["column"]: c["entities"] for c in findings["columns"] if c["table"] == "homepage.sql#patient"}
    assert "KR_RRN" in found["jumin_no"]  # row 1's resident number, read before the cut
    assert not any(rrn in printed for rrn in rrns)


def test_the_gate_stops_a_dump_cut_between_two_statements_and_names_the_missing_closing_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rrn = fake_rrn(random.Random(14))
    (tmp_path / "homepage.sql").write_text(
        "-- MySQL dump 10.19\n/*!40101 SET NAMES utf8mb4 */;\n"
        "CREATE TABLE `patient` (`id` int, `pt_nm` varchar(20), `jumin_no` char(14));\n"
        f"INSERT INTO `patient` VALUES (1,'환자1','{rrn}');\n",  # the copy stopped: no '-- Dump completed'
        encoding="utf-8",
    )
    code = main(["--quiet", "gate", str(tmp_path), "--consignee", "infonet-hosting"])
    out = capsys.readouterr().out
    assert code == 1, out  # the resident number read is out of scope; the cut part is listed besides
    assert "UNREADABLE homepage.sql#patient (cut)" in out
    assert "no closing line '-- Dump completed'" in out and "the copy stopped after table patient" in out
    assert " — " + CUT_ADVICE in out and "re-export the file" not in out
    assert rrn not in out
