from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detectors.entities import ALL_ENTITIES
from detectors.name_rules import NameRulesError, compact, load_name_rules, name_tokens

RULES = load_name_rules()


@pytest.mark.parametrize(
    ("column", "entity"),
    [
        # English
        ("patient_name", "PERSON"),
        ("mobile", "PHONE_NUMBER"),
        ("ssn", "KR_RRN"),
        ("email", "EMAIL_ADDRESS"),
        ("card_no", "CREDIT_CARD"),
        ("acct_no", "BANK_ACCOUNT"),
        ("passwd", "PASSWORD"),
        ("pwd_hash", "PASSWORD_HASH"),
        ("diag_cd", "MEDICAL_INFO"),
        ("birth_dt", "DATE_OF_BIRTH"),
        ("ip_addr", "IP_ADDRESS"),
        ("home_address", "ADDRESS"),
        ("passport_no", "KR_PASSPORT"),
        # romanised Korean EMR abbreviations
        ("PT_NM", "PERSON"),
        ("PTNT_NM", "PERSON"),
        ("HNAME", "PERSON"),
        ("JUMIN_NO", "KR_RRN"),
        ("JUMIN", "KR_RRN"),
        ("RRN", "KR_RRN"),
        ("RESNO", "KR_RRN"),
        ("HP_NO", "PHONE_NUMBER"),
        ("HPNO", "PHONE_NUMBER"),
        ("TEL_NO", "PHONE_NUMBER"),
        ("CELL_NO", "PHONE_NUMBER"),
        ("ADDR", "ADDRESS"),
        ("ZIP", "ADDRESS"),
        ("JUSO", "ADDRESS"),
        ("BIRTH_YMD", "DATE_OF_BIRTH"),
        ("DIAG_CD", "MEDICAL_INFO"),
        ("DX_CD", "MEDICAL_INFO"),
        ("KCD_CD", "MEDICAL_INFO"),
        ("OP_NM", "MEDICAL_INFO"),
        ("SURG_NM", "MEDICAL_INFO"),
        ("CARD_NO", "CREDIT_CARD"),
        ("ACNT_NO", "BANK_ACCOUNT"),
        ("BANK_ACNT", "BANK_ACCOUNT"),
        ("PWD", "PASSWORD"),
        ("USER_PW", "PASSWORD"),
        ("MAIL_ADDR", "EMAIL_ADDRESS"),
        ("IP", "IP_ADDRESS"),
        ("ACCESS_IP", "IP_ADDRESS"),
        ("FRGN_NO", "KR_FRN"),
        ("PASSPORT_NO", "KR_PASSPORT"),
        ("LCNS_NO", "KR_DRIVER_LICENSE"),
        ("DRV_LIC_NO", "KR_DRIVER_LICENSE"),
        # Hangul
        ("성명", "PERSON"),
        ("환자명", "PERSON"),
        ("이름", "PERSON"),
        ("주민번호", "KR_RRN"),
        ("주민등록번호", "KR_RRN"),
        ("연락처", "PHONE_NUMBER"),
        ("휴대폰", "PHONE_NUMBER"),
        ("전화번호", "PHONE_NUMBER"),
        ("주소", "ADDRESS"),
        ("이메일", "EMAIL_ADDRESS"),
        ("생년월일", "DATE_OF_BIRTH"),
        ("카드번호", "CREDIT_CARD"),
        ("계좌번호", "BANK_ACCOUNT"),
        ("비밀번호", "PASSWORD"),
        ("진단명", "MEDICAL_INFO"),
        ("진단코드", "MEDICAL_INFO"),
        ("수술명", "MEDICAL_INFO"),
        ("시술명", "MEDICAL_INFO"),
        ("외국인등록번호", "KR_FRN"),
        ("여권번호", "KR_PASSPORT"),
        ("면허번호", "KR_DRIVER_LICENSE"),
        ("환자주소", "ADDRESS"),
        # camelCase and mixed
        ("patientName", "PERSON"),
        ("hpNo", "PHONE_NUMBER"),
        ("userEmailAddress", "EMAIL_ADDRESS"),
        ("juminNo", "KR_RRN"),
        ("cust-hp-no", "PHONE_NUMBER"),
        ("addr1", "ADDRESS"),
        # a photo's EXIF: its capture time and camera
        ("촬영일시", "PHOTO_METADATA"),
        ("촬영기기", "PHOTO_METADATA"),
        ("DateTimeOriginal", "PHOTO_METADATA"),
        ("BodySerialNumber", "PHOTO_METADATA"),
        ("camera_model", "PHOTO_METADATA"),
    ],
)
def test_names_point_to_their_entity(column: str, entity: str) -> None:
    evidence = RULES.evaluate(column)
    assert evidence.entity == entity, evidence.rule
    assert 0.5 <= evidence.confidence <= 1.0


@pytest.mark.parametrize(
    "column",
    [
        "user_agent",
        "device_model",
        "order_no",
        "lot_no",
        "ip_version",
        "mac_addr",
        "SEX_CD",
        "zip_file",
        "skip_reason",
        "product_name",
        "dept_nm",
        "bank_nm",
        "상품명",
        "col1",
        "c_07",
        "email_yn",  # a consent flag about the e-mail, not the address
        "pwd_chg_dt",  # when the password changed
        "이메일수신여부",
        "주소변경일자",
        "phone_type",
        "visit_date",
        "amount",
        "방문일시",  # any event's time, not a photo's
        "기기모델",  # an app's device model
        "serial_no",
        "촬영일시_변경여부",
    ],
)
def test_look_alike_names_point_to_nothing(column: str) -> None:
    assert RULES.evaluate(column).entity is None


@pytest.mark.parametrize(
    ("column", "table", "entity"),
    [
        ("name", "procedures", None),  # a lookup table's name column is no person
        ("name", "procedure_codes", None),
        ("NM", "TB_DEPT_CD", None),
        ("name", "patients", "PERSON"),
        ("name", "TB_MEMBER", "PERSON"),
        ("procedure_name", "treatments", "MEDICAL_INFO"),
    ],
)
def test_generic_name_depends_on_the_table(column: str, table: str, entity: str | None) -> None:
    assert RULES.evaluate(column, table).entity == entity


def test_generic_name_alone_is_weak_evidence() -> None:
    # Too weak to report by itself: only values can confirm a `name` column of an unknown table.
    assert RULES.evaluate("name", "t1").confidence < 0.6
    assert RULES.evaluate("name", "patients").confidence >= 0.8


@pytest.mark.parametrize(
    "column", ["MEMO", "NOTE", "REMARK", "CNSL_CN", "상담내용", "메모", "비고", "consultNote"]
)
def test_free_text_names_are_marked(column: str) -> None:
    assert RULES.evaluate(column).free_text


def test_evidence_names_its_rule_and_context() -> None:
    evidence = RULES.evaluate("JUMIN_NO")
    assert evidence.rule == "KR_RRN/token:juminno"
    # The entity's Korean context words reach the recognizers whatever language the name is in.
    assert "주민등록번호" in evidence.context
    assert "jumin_no" in evidence.context


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("PT_NM", ("pt", "nm")),
        ("ptNm", ("pt", "nm")),
        ("HPNo", ("hp", "no")),
        ("addr1", ("addr", "1")),
        ("cust-hp.no", ("cust", "hp", "no")),
        ("환자_주소", ("환자", "주소")),
        ("접속IP", ("접속", "ip")),
    ],
)
def test_name_tokens(name: str, tokens: tuple[str, ...]) -> None:
    assert name_tokens(name) == tokens


# Words of two letters or more: a one-letter camelCase word (aADX) cannot be split back by anyone.
_words = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=6), min_size=1, max_size=4
)


@given(_words)
def test_naming_style_does_not_change_the_verdict(words: list[str]) -> None:
    snake = "_".join(words)
    upper = snake.upper()
    kebab = "-".join(words)
    camel = words[0] + "".join(w.title() for w in words[1:])
    assert compact(snake) == compact(upper) == compact(kebab) == compact(camel)
    verdicts = {RULES.evaluate(n).entity for n in (snake, upper, kebab, camel)}
    assert len(verdicts) == 1


def test_every_entity_has_name_rules() -> None:
    assert set(RULES.entity_context) == set(ALL_ENTITIES)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("entities: [", "not valid YAML"),
        ("entities:\n  NOT_AN_ENTITY:\n    context: []\n    rules: []\n", "unknown entity"),
        (
            "entities:\n  PERSON:\n    context: []\n    rules:\n      - {match: fuzzy, fragments: [x]}\n",
            "match must be",
        ),
        (
            "entities:\n  PERSON:\n    context: []\n    rules:\n"
            "      - {match: token, confidence: 2, fragments: [x]}\n",
            "confidence",
        ),
        (
            "entities:\n  PERSON:\n    context: []\n    rules:\n      - {match: token, fragmets: [x]}\n",
            "expected keys",
        ),
    ],
)
def test_broken_rule_file_names_the_file_and_entry(tmp_path, text: str, message: str) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(NameRulesError, match=message) as error:
        load_name_rules(str(path))
    assert str(path) in str(error.value)
