"""Data-subject requests on the small clinic: find, access report, erasure, on every backend."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from enforce import (
    RunOptions,
    access_report,
    apply_erasure,
    find_subject,
    parse_find,
    plan_erasure,
    write_access_report,
    write_enforcement_report,
)
from policy.law import Law
from policy.schema import Policy
from tests.enforce import clinic
from tests.enforce.conftest import Place

HELD = clinic.PEOPLE["held"]  # 이서연: roster past 5 years, medical records within 10
RECENT = clinic.PEOPLE["recent"]  # 박지호: patient and website member 5


def _tables(search: object) -> dict[str, int]:
    return {t: len(f.rows) for (_, t), f in search.found.items()}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("find", "expected"),
    [
        (["name=이서연", "phone=010-1111-0002"], {"patients": 1, "medical_records": 1, "consultations": 1}),
        (
            ["name=이 서연", "phone=+82 10 1111 0002"],
            {"patients": 1, "medical_records": 1, "consultations": 1},
        ),
        (["phone=010-1111-0002", "name=김민준"], {}),  # the phone is hers, the name is not
        (
            ["email=SEO.YUN@example.com"],
            {"members": 1, "identity_verifications": 1, "patients": 1, "medical_records": 1, "payments": 1},
        ),
        ([f"rrn={HELD.rrn.replace('-', '')}"], {"patients": 1, "medical_records": 1, "consultations": 1}),
        ([f"rrn={HELD.rrn}"], {"patients": 1, "medical_records": 1, "consultations": 1}),
        (["id=1"], {"members": 1, "guardians": 1, "identity_verifications": 1, "event_participants": 1}),
        (
            ["phone=010-4444-0001"],
            {"guardians": 1, "members": 1, "identity_verifications": 1, "event_participants": 1},
        ),
        (["email=nobody@example.com"], {}),
    ],
)
def test_find_every_record_about_the_person(
    clinic_db: Place, policy: Policy, find: list[str], expected: dict
) -> None:
    search = find_subject(clinic_db.config(), parse_find(find), policy)
    assert _tables(search) == expected


def test_search_names_the_columns_that_would_need_an_index(sqlite_clinic: Place, policy: Policy) -> None:
    search = find_subject(sqlite_clinic.config(), parse_find(["name=이서연", "phone=010-1111-0002"]), policy)
    assert "clinic.patients.HP_NO (phone)" in search.needs_index
    assert "clinic.consultations.환자번호 (link from patients)" in search.needs_index
    assert not any(n.startswith("clinic.medical_records.PT_NO") for n in search.needs_index)  # indexed


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_access_report_is_masked_and_dated(
    clinic_db: Place, policy: Policy, law: Law, tmp_path: Path, lang: str
) -> None:
    search = find_subject(clinic_db.config(), parse_find(["name=이서연", "phone=010-1111-0002"]), policy)
    report = access_report(search, policy, law, received=date(2025, 3, 10), lang=lang)  # type: ignore[arg-type]
    assert report.answer_by == date(2025, 3, 20)
    by_table = {t.split(".")[-1]: r for r in report.records for t in r.tables}
    assert by_table["medical_records"].retained_until == date(2028, 6, 1)
    assert by_table["patients"].retained_until == date(2028, 6, 1)  # kept while its medical records are
    assert by_table["patients"].legal_hold and by_table["medical_records"].legal_hold
    masked = [m for c in by_table["patients"].columns for m in c.masked]
    assert "010-****-0002" in masked and f"{HELD.rrn[:8]}******" in masked
    files = write_access_report(report, tmp_path)
    text = "".join(p.read_text(encoding="utf-8") for p in files)
    for raw in (HELD.name, HELD.phone, HELD.rrn, HELD.rrn.replace("-", ""), "01011110002", "테헤란로 1"):
        assert raw not in text
    assert ("열람 요구" in text) == (lang == "ko") and ("Medical Service Act" in text) == (lang == "en")


def test_erasure_plan_explains_what_a_law_keeps(clinic_db: Place, policy: Policy, law: Law) -> None:
    before = clinic_db.snapshot()
    search = find_subject(clinic_db.config(), parse_find(["name=이서연", "phone=010-1111-0002"]), policy)
    plan = plan_erasure(clinic_db.config(), search, RunOptions(policy=policy, today=clinic.TODAY), law)
    assert clinic_db.snapshot() == before
    doing = {(x.table, x.rule, x.action): x.rows for x in plan.lines if x.rows}
    assert doing == {("patients", "hold.medical_record", "erase"): 1}
    kept = {k.table: k for k in plan.kept}
    assert kept["medical_records"].until == date(2028, 6, 1)
    assert kept["medical_records"].cited_en == ["Enforcement Rule of the Medical Service Act Art. 15(1)"]
    assert kept["patients"].held_by == ["consultations", "medical_records"]


def test_erasure_apply_then_rerun(clinic_db: Place, policy: Policy, law: Law, tmp_path: Path) -> None:
    config = clinic_db.config()
    options = RunOptions(policy=policy, today=clinic.TODAY)
    search = find_subject(config, parse_find(["email=seo.yun@example.com"]), policy)
    report = apply_erasure(config, search, options, law)
    done = {(x.table, x.action): x.done for x in report.lines if x.done}
    assert done == {
        ("members", "delete"): 1,
        ("identity_verifications", "delete"): 1,
        ("payments", "delete"): 1,
        ("patients", "erase"): 1,
    }
    state = clinic_db.snapshot()
    assert 5 not in {r[0] for r in state["members"]}
    assert {r[1] for r in state["medical_records"]} >= {RECENT.pt_no}  # held 10 years
    roster = next(r for r in state["patients"] if r[0] == RECENT.pt_no)
    assert roster[1] == RECENT.name and roster[5] is None  # name kept, phone erased
    log_text = json.dumps(
        [{k: str(v) for k, v in r.items()} for r in clinic_db.log_rows()], ensure_ascii=False
    )
    assert "seo.yun" not in log_text.lower() and RECENT.pt_no not in log_text and RECENT.name not in log_text
    write_enforcement_report(report, tmp_path, "en")
    assert "Records a law keeps" in (tmp_path / "erasure-run.md").read_text(encoding="utf-8")

    again = apply_erasure(config, search, options, law)
    assert again.total("rows") == 0 and again.total("done") == 0
    assert clinic_db.snapshot() == state
