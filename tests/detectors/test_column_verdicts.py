"""Column verdicts that a table's other columns and a column's minorities shape (issue 12)."""

from __future__ import annotations

import random

import pyarrow as pa
import pytest

from detectors.classify import SCAN_OPTIONS, SCAN_STRUCTURED_QUOTA, TableScanner, classify_table
from detectors.recognizers.checks import frn_check_digit
from sources.base import ColumnInfo
from tests.detectors.test_classify import NOTES, classify, columns_of, mobile, rrn

RNG = random.Random(12)


def frn(rng: random.Random = RNG) -> str:
    body = f"{rng.randrange(60, 99)}0{rng.randrange(1, 10)}1{rng.randrange(0, 9)}5{rng.randrange(10**5):05d}"
    return f"{body[:6]}-{body[6:]}{frn_check_digit(body)}"


@pytest.mark.parametrize("share", [0.01, 0.02])
def test_a_few_foreigner_numbers_in_a_resident_number_column_are_reported_too(share: float) -> None:
    cells = [frn() if i < 400 * share else rrn() for i in range(400)]
    RNG.shuffle(cells)
    found = classify(pa.table({"rrn": cells}), "tb_pt_mst")["rrn"]
    assert set(found.entity_names) == {"KR_RRN", "KR_FRN"}
    assert found.entity_names[0] == "KR_RRN"


def test_chinese_passports_in_a_resident_number_column_are_reported_too() -> None:
    cells = [f"E{RNG.randrange(10**8):08d}" if i % 60 == 0 else rrn() for i in range(400)]
    found = classify(pa.table({"jumin_no": cells}), "patients")["jumin_no"]
    assert set(found.entity_names) == {"KR_RRN", "PASSPORT"}


def test_a_lone_checksum_match_in_a_code_column_stays_unreported() -> None:
    cells = [f"{RNG.randrange(10**12):012d}" for _ in range(398)] + [frn(), frn()]
    assert classify(pa.table({"ref_no": cells}), "orders") == {}


def test_a_passport_column_of_foreign_and_korean_passports_is_named_for_both() -> None:
    cells = [
        f"M{RNG.randrange(10**8):08d}" if i % 4 == 0 else f"E{RNG.randrange(10**8):08d}" for i in range(200)
    ]
    found = classify(pa.table({"passport_no": cells}), "intl_patient")["passport_no"]
    assert set(found.entity_names) == {"PASSPORT", "KR_PASSPORT"}


def test_a_dominant_entity_drowns_stray_names_in_a_structured_column() -> None:
    roads = ["판교역로", "정자일로", "황새울로", "분당로"]
    cells = [f"경기도 성남시 분당구 {RNG.choice(roads)} {RNG.randrange(1, 300)}" for _ in range(300)]
    cells += ["김민수", "이서연", "박지훈", "최유진"] * 10
    found = classify(pa.table({"name_addr": cells}), "patients")["name_addr"]
    assert found.entity_names == ["ADDRESS"]


PROCEDURES = ["쌍꺼풀 수술", "코성형", "레이저 토닝", "보톡스 주입", "지방흡입", "필러 주입"]


@pytest.mark.parametrize("table", ["proc_cd", "t042", "proc_cd_bak_20240101"])
def test_a_lookup_tables_medical_words_are_nobodys_health_information(table: str) -> None:
    data = pa.table(
        {
            "proc_cd": [f"P{i:03d}" for i in range(60)],
            "proc_nm": [PROCEDURES[i % len(PROCEDURES)] for i in range(60)],
            "price": [10000 * (i % 7 + 1) for i in range(60)],
        }
    )
    assert classify(data, table) == {}


@pytest.mark.parametrize(
    "extra",
    [
        {"pt_no": list(range(60))},  # a subject key: each row is a patient's
        {"patient_name": ["김민수", "이서연", "박지훈"] * 20},  # a personal column
    ],
)
def test_medical_words_in_rows_that_belong_to_someone_are_health_information(extra: dict) -> None:
    data = pa.table({"proc_nm": [PROCEDURES[i % len(PROCEDURES)] for i in range(60)], **extra})
    assert classify(data, "tx_hist")["proc_nm"].entity_names == ["MEDICAL_INFO"]


def test_a_lookup_tables_free_text_keeps_its_findings() -> None:
    notes = ["레이저 토닝 후 관리 안내", "연락처 010-2345-6789 로 회신"] * 30
    data = pa.table({"cd": [f"C{i}" for i in range(60)], "memo": notes})
    assert set(classify(data, "cmm_cd")["memo"].entity_names) == {"MEDICAL_INFO", "PHONE_NUMBER"}


TITLES = ["주임", "팀장", "실장", "원장", "간호사", "상담실장", "대표원장", "부원장", "과장", "코디네이터"]


@pytest.mark.parametrize("column", ["job_title", "직위", "position", "col3"])
def test_job_titles_are_not_names(column: str) -> None:
    data = pa.table({column: [TITLES[i % len(TITLES)] for i in range(100)]})
    assert classify(data, "emp_info") == {}


@pytest.mark.parametrize(
    "titles",
    [["원장", "부원장", "전문의"], ["대표원장", "전공의", "수간호사"], ["팀장", "차장", "상담사", "코디"]],
)
def test_a_column_of_name_shaped_titles_in_a_patients_table_is_not_names(titles: list[str]) -> None:
    """부원장 or 전문의 look like a surname and a given name; a column of titles holds nobody's name."""
    data = pa.table(
        {
            "pt_nm": ["김민준", "이서윤", "박지우"] * 40,
            "doctor": [titles[i % len(titles)] for i in range(120)],
        }
    )
    assert "doctor" not in classify(data, "visits")


@pytest.mark.parametrize(
    "column, values",
    [
        ("email_opt_in", ["Y", "N", None]),
        ("sms_agree_yn", ["Y", "N", None]),
        ("marketingOptIn", ["true", "false", None]),
        ("session_id", ["f489789a25a111edf8e94dd203d4c5d0", None, "25a6b34daec064117391f8b376e31137"]),
        ("pt_nm_yn", ["Y", "N", None]),
        ("visit_cnt", ["3", "12", None]),
        ("tot_amt", ["150000", "8000", None]),
        ("email_opt_in", [None, None, None]),  # nothing to read: the name alone must not say EMAIL
        ("phone_cnt", [None, None, None]),
    ],
)
def test_name_rules_do_not_fire_on_flags_sessions_counts_and_amounts(column: str, values: list) -> None:
    assert classify(pa.table({column: pa.array(values * 30, pa.string())}), "tb_pt_mst") == {}


def resident_numbers_with_minorities(rng: random.Random, rows: int, share: float) -> list[str]:
    """Resident numbers with ``share`` foreigner numbers and ``share`` passports among them, shuffled."""
    cells = [rrn(rng) for _ in range(rows)]
    for i in range(int(rows * share)):
        cells[i] = frn(rng)
        cells[rows // 2 + i] = f"E{rng.randrange(10**8):08d}"
    rng.shuffle(cells)
    return cells


@pytest.mark.parametrize("share", [0.01, 0.02])
def test_a_sample_scan_keeps_foreigner_number_and_passport_minorities(share: float) -> None:
    """A scan validates a hundred values of a 1,000-row column, but a minority is its own stratum."""
    table = pa.table(
        {"jumin_no": resident_numbers_with_minorities(random.Random(int(share * 100)), 1000, share)}
    )
    scanner = TableScanner("tb_pt_mst", columns_of(table), SCAN_OPTIONS)
    scanner.feed(table)
    [found] = scanner.result()
    assert set(found.entity_names) == {"KR_RRN", "KR_FRN", "PASSPORT"}
    assert scanner.cells_analyzed <= 250  # of 1,000 distinct values: the quota, a few strata, the minorities


def test_a_full_scan_estimates_a_structured_column_past_its_quota_and_keeps_its_minorities() -> None:
    """Streamed, a structured column stops analysing its resident numbers once their rate is measured."""
    cells = resident_numbers_with_minorities(random.Random(5), 20_000, 0.01)
    table = pa.table({"jumin_no": cells})
    scanner = TableScanner("tb_pt_mst", columns_of(table), SCAN_OPTIONS)
    for batch in table.to_batches(max_chunksize=2_000):
        scanner.feed(batch)
    [found] = scanner.result()
    assert set(found.entity_names) == {"KR_RRN", "KR_FRN", "PASSPORT"}
    assert (
        scanner.cells_analyzed <= 600
    )  # of 20,000: the quota, then each batch's minorities (the prose quota: 891)
    [rrns] = [e for e in found.entities if e.entity == "KR_RRN"]
    assert rrns.hits == pytest.approx(19_600, rel=0.05)  # an estimate, close to the truth


@pytest.mark.parametrize("batch_rows", [None, 250])
def test_a_scan_keeps_the_full_quota_for_prose(batch_rows: int | None) -> None:
    """Notes keep the larger quota in a sample (one batch) and in a full scan (streamed batches) alike."""
    rng = random.Random(3)
    columns = {
        "memo": [f"{rng.choice(NOTES)} 보호자 연락처 {mobile(rng)}" for _ in range(1000)],
        "hp_no": [mobile(rng) for _ in range(1000)],
    }
    analyzed, found = {}, {}
    for name, cells in columns.items():
        table = pa.table({name: cells})
        scanner = TableScanner("t", columns_of(table), SCAN_OPTIONS)
        for batch in table.to_batches(max_chunksize=batch_rows):
            scanner.feed(batch)
        found.update({r.column: r.entity_names for r in scanner.result()})
        analyzed[name] = scanner.cells_analyzed
    assert analyzed["memo"] >= 400  # ClassifyOptions.validation_quota, as before
    assert analyzed["hp_no"] <= 2 * SCAN_STRUCTURED_QUOTA
    assert found == {"memo": ["PHONE_NUMBER"], "hp_no": ["PHONE_NUMBER"]}


def test_an_address_column_is_one_value_per_cell_for_the_quota() -> None:
    """Four-word address lines are not prose: they get the structured quota, and are still addresses."""
    rng = random.Random(9)
    roads = ["테헤란로", "압구정로", "도산대로", "논현로", "봉은사로"]
    cells = [f"서울특별시 강남구 {rng.choice(roads)} {i + 1}" for i in range(1000)]
    table = pa.table({"addr": cells})
    scanner = TableScanner("tb_pt_mst", columns_of(table), SCAN_OPTIONS)
    scanner.feed(table)
    [found] = scanner.result()
    assert found.entity_names == ["ADDRESS"]
    assert scanner.cells_analyzed <= 2 * SCAN_STRUCTURED_QUOTA  # the prose quota would analyse 500


def chosen_password(rng: random.Random = RNG) -> str:
    letters = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(rng.choice(letters) for _ in range(7)) + rng.choice("!#%&") + "1"


def bcrypt(rng: random.Random = RNG) -> str:
    alphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "$2b$12$" + "".join(rng.choice(alphabet) for _ in range(53))


@pytest.mark.parametrize("share", [0.01, 0.05, 0.19, 0.3, 0.45, 0.9])
@pytest.mark.parametrize("column", ["pwd", "user_pw"])
def test_a_half_migrated_password_column_reports_its_plaintext_and_its_hashes(
    share: float, column: str
) -> None:
    cells = [chosen_password() if i < 300 * share else bcrypt() for i in range(300)]
    RNG.shuffle(cells)
    found = classify(pa.table({column: cells}), "web_mbr")[column]
    assert set(found.entity_names) == {"PASSWORD", "PASSWORD_HASH"}


@pytest.mark.parametrize("column", ["pwd", "password_hash"])
def test_a_column_of_hashes_alone_holds_no_plaintext_password(column: str) -> None:
    found = classify(pa.table({column: [bcrypt() for _ in range(300)]}), "web_mbr")[column]
    assert found.entity_names == ["PASSWORD_HASH"]


def test_a_single_password_shaped_cell_among_hashes_is_not_a_plaintext_password_column() -> None:
    cells = [bcrypt() for _ in range(399)] + [chosen_password()]
    found = classify(pa.table({"pwd": cells}), "web_mbr")["pwd"]
    assert found.entity_names == ["PASSWORD_HASH"]


def test_a_confirmed_minority_is_not_dropped_because_another_confirmed_entity_dominates() -> None:
    cells = [f"pt{i}@example.com" if i % 4 == 0 else mobile() for i in range(300)]
    found = classify(pa.table({"email": cells}), "members")["email"]
    assert set(found.entity_names) == {"PHONE_NUMBER", "EMAIL_ADDRESS"}


SGG = [
    "용인시 수지구",
    "이천시 서대문구",
    "수원시 팔달구",
    "안양시 만안구 마포구",
    "청주시 흥덕구",
    "서천군 영등포구",
]
STREETS = ["가락", "영동대", "석촌호수", "도산대", "삼성", "반포대", "언주", "양재천", "학동", "봉은사로"]


@pytest.mark.parametrize("column", ["addr1", "주소", "home_addr"])
def test_address_lines_without_a_province_make_an_address_column(column: str) -> None:
    cells = [f"{RNG.choice(SGG)} {RNG.choice(STREETS)} {RNG.randrange(1, 300)}" for _ in range(100)]
    found = classify(pa.table({column: cells}), "kh_mst")[column]
    assert found.entity_names == ["ADDRESS"]


VOCABULARY = {
    "dept_nm": ["성형외과", "피부과", "안과", "치과", "상담실", "원무과", "진료부 3팀"],
    "job_title": ["주임", "팀장", "실장", "원장", "간호사", "상담실장", "코디네이터"],
    "proc_nm": ["백내장 수술", "라식", "라섹", "임플란트", "스케일링", "신경치료 2회"],
    "branch_nm": ["강남점", "분당점", "수원 본점", "성남시 분당구 지점", "용인시 수지구 센터"],
}


@pytest.mark.parametrize("column", sorted(VOCABULARY))
def test_departments_titles_and_lookup_vocabulary_are_no_addresses(column: str) -> None:
    words = VOCABULARY[column]
    cells = [words[i % len(words)] for i in range(70)]
    found = classify(pa.table({column: cells}), "emp_info")
    assert "ADDRESS" not in (found[column].entity_names if column in found else [])


def test_a_session_id_field_of_an_access_log_holds_no_phone_numbers() -> None:
    ids = [f"{RNG.getrandbits(128):032x}" for _ in range(1000)]
    ids += ["6194afedd65b289e0221543734d46391", "421cc024398028bb18f43c00e1edcf0f"]
    columns = [ColumnInfo("session_id", "JSON Lines value", "text")]
    assert classify_table("access_20261204.jsonl", columns, pa.table({"session_id": ids})) == []


@pytest.mark.parametrize("column", ["license_no", "면허번호", "lcns_no"])
def test_a_staff_members_medical_licence_number_is_no_drivers_licence(column: str) -> None:
    numbers = pa.array([str(RNG.randrange(10000, 99999)) for _ in range(60)], pa.string())
    empty = pa.array([None] * 60, pa.string())
    assert classify(pa.table({column: numbers}), "tb_emp") == {}
    assert classify(pa.table({column: empty}), "tb_emp") == {}  # the name alone does not say driver's licence


def test_drivers_licences_in_a_licence_column_are_still_found() -> None:
    cells = [
        f"{RNG.randrange(11, 27)}-{RNG.randrange(100):02d}-{RNG.randrange(10**6):06d}-{i % 90 + 10}"
        for i in range(60)
    ]
    assert classify(pa.table({"license_no": cells}), "tb_pt_mst")["license_no"].entity_names == [
        "KR_DRIVER_LICENSE"
    ]
