from datetime import date, timedelta
from pathlib import Path

import pytest

from reports.findings import Findings
from reports.waivers import (
    Waiver,
    WaiverError,
    apply_waivers,
    expired_waivers,
    load_waivers,
    parse_waivers,
)
from tests.reports.factories import make_findings, violation

GOOD_FILE = """\
# accepted findings, reviewed weekly
waivers:
  - id: 2c3d4e5f6a1b
    reason: Log purge job fixed; old rows go on the 15th
    owner: park.jisoo
    expires: 2025-06-30
  - match: {rule: inventory.unmapped, source: emr, table: members_backup_2023}
    reason: Kept until the audit closes
    owner: data-team
    expires: 2025-06-02
"""


def waiver(**kw: object) -> Waiver:
    data: dict[str, object] = {"reason": "accepted", "owner": "data-team", "expires": date(2025, 6, 30)}
    data.update(kw)
    return Waiver.model_validate(data)


def test_load_waiver_file(tmp_path: Path) -> None:
    path = tmp_path / "waivers.yaml"
    path.write_text(GOOD_FILE, encoding="utf-8")
    waivers = load_waivers(path)
    assert [w.describe() for w in waivers] == ["2c3d4e5f6a1b", "inventory.unmapped emr/members_backup_2023"]
    assert waivers[1].expires == date(2025, 6, 2)


@pytest.mark.parametrize("content", ["", "waivers: []", "waivers:\n"])
def test_empty_waiver_file_waives_nothing(tmp_path: Path, content: str) -> None:
    path = tmp_path / "waivers.yaml"
    path.write_text(content, encoding="utf-8")
    assert load_waivers(path) == []


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ({"id": "v1", "owner": "kim", "expires": "2025-06-30"}, "'reason' is missing or empty"),
        (
            {"id": "v1", "reason": "   ", "owner": "kim", "expires": "2025-06-30"},
            "'reason' is missing or empty",
        ),
        (
            {"id": "v1", "reason": None, "owner": "kim", "expires": "2025-06-30"},
            "'reason' is missing or empty",
        ),
        ({"id": "v1", "reason": "ok", "expires": "2025-06-30"}, "'owner' is missing or empty"),
        ({"id": "v1", "reason": "ok", "owner": "kim"}, "'expires' is missing or empty"),
        ({"id": "v1", "reason": "ok", "owner": "kim", "expires": "30/06/2025"}, "'expires' must be a date"),
        ({"id": "v1", "reason": "ok", "owner": "kim", "expires": "soon"}, "'expires' must be a date"),
        ({"reason": "ok", "owner": "kim", "expires": "2025-06-30"}, "exactly one of 'id'"),
        (
            {
                "id": "v1",
                "match": {"rule": "r", "source": "s", "table": "t"},
                "reason": "ok",
                "owner": "kim",
                "expires": "2025-06-30",
            },
            "exactly one of 'id'",
        ),
        (
            {"match": {"rule": "r", "source": "s"}, "reason": "ok", "owner": "k", "expires": "2025-06-30"},
            "match.table",
        ),
        ({"id": "v1", "reason": "ok", "owner": "kim", "expires": "2025-06-30", "note": "x"}, "'note'"),
    ],
)
def test_invalid_entry_names_file_entry_and_fix(entry: dict[str, object], expected: str) -> None:
    with pytest.raises(WaiverError) as err:
        parse_waivers(
            {"waivers": [{"id": "ok", "reason": "r", "owner": "o", "expires": "2025-01-01"}, entry]},
            "ops/waivers.yaml",
        )
    message = str(err.value)
    assert message.startswith("ops/waivers.yaml: waivers[1]")
    assert expected in message
    assert "every waiver needs" in message


def test_error_names_the_waiver_by_id(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text("waivers:\n  - id: abc123\n    owner: kim\n    expires: 2025-01-01\n", encoding="utf-8")
    with pytest.raises(WaiverError, match=r"w\.yaml: waivers\[0\] \(id abc123\): 'reason'"):
        load_waivers(path)


@pytest.mark.parametrize("content", ["- id: x", "waivers: {id: x}", "other: 1", "waivers: [1, 2]"])
def test_wrong_top_level_is_an_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(WaiverError, match=str(path)):
        load_waivers(path)


def test_missing_or_broken_file(tmp_path: Path) -> None:
    with pytest.raises(WaiverError, match="cannot read the waiver file"):
        load_waivers(tmp_path / "absent.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("waivers: [\n", encoding="utf-8")
    with pytest.raises(WaiverError, match="not valid YAML"):
        load_waivers(broken)


EXPIRES = date(2025, 6, 30)


@pytest.mark.parametrize(
    ("today", "waived"),
    [
        (EXPIRES - timedelta(days=30), True),
        (EXPIRES - timedelta(days=1), True),
        (EXPIRES, True),  # the expiry day itself still holds
        (EXPIRES + timedelta(days=1), False),  # from the next day the finding is back
        (EXPIRES + timedelta(days=365), False),
    ],
)
def test_expiry_edges(findings: Findings, today: date, waived: bool) -> None:
    w = [waiver(id="c3d4e5f6a1b2", expires=EXPIRES)]
    open_violations, accepted = apply_waivers(findings, w, today)
    assert ("c3d4e5f6a1b2" in {m.violation.id for m in accepted}) is waived
    assert ("c3d4e5f6a1b2" in {v.id for v in open_violations}) is not waived
    assert len(open_violations) + len(accepted) == len(findings.violations)
    assert bool(expired_waivers(findings, w, today)) is not waived


def test_match_without_column_covers_the_whole_table(findings: Findings) -> None:
    w = [waiver(match={"rule": "security.plaintext_secret", "source": "emr", "table": "members"})]
    _, accepted = apply_waivers(findings, w, date(2025, 6, 1))
    assert {m.violation.column for m in accepted} == {"rrn", "password"}


def test_match_with_column_covers_only_that_column(findings: Findings) -> None:
    w = [
        waiver(
            match={"rule": "security.plaintext_secret", "source": "emr", "table": "members", "column": "rrn"}
        )
    ]
    _, accepted = apply_waivers(findings, w, date(2025, 6, 1))
    assert [m.violation.column for m in accepted] == ["rrn"]


@pytest.mark.parametrize(
    "scope",
    [
        {"rule": "retention.overdue", "source": "emr", "table": "members"},  # other rule
        {"rule": "security.plaintext_secret", "source": "crm", "table": "members"},  # other source
        {"rule": "security.plaintext_secret", "source": "emr", "table": "member"},  # other table
        {"rule": "security.plaintext_secret", "source": "emr", "table": "members", "column": "email"},
    ],
)
def test_match_that_fits_nothing_waives_nothing(findings: Findings, scope: dict[str, str]) -> None:
    open_violations, accepted = apply_waivers(findings, [waiver(match=scope)], date(2025, 6, 1))
    assert accepted == [] and len(open_violations) == len(findings.violations)


def test_an_active_waiver_wins_over_an_expired_one() -> None:
    f = make_findings(violations=[violation("v1", "retention.overdue", "high", "t")])
    w = [waiver(id="v1", expires=date(2025, 1, 1), owner="old"), waiver(id="v1", expires=date(2025, 12, 31))]
    open_violations, accepted = apply_waivers(f, w, date(2025, 6, 1))
    assert open_violations == [] and accepted[0].waiver.owner == "data-team"
    assert expired_waivers(f, w, date(2025, 6, 1)) == []


def test_expired_waiver_is_reported_with_its_violation() -> None:
    f = make_findings(violations=[violation("v1", "retention.overdue", "high", "t")])
    [m] = expired_waivers(f, [waiver(id="v1", expires=date(2025, 5, 31))], date(2025, 6, 1))
    assert m.expired and m.violation.id == "v1" and m.waiver.expires == date(2025, 5, 31)
