from __future__ import annotations

import datetime as dt
import random

import pyarrow as pa
import pytest

from detectors.classify import ClassifyOptions, TableScanner, classify_table
from detectors.model import ColumnResult
from detectors.recognizers.checks import luhn_ok, rrn_check_digit
from sources.base import ColumnInfo

RNG = random.Random(5)


def rrn(rng: random.Random = RNG) -> str:
    born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 50))
    body = born.strftime("%y%m%d") + rng.choice("12") + f"{rng.randrange(96):02d}{rng.randrange(1000):03d}"
    return f"{body[:6]}-{body[6:]}{rrn_check_digit(body)}"


def mobile(rng: random.Random = RNG) -> str:
    return f"010-{rng.randrange(2000, 10000)}-{rng.randrange(10000):04d}"


def card(rng: random.Random = RNG) -> str:
    while True:
        number = "4" + "".join(str(rng.randrange(10)) for _ in range(15))
        if luhn_ok(number):
            return "-".join(number[i : i + 4] for i in range(0, 16, 4))


def columns_of(table: pa.Table) -> list[ColumnInfo]:
    return [ColumnInfo(f.name, str(f.type), "text") for f in table.schema]


def classify(
    table: pa.Table, name: str = "t", options: ClassifyOptions | None = None
) -> dict[str, ColumnResult]:
    return {r.column: r for r in classify_table(name, columns_of(table), table, options)}


def test_phone_column_is_found_by_values_whatever_its_name() -> None:
    phones = [mobile() for _ in range(50)]
    found = classify(pa.table({"c_07": phones, "HP_NO": phones}))
    assert found["c_07"].entity_names == ["PHONE_NUMBER"]
    assert found["c_07"].entities[0].found_by == "value"
    assert found["HP_NO"].entities[0].found_by == "both"
    assert found["HP_NO"].entities[0].confidence > found["c_07"].entities[0].confidence
    assert found["c_07"].entities[0].hits == 50


@pytest.mark.parametrize(
    ("column", "values"),
    [
        ("jumin_no", [rrn()[:8] + "******" for _ in range(40)]),  # masked RRNs
        ("jumin_no", [rrn()[:7] + "*******" for _ in range(40)]),
        ("hp_no", [f"010-****-{RNG.randrange(10000):04d}" for _ in range(40)]),
        ("card_no", [f"****-****-****-{RNG.randrange(10000):04d}" for _ in range(40)]),
        ("email", ["k***@naver.com" for _ in range(40)]),
        ("patient_name", ["홍*동", "김**", "이*수"] * 10),
    ],
)
def test_masked_values_are_not_resurrected_by_the_column_name(column: str, values: list[str]) -> None:
    assert classify(pa.table({column: values})) == {}


def test_luhn_failing_numbers_in_a_card_column_are_not_cards() -> None:
    failing: list[str] = []
    while len(failing) < 40:
        number = "4" + "".join(str(RNG.randrange(10)) for _ in range(15))
        if not luhn_ok(number):
            failing.append("-".join(number[i : i + 4] for i in range(0, 16, 4)))
    assert (
        "CREDIT_CARD"
        not in (classify(pa.table({"card_no": failing})).get("card_no") or _empty()).entity_names
    )


def _empty() -> ColumnResult:
    return ColumnResult("t", "c", "string", 0)


def test_a_column_with_nothing_to_read_is_reported_by_its_name_alone() -> None:
    table = pa.table(
        {"JUMIN_NO": pa.array([None, None, "  "], pa.string()), "c1": pa.array([None] * 3, pa.string())}
    )
    found = classify(table)
    assert list(found) == ["JUMIN_NO"]
    hit = found["JUMIN_NO"].entities[0]
    assert (hit.entity, hit.hits, hit.found_by, hit.evidence) == ("KR_RRN", 0, "name", ())


def test_numbers_stored_in_numeric_columns_are_found() -> None:
    rrns = [int(rrn().replace("-", "")) for _ in range(30)]
    phones = [int(mobile().replace("-", "")) for _ in range(30)]  # the leading zero is gone
    table = pa.table(
        {
            "RESNO": pa.array(rrns, pa.int64()),
            "HP_NO": pa.array(phones, pa.int64()),
            "tel_double": pa.array([float(p) for p in phones], pa.float64()),
        }
    )
    found = classify(table)
    assert found["RESNO"].entity_names == ["KR_RRN"]
    assert found["HP_NO"].entity_names == ["PHONE_NUMBER"]
    assert found["tel_double"].entity_names == ["PHONE_NUMBER"]


def test_birth_dates_in_a_date_column_need_the_name() -> None:
    days = [dt.date(1960, 1, 1) + dt.timedelta(days=RNG.randrange(15000)) for _ in range(30)]
    found = classify(
        pa.table({"BIRTH_YMD": pa.array(days, pa.date32()), "VISIT_DT": pa.array(days, pa.date32())})
    )
    assert found["BIRTH_YMD"].entity_names == ["DATE_OF_BIRTH"]
    assert "VISIT_DT" not in found


NOTES = [
    "다음 주 화요일 재방문 예정.",
    "비용 안내 후 고민하겠다고 함.",
    "예약 변경 요청함.",
    "사진 촬영 완료.",
]


def test_free_text_reports_an_entity_held_by_one_cell_in_a_hundred() -> None:
    notes = [f"{RNG.choice(NOTES)} {RNG.choice(NOTES)}" for _ in range(300)]
    for row in (17, 140, 260):
        notes[row] += f" 주민번호 {rrn()} 확인함."
    found = classify(pa.table({"CNSL_CN": notes}), options=ClassifyOptions(record_cells=True))
    assert found["CNSL_CN"].free_text
    hit = next(h for h in found["CNSL_CN"].entities if h.entity == "KR_RRN")
    assert hit.hits == 3


def test_free_text_cells_are_located() -> None:
    notes = [RNG.choice(NOTES) for _ in range(100)]
    notes[42] = f"연락처 {mobile()} 로 회신 요청."
    scanner = TableScanner("t", [ColumnInfo("memo", "TEXT", "text")], ClassifyOptions(record_cells=True))
    scanner.feed(pa.table({"memo": notes}))
    assert scanner.cell_hits("memo") == {42: frozenset({"PHONE_NUMBER"})}


def test_stray_matches_in_a_structured_column_are_not_reported() -> None:
    codes = [f"A{RNG.randrange(100, 999)}" for _ in range(98)] + [mobile(), mobile()]
    assert classify(pa.table({"c3": codes})) == {}


def test_a_lookup_tables_name_column_is_no_person() -> None:
    departments = ["성형외과", "피부과", "마취통증의학과", "영상의학과", "원무과"] * 8
    found = classify(
        pa.table({"code": [f"D{i:02d}" for i in range(40)], "name": departments}), name="departments"
    )
    assert "PERSON" not in (found.get("name") or _empty()).entity_names


def test_only_columns_with_findings_are_returned_in_column_order() -> None:
    table = pa.table(
        {"amount": [1000, 2000], "email": ["kim.minsu@naver.com", "lee@daum.net"], "flag": [True, False]}
    )
    results = classify_table("t", columns_of(table), table)
    assert [r.column for r in results] == ["email"]
    assert results[0].rows_scanned == 2 and results[0].non_null == 2


def test_no_raw_value_leaves_the_detector() -> None:
    planted = {"rrn": rrn(), "phone": mobile(), "email": "planted.person77@naver.com", "card": card(),
               "name": "남궁민수"}  # fmt: skip
    table = pa.table(
        {
            "jumin_no": [planted["rrn"]] * 5,
            "hp": [planted["phone"]] * 5,
            "mail": [planted["email"]] * 5,
            "card_no": [planted["card"]] * 5,
            "patient_name": [planted["name"]] * 5,
            "memo": [f"{planted['name']} 님 연락처 {planted['phone']} 주민번호 {planted['rrn']}"] * 5,
        }
    )
    results = classify_table("t", columns_of(table), table)
    text = repr(results)
    assert {r.column for r in results} == set(table.column_names)
    for value in planted.values():
        assert value not in text
        assert value.replace("-", "") not in text
    assert all(r.entities[0].evidence for r in results)


def test_evidence_is_masked_and_at_most_three_examples() -> None:
    found = classify(pa.table({"hp_no": [mobile() for _ in range(20)]}))
    evidence = found["hp_no"].entities[0].evidence
    assert 1 <= len(evidence) <= 3
    assert all("****" in e for e in evidence)


def test_streaming_in_batches_gives_the_same_result_as_one_feed() -> None:
    """Within the validation quota every candidate is validated, so batches change nothing."""
    rng = random.Random(9)
    table = pa.table(
        {
            "hp": [mobile(rng) for _ in range(400)],
            "jumin": [rrn(rng) for _ in range(400)],
            "memo": [rng.choice(NOTES) + (f" {mobile(rng)}" if i % 50 == 0 else "") for i in range(400)],
        }
    )
    options = ClassifyOptions(validation_quota=400)
    whole = classify_table("t", columns_of(table), table, options)
    scanner = TableScanner("t", columns_of(table), options)
    for batch in table.to_batches(max_chunksize=64):
        scanner.feed(batch)
    assert scanner.result() == whole


def test_a_large_column_is_sampled_and_keeps_its_verdict() -> None:
    rng = random.Random(11)
    phones = [mobile(rng) for _ in range(6000)]
    options = ClassifyOptions(validation_quota=300, tail_quota=50)
    scanner = TableScanner("t", [ColumnInfo("c1", "VARCHAR", "text")], options)
    for batch in pa.table({"c1": phones}).to_batches(max_chunksize=2000):
        scanner.feed(batch)
    [result] = scanner.result()
    assert result.entity_names == ["PHONE_NUMBER"]
    assert abs(result.entities[0].hits - 6000) <= 300  # an estimate past the quota
    assert scanner.cells_analyzed <= 500  # of 6,000 cells: the quota, then a small sample per batch


def test_boolean_and_binary_columns_are_counted_but_not_read() -> None:
    table = pa.table({"flag": [True, False], "blob": pa.array([b"\x00\x01", b"\xff"], pa.binary())})
    scanner = TableScanner("t", columns_of(table))
    scanner.feed(table)
    assert scanner.result() == []
    assert scanner.cells_analyzed == 0


def test_columns_only_in_the_data_are_scanned_too() -> None:
    table = pa.table({"undeclared_mail": ["kim.minsu@naver.com", "park.js@gmail.com"]})
    scanner = TableScanner("t", [])
    scanner.feed(table)
    assert [r.column for r in scanner.result()] == ["undeclared_mail"]
