import json
import random
from pathlib import Path
from urllib.parse import quote

import pytest
from faker import Faker
from sqlalchemy.engine import make_url

from reports.context import ReportOptions, build_context
from reports.findings import Findings, SourceStatus
from reports.history import default_history_url, record_scan
from reports.leakguard import LeakError, assert_no_raw_values
from reports.render import write_reports
from tests.reports.factories import column, make_findings, violation

PASSWORD = "Pl4nted&Secret!"


def fake_rrn(rng: random.Random) -> str:
    """A synthetic RRN with a valid check digit (weights 2..9,2..5; C = (11 - sum mod 11) mod 10)."""
    body = f"{rng.randint(70, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.choice('12')}"
    body += "".join(str(rng.randint(0, 9)) for _ in range(5))
    total = sum(int(d) * w for d, w in zip(body, [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5], strict=True))
    return f"{body[:6]}-{body[6:]}{(11 - total % 11) % 10}"


@pytest.fixture
def planted() -> dict[str, str]:
    rng = random.Random(20250602)
    fake = Faker("ko_KR")
    fake.seed_instance(20250602)
    return {
        "rrn": fake_rrn(rng),
        "phone": f"010-{rng.randint(2000, 9999)}-{rng.randint(1000, 9999)}",
        "email": fake.free_email(),
        "name": fake.name(),
        "card": "4111-1111-1111-1111",
        "password": PASSWORD,
    }


def mask(value: str, keep: int) -> str:
    return value[:keep] + "".join("*" if ch.isalnum() else ch for ch in value[keep:])


def scan_with(planted: dict[str, str]) -> Findings:
    url = f"postgresql+psycopg://scanner:{quote(planted['password'])}@10.0.0.7/emr"
    shown = make_url(url).render_as_string(hide_password=True)
    return make_findings(
        sources=[
            SourceStatus(name="emr", kind="database", status="error", error=f"cannot connect to {shown}")
        ],
        columns=[
            column("members", "rrn", ["KR_RRN"], ["unique_id"], evidence=[mask(planted["rrn"], 8)]),
            column("members", "mobile", ["PHONE_NUMBER"], ["contact"], evidence=[mask(planted["phone"], 4)]),
            column("members", "email", ["EMAIL_ADDRESS"], ["contact"], evidence=[mask(planted["email"], 1)]),
            column("members", "name", ["PERSON"], ["identity"], evidence=[mask(planted["name"], 1)]),
            # a detector bug: a raw card number as evidence; the writers must withhold it
            column("payments", "card_no", ["CREDIT_CARD"], ["payment"], evidence=[planted["card"]]),
        ],
        violations=[
            violation("v1", "security.plaintext_secret", "critical", "members", column="rrn", count=1)
        ],
    )


def test_no_planted_value_in_any_output(planted: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    findings = scan_with(planted)
    for lang in ("ko", "en"):
        write_reports(build_context(findings, ReportOptions(lang=lang)), out / lang)
    record_scan(findings, default_history_url(out))
    searched = assert_no_raw_values([out], list(planted.values()))
    names = {p.name for p in searched}
    assert {"findings.json", "report.html", "findings.csv", "summary.md", "history.sqlite"} <= names


def spellings(planted: dict[str, str]) -> dict[str, str]:
    return {
        "rrn": planted["rrn"],
        "rrn_digits": planted["rrn"].replace("-", ""),
        "rrn_spaced": planted["rrn"].replace("-", " "),
        "phone_digits": planted["phone"].replace("-", ""),
        "password_html": PASSWORD.replace("&", "&amp;"),
        "password_url": quote(PASSWORD, safe=""),
        "name_json": json.dumps(planted["name"], ensure_ascii=True)[1:-1],
        "email": planted["email"],
    }


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("rrn {rrn} here", "rrn"),
        ("digits {rrn_digits} here", "rrn"),
        ("spaced {rrn_spaced} here", "rrn"),
        ("phone {phone_digits}", "phone"),
        ("html {password_html}", "password"),
        ("url postgresql://u:{password_url}@h/db", "password"),
        ("json {name_json}", "name"),
        ("mail <{email}>", "email"),
    ],
)
def test_every_spelling_of_a_planted_value_is_caught(
    planted: dict[str, str], tmp_path: Path, written: str, value: str
) -> None:
    leaky = tmp_path / "report.html"
    leaky.write_text(written.format(**spellings(planted)), encoding="utf-8")
    with pytest.raises(LeakError) as err:
        assert_no_raw_values([leaky], [planted[value]])
    assert "report.html" in str(err.value)
    assert planted[value] not in str(err.value)  # the failure message itself must not leak


def test_clean_file_passes(planted: dict[str, str], tmp_path: Path) -> None:
    clean = tmp_path / "summary.md"
    clean.write_text("rrn 900101-1****** phone 010-****-1234 counts 12 34 5678", encoding="utf-8")
    assert assert_no_raw_values([clean], list(planted.values())) == [clean]


def test_guard_that_searches_nothing_fails(tmp_path: Path) -> None:
    with pytest.raises(LeakError, match="no output files"):
        assert_no_raw_values([tmp_path], ["900101-1234567"])
    with pytest.raises(LeakError, match="not found"):
        assert_no_raw_values([tmp_path / "missing"], ["900101-1234567"])


def test_too_short_planted_value_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    with pytest.raises(ValueError, match="shorter than"):
        assert_no_raw_values([tmp_path], ["ab"])
