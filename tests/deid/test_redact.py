import pandas as pd
import pytest

from deid.redact import redact_texts


@pytest.mark.parametrize(
    ("note", "gone", "tags"),
    [
        (
            "환자 김민수 님 쌍꺼풀 상담, 연락처 010-2345-6789",
            ["김민수", "010-2345-6789"],
            ["<PERSON>", "<PHONE_NUMBER>"],
        ),
        ("주민등록번호 900101-1234568 확인 후 코성형 예약", ["900101-1234568"], ["<KR_RRN>"]),
        (
            "보호자 이영희 (02-555-1234) 동의서 받음",
            ["이영희", "02-555-1234"],
            ["<PERSON>", "<PHONE_NUMBER>"],
        ),
        ("메일 minsu.kim@example.com 으로 사진 발송", ["minsu.kim@example.com"], ["<EMAIL_ADDRESS>"]),
    ],
)
def test_names_phones_rrns_in_korean_notes_are_replaced_by_tags(analyzer, note, gone, tags):
    out = redact_texts(pd.Series([note]), analyzer)[0]
    for value in gone:
        assert value not in out
    for tag in tags:
        assert tag in out


def test_medical_content_and_empty_notes_are_kept(analyzer):
    out = redact_texts(pd.Series(["쌍꺼풀 수술 후 부기 관찰", None, "특이사항 없음"]), analyzer)
    assert out[0] == "쌍꺼풀 수술 후 부기 관찰"
    assert pd.isna(out[1])
    assert out[2] == "특이사항 없음"


def test_only_the_chosen_entities_are_redacted(analyzer):
    out = redact_texts(pd.Series(["김민수 010-2345-6789"]), analyzer, entities=["PHONE_NUMBER"])[0]
    assert "<PHONE_NUMBER>" in out and "<PERSON>" not in out
