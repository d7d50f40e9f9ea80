"""The demo clinic on SQLite: what the manifest promises is what the database holds, recounted."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from dateutil.relativedelta import relativedelta

from demo import DemoDatabaseError, DemoManifest, DemoOptions, build_demo
from demo.identifiers import luhn_ok, rrn_birth_date, rrn_checksum_ok
from demo.manifest import RULES
from flows.config import load_config
from tests.demo.conftest import AS_OF, SMALL, BuiltDemo


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def _day(value: object) -> date | None:
    """A stored date as SQLite holds it: 'YYYYMMDD', 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS'."""
    if value is None:
        return None
    text = str(value)
    if re.fullmatch(r"\d{8}", text):
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    return datetime.fromisoformat(text).date()


def test_manifest_on_disk_is_the_one_returned(built: BuiltDemo) -> None:
    assert DemoManifest.load(built.out / "demo_manifest.json") == built.manifest
    assert built.manifest.as_of == AS_OF and built.manifest.dialect == "sqlite"


def test_every_rule_is_planted_and_has_a_clean_counterpart(built: BuiltDemo) -> None:
    assert {v.rule for v in built.manifest.violations} == set(RULES)
    assert {c.rule for c in built.manifest.clean} == set(RULES)


def test_row_counts_match_the_database(built: BuiltDemo) -> None:
    for table, count in built.manifest.tables.items():
        assert _rows(built.db, f'SELECT COUNT(*) FROM "{table}"')[0][0] == count, table
    assert built.manifest.tables["patients"] > SMALL.patients  # the bulk plus the planted patients


def test_foreign_keys_hold(built: BuiltDemo) -> None:
    assert _rows(built.db, "PRAGMA foreign_key_check") == []


def test_retention_counts_recomputed_from_the_database(built: BuiltDemo) -> None:
    """Recount overdue rows from scan.yaml's column map and the manifest's cutoffs, not generator code."""
    config = load_config(built.out / "scan.yaml")
    m = built.manifest
    checked = 0
    for table, mapping in config.sources[0].tables.items():
        if mapping.record_type is None:
            continue
        clocks = {ev: col for ev, col in mapping.roles.items() if ev in m.retention[mapping.record_type]}
        if not clocks:
            continue
        overdue = 0
        for row in _rows(
            built.db, "SELECT " + ", ".join(f'"{c}"' for c in clocks.values()) + f' FROM "{table}"'
        ):
            days = {ev: _day(v) for ev, v in zip(clocks, row, strict=True)}
            overdue += any(d is not None and d < m.cutoffs[mapping.record_type][ev] for ev, d in days.items())
        assert overdue == (m.count_of("retention.overdue", table) or 0), table
        checked += bool(overdue)
    assert checked >= 8  # overdue rows are planted in many tables


def test_consent_and_minor_counts_recomputed_from_the_database(built: BuiltDemo) -> None:
    m = built.manifest
    withdrawn = [
        _day(r[0]) for r in _rows(built.db, "SELECT withdrawn_at FROM members WHERE withdrawn_at IS NOT NULL")
    ]
    cutoff = m.cutoffs["member"]["withdrawal"]
    assert sum(d < cutoff for d in withdrawn if d) == m.count_of("consent.withdrawn_retained", "members") == 6
    assert sum(d >= cutoff for d in withdrawn if d) == 4  # withdrawn within the deadline: clean
    minors = with_consent = 0
    for birth, signup, consent in _rows(
        built.db, "SELECT birth_date, signup_at, guardian_consent_at FROM members"
    ):
        under_14 = relativedelta(_day(signup), _day(birth)).years < 14
        minors += under_14 and consent is None
        with_consent += under_14 and consent is not None
    assert minors == m.count_of("minors.no_guardian_consent", "members") == 5
    assert with_consent >= 1


def test_identifiers_are_valid(built: BuiltDemo) -> None:
    rrns = [str(r[0]) for r in _rows(built.db, 'SELECT "JUMIN_NO" FROM patients')]
    assert all(re.fullmatch(r"\d{6}-[1-4]\d{6}", r) and rrn_birth_date(r) for r in rrns)
    assert sum(map(rrn_checksum_ok, rrns)) / len(rrns) > 0.95  # the rest carry post-2020 random tails
    cards = [str(r[0]) for r in _rows(built.db, 'SELECT "CARD_NO" FROM card_approvals')]
    assert cards and all(luhn_ok(c) for c in cards)
    as_ints = [r[0] for r in _rows(built.db, 'SELECT "JUMIN_NO" FROM tmp_export')]
    assert all(isinstance(v, int) and rrn_birth_date(str(v).zfill(13)) for v in as_ints)
    phones = [r[0] for r in _rows(built.db, "SELECT guardian_phone FROM guardians")]
    assert all(isinstance(p, int) and str(p).startswith("10") and len(str(p)) == 10 for p in phones)


def test_rrns_in_consultation_notes_are_counted(built: BuiltDemo) -> None:
    notes = [str(r[0]) for r in _rows(built.db, 'SELECT "상담내용" FROM consultations')]
    with_rrn = sum(bool(re.search(r"\d{6}-[1-4]\d{6}", n)) for n in notes)
    entry = next(
        v
        for v in built.manifest.violations
        if (v.rule, v.table) == ("security.plaintext_secret", "consultations")
    )
    assert entry.rows == with_rrn > 0
    assert with_rrn < len(notes) * 0.1  # a few percent of the notes, as in a real clinic


def test_health_answers_planted_in_event_surveys(built: BuiltDemo) -> None:
    answers = [str(r[0]) for r in _rows(built.db, "SELECT survey_answer FROM event_participants") if r[0]]
    health = [a for a in answers if re.search(r"수술|성형|피부염|고혈압|당뇨|보형물|켈로이드|흉터", a)]
    entry = next(v for v in built.manifest.violations if v.rule == "collection.undeclared")
    assert (entry.table, entry.column, entry.category) == ("event_participants", "survey_answer", "health")
    assert len(health) == entry.rows == 6


def test_unmapped_tables_are_in_the_database_but_not_in_the_column_map(built: BuiltDemo) -> None:
    config = load_config(built.out / "scan.yaml")
    mapped = set(config.sources[0].tables)
    in_db = {r[0] for r in _rows(built.db, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    unmapped = {v.table for v in built.manifest.violations if v.rule == "inventory.unmapped"}
    assert unmapped == {"members_backup_2019", "tmp_export"} == in_db - mapped
    assert mapped <= in_db


def test_scan_yaml_is_ready_to_run(built: BuiltDemo) -> None:
    config = load_config(built.out / "scan.yaml")
    database, export = config.sources
    assert database.name == built.manifest.database_source and database.url == f"sqlite:///{built.db}"
    assert export.path == built.exports and export.consignee == "infonet-hosting"
    assert config.sampling.mode == "full"
    assert database.tables["prescriptions"].encrypted == ["patient_rrn_enc"]
    assert database.tables["members"].roles["guardian_consent"] == "guardian_consent_at"


def test_no_raw_value_in_the_manifest_or_scan_yaml(built: BuiltDemo) -> None:
    text = (built.out / "demo_manifest.json").read_text(encoding="utf-8")
    text += (built.out / "scan.yaml").read_text(encoding="utf-8")
    values: set[str] = set()
    for sql in (
        'SELECT "PT_NM", "JUMIN_NO", "HP_NO" FROM patients',
        "SELECT name, email, phone FROM members",
        'SELECT "CARD_NO", "CARD_NO", "CARD_NO" FROM card_approvals',
    ):
        values.update(str(v) for row in _rows(built.db, sql) for v in row if v)
    assert len(values) > 500
    leaked = [v for v in values if v in text]
    assert not leaked


def _table_digest(db: Path) -> dict[str, str]:
    listing = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
    tables = [str(r[0]) for r in _rows(db, listing)]
    return {
        t: hashlib.sha256(repr(_rows(db, f'SELECT * FROM "{t}" ORDER BY 1')).encode()).hexdigest()
        for t in tables
    }


def test_same_seed_same_clinic_other_seed_other_clinic(built: BuiltDemo, tmp_path: Path) -> None:
    again = build_demo(out_dir=tmp_path / "again", options=SMALL)
    other = build_demo(out_dir=tmp_path / "other", options=SMALL.model_copy(update={"seed": 7}))
    assert _table_digest(tmp_path / "again" / "clinic.sqlite") == _table_digest(built.db)
    assert again.violations == built.manifest.violations and again.tables == built.manifest.tables
    for name in built.manifest.exports:
        if "#" not in name and not name.endswith(".parquet"):
            assert (tmp_path / "again" / again.export_dir / name).read_bytes() == (
                built.exports / name
            ).read_bytes()
    other_digest = _table_digest(tmp_path / "other" / "clinic.sqlite")
    assert other_digest["patients"] != _table_digest(built.db)["patients"]
    assert {(v.rule, v.table, v.column) for v in other.violations} == {
        (v.rule, v.table, v.column) for v in built.manifest.violations
    }  # the plan is the same whatever the seed; only the number of records per patient varies
    fixed = {
        ("consent.withdrawn_retained", "members"),
        ("minors.no_guardian_consent", "members"),
        ("retention.overdue", "members"),
        ("retention.overdue", "access_logs"),
    }
    assert {(v.rule, v.table, v.count) for v in other.violations if (v.rule, v.table) in fixed} == {
        (v.rule, v.table, v.count) for v in built.manifest.violations if (v.rule, v.table) in fixed
    }


def test_rebuilding_in_place_replaces_the_demo_tables(tmp_path: Path) -> None:
    options = DemoOptions(patients=60, as_of=AS_OF)
    first = build_demo(out_dir=tmp_path, options=options)
    second = build_demo(out_dir=tmp_path, options=options)
    assert first.tables == second.tables
    assert (
        _rows(tmp_path / "clinic.sqlite", "SELECT COUNT(*) FROM patients")[0][0] == first.tables["patients"]
    )


def test_schema_isolation_is_refused_on_sqlite(tmp_path: Path) -> None:
    with pytest.raises(DemoDatabaseError, match="schema_name works on PostgreSQL and MariaDB only"):
        build_demo(out_dir=tmp_path, options=DemoOptions(patients=60, schema_name="x"))


@pytest.mark.parametrize(
    "bad", [{"patients": 1_000_001}, {"patients": 10}, {"schema_name": "a;drop"}, {"unknown": 1}]
)
def test_options_are_validated(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        DemoOptions.model_validate(bad)
