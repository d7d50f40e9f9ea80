"""Retention enforcement on the small clinic, on SQLite, PostgreSQL and MariaDB."""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from enforce import EnforceError, RunOptions, apply_retention, plan_retention, write_enforcement_report
from policy.schema import Policy
from tests.enforce import clinic
from tests.enforce.conftest import KEY, Place

# (table, rule, action) -> rows, for the clinic on clinic.TODAY
EXPECTED = {
    ("payments", "retention.creation", "delete"): 1,
    ("event_participants", "retention.event_end", "delete"): 1,
    ("event_participants", "cascade.members", "delete"): 1,
    ("complaints", "retention.creation", "delete"): 1,
    ("access_logs", "retention.creation", "delete"): 1,
    ("medical_records", "retention.last_visit", "delete"): 3,
    ("identity_verifications", "cascade.members", "delete"): 1,
    ("guardians", "cascade.members", "delete"): 1,
    ("members", "retention.withdrawal", "delete"): 1,
    ("members", "retention.last_login", "delete"): 1,
    ("members", "detach.patients", "detach"): 1,
    ("patients", "retention.last_visit", "delete"): 2,
    ("patients", "blocked.xray_notes", "blocked"): 1,
    ("patients", "hold.medical_record", "erase"): 1,
}


def _options(policy: Policy) -> RunOptions:
    return RunOptions(policy=policy, today=clinic.TODAY)


def _counts(report: object, field: str = "rows") -> dict[tuple[str, str, str], int]:
    return {(x.table, x.rule, x.action): getattr(x, field) for x in report.lines if getattr(x, field)}  # type: ignore[attr-defined]


def test_plan_counts_every_overdue_row_per_table_and_rule(clinic_db: Place, policy: Policy) -> None:
    report = plan_retention(clinic_db.config(), _options(policy))
    assert _counts(report) == EXPECTED
    oldest = {(x.table, x.rule): x.oldest_days for x in report.lines if x.rows}
    assert (
        oldest[("medical_records", "retention.last_visit")]
        == (clinic.TODAY - clinic.PEOPLE["blocked"].last_visit).days
    )
    assert oldest[("members", "retention.withdrawal")] == 37


def test_dry_run_changes_nothing_and_creates_no_log(clinic_db: Place, policy: Policy) -> None:
    before = clinic_db.snapshot()
    plan_retention(clinic_db.config(), _options(policy))
    assert clinic_db.snapshot() == before
    assert not sa.inspect(clinic_db.engine).has_table("clinicscan_destruction_log", schema=clinic_db.schema)


def test_apply_destroys_the_plan_and_a_rerun_is_a_no_op(clinic_db: Place, policy: Policy) -> None:
    config = clinic_db.config()
    report = apply_retention(config, _options(policy))
    assert _counts(report, "done") == {k: v for k, v in EXPECTED.items() if k[2] != "blocked"}
    assert report.total("remaining") == 0
    after = clinic_db.snapshot()
    log = clinic_db.log_rows()
    assert sum(r["row_count"] for r in log) == report.total("done")

    again = apply_retention(config, _options(policy))
    assert again.total("rows") == 0 and again.total("done") == 0
    assert clinic_db.snapshot() == after
    assert len(clinic_db.log_rows()) == len(log)


def test_legal_holds_and_links_are_respected(clinic_db: Place, policy: Policy) -> None:
    apply_retention(clinic_db.config(), _options(policy))
    state = clinic_db.snapshot()
    people = clinic.PEOPLE
    patients = {row[0]: row for row in state["patients"]}
    assert set(patients) == {people[k].pt_no for k in ("held", "recent", "blocked")}
    held = patients[people["held"].pt_no]
    # name and address kept (medical records keep them), RRN / birth day / phones erased
    assert held[1] == people["held"].name and held[8] == "서울특별시 강남구 테헤란로 1"
    assert held[2] == "" and held[3] == "" and held[5] is None and held[6] is None
    assert patients[people["blocked"].pt_no][2] == people["blocked"].rrn  # blocked: untouched
    assert patients[people["recent"].pt_no][5] == people["recent"].phone
    records = {row[1] for row in state["medical_records"]}
    assert records == {people["held"].pt_no, people["recent"].pt_no}  # 10-year hold runs
    assert [row[0] for row in state["consultations"]] == [1]
    members = {row[0]: row for row in state["members"]}
    assert set(members) == {2, 4, 5, 6}
    assert members[4][-1] is None  # detached from the destroyed roster row, kept itself
    assert members[5][-1] == people["recent"].pt_no
    assert state["guardians"] == [] and [r[0] for r in state["identity_verifications"]] == [2]
    assert [r[0] for r in state["complaints"]] == [2] and [r[0] for r in state["access_logs"]] == [2]


def test_log_holds_pseudonyms_only(clinic_db: Place, policy: Policy) -> None:
    report = apply_retention(clinic_db.config(), _options(policy))
    log = clinic_db.log_rows()
    text = json.dumps([{k: str(v) for k, v in r.items()} for r in log], ensure_ascii=False)
    raw = [
        v for p in clinic.PEOPLE.values() for v in (p.pt_no, p.name, p.phone, p.rrn, p.rrn.replace("-", ""))
    ]
    raw += ["user1", "user3", "윤서준", "010-2222-0000", "강민서"]
    assert not [v for v in raw if v in text]
    keys = [k for r in log for k in json.loads(r["record_keys"])]
    assert all(len(k) == 64 and int(k, 16) >= 0 for k in keys)
    assert len(keys) == len(set(keys)) == report.total("done")
    assert all(r["run_id"] == report.run_id and r["row_count"] <= 2 for r in log)  # batch_rows: 2
    # an auditor with the key can tell that patient "old" was destroyed
    message = json.dumps(["clinic", "patients", [clinic.PEOPLE["old"].pt_no]], separators=(",", ":"))
    assert hmac.new(KEY.encode(), message.encode(), hashlib.sha256).hexdigest() in keys


@pytest.mark.parametrize("missing", ["writer", "key"])
def test_apply_refuses_without_its_own_credentials(
    sqlite_clinic: Place, policy: Policy, missing: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = sqlite_clinic.config()
    if missing == "writer":
        config.enforcement = None
    else:
        monkeypatch.delenv("CLINICSCAN_PSEUDONYM_KEY")
    before = sqlite_clinic.snapshot()
    with pytest.raises(
        EnforceError, match="CLINIC_WRITER_URL" if missing == "writer" else "CLINICSCAN_PSEUDONYM_KEY"
    ):
        apply_retention(config, _options(policy))
    assert sqlite_clinic.snapshot() == before


def test_a_mistyped_role_column_names_the_field(sqlite_clinic: Place, policy: Policy) -> None:
    config = sqlite_clinic.config()
    config.sources[0].tables["members"].roles["last_login"] = "last_login"
    with pytest.raises(EnforceError, match=r"roles\.last_login.*did you mean 'last_login_at'"):
        plan_retention(config, _options(policy))


def test_separate_storage_keeps_the_kept_part_until_the_hold_ends(
    sqlite_clinic: Place, policy: Policy, tmp_path: Path
) -> None:
    storage_url = f"sqlite:///{tmp_path / 'storage.sqlite'}"
    config = sqlite_clinic.config(separate_storage_url=storage_url)
    report = apply_retention(config, _options(policy))
    moved = [x for x in report.lines if x.action == "move" and x.done]
    assert [(x.table, x.done) for x in moved] == [("patients", 1)]
    held = clinic.PEOPLE["held"]
    row = next(r for r in sqlite_clinic.snapshot()["patients"] if r[0] == held.pt_no)
    assert row[1] == "" and row[8] is None  # name and address moved out as well
    engine = sa.create_engine(storage_url)
    with engine.connect() as connection:
        stored = connection.execute(
            sa.text("SELECT row_key, data, held_until FROM clinicscan_separate_storage")
        ).all()
    assert len(stored) == 1
    data = json.loads(stored[0].data)
    assert data["PT_NM"] == held.name and data["ADDR"] and "JUMIN_NO" not in data and "HP_NO" not in data
    assert stored[0].held_until == "2028-06-01"  # the medical record's 10 years from 2018-06-01

    later = apply_retention(config, RunOptions(policy=policy, today=clinic.TODAY.replace(year=2028, month=7)))
    purge = next(x for x in later.lines if x.rule == "storage.expired")
    assert (purge.rows, purge.done, purge.remaining) == (1, 1, 0)
    with engine.connect() as connection:
        assert (
            connection.execute(sa.text("SELECT count(*) FROM clinicscan_separate_storage")).scalar_one() == 0
        )
    engine.dispose()


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_report_files(sqlite_clinic: Place, policy: Policy, tmp_path: Path, lang: str) -> None:
    report = plan_retention(sqlite_clinic.config(), _options(policy))
    paths = write_enforcement_report(report, tmp_path, lang)  # type: ignore[arg-type]
    assert sorted(p.name for p in paths) == [
        "retention-plan.html",
        "retention-plan.json",
        "retention-plan.md",
    ]
    markdown = (tmp_path / "retention-plan.md").read_text(encoding="utf-8")
    assert ("파기 계획" in markdown) == (lang == "ko") and ("dry run" in markdown) == (lang == "en")
    assert "hold.medical_record" in markdown and "blocked.xray_notes" in markdown
    html = (tmp_path / "retention-plan.html").read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "<table>" in html and "http" not in html
