"""The tables of the dermatology chain, each column with the entities it truly holds (empty: none).

Column names come as the chain's systems wrote them: English snake_case abbreviations (``pt_nm``,
``cust_tel``), camelCase (``passportNo``), Hangul (``고객명``) and names that say nothing. Truth is per
column; a column whose cells mix two entities (a resident-number column with a few foreign registration
numbers) holds both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bench.corpus_derm.notes import note
from bench.corpus_derm.values import (
    COUNTRIES,
    DEPARTMENTS,
    DERM_CODES,
    DERM_DIAGNOSES,
    DERM_DIAGNOSES_EN,
    DERM_PROCEDURES,
    HOTELS,
    JOB_TITLES,
    DermValues,
)

Make = Callable[[DermValues, int], object]


@dataclass(frozen=True)
class Col:
    """One column: its name, how a cell is made (``None`` for a null), its truth and storage."""

    name: str
    make: Make
    truth: tuple[str, ...] = ()
    arrow: str = "string"
    trap: bool = False
    note: bool = False


@dataclass(frozen=True)
class Table:
    """One table of the chain: its name, naming style and columns."""

    name: str
    style: str
    columns: tuple[Col, ...]


def _yn(v: DermValues, i: int) -> str:
    return v.pick("YYN")


def _nationality(i: int) -> str:
    return COUNTRIES[i % len(COUNTRIES)]


def _resident_or_minority(v: DermValues, i: int) -> str:
    """Resident numbers, 1-2% of them foreign registration numbers (rows 7, 67, 127, ...)."""
    return v.frn() if i % 60 == 7 else v.rrn()


def _passport_of_row(v: DermValues, i: int) -> str:
    return v.passport(_nationality(i))


def _cn_only(v: DermValues, i: int) -> str | None:
    return v.cn_ric() if _nationality(i) == "CN" else None


def _local_name(v: DermValues, i: int) -> str | None:
    return v.local_script_name(_nationality(i))


def _phone_of_row(v: DermValues, i: int) -> str:
    return v.foreign_phone(_nationality(i))


def _note(v: DermValues, i: int) -> object:
    return note(v)


def _int(n: int) -> Make:
    return lambda v, i: v.rng.randrange(n)


def _seq(start: int) -> Make:
    return lambda v, i: start + i


def _code(prefix: str) -> Make:
    return lambda v, i: f"{prefix}{i % 40 + 1:03d}"


def _vocab(words: list[str]) -> Make:
    return lambda v, i: v.pick(words)


P, RRN, FRN, PH, EM, AD = "PERSON", "KR_RRN", "KR_FRN", "PHONE_NUMBER", "EMAIL_ADDRESS", "ADDRESS"
PASS, CNID, MED, DOB = "PASSPORT", "CN_RIC", "MEDICAL_INFO", "DATE_OF_BIRTH"

TABLES: tuple[Table, ...] = (
    Table("tb_pt_mst", "snake", (
        Col("pt_no", _seq(100000), arrow="int64"),
        Col("pt_nm", lambda v, i: v.hangul_name(), (P,)),
        Col("rrn", _resident_or_minority, (RRN, FRN)),
        Col("sex_cd", _vocab(["M", "F"])),
        Col("cust_tel", lambda v, i: v.kr_mobile(), (PH,)),
        Col("mbr_email", lambda v, i: v.email(), (EM,)),
        Col("zip_cd", lambda v, i: v.postcode(), (AD,)),
        Col("addr1", lambda v, i: v.address_line1(), (AD,)),
        Col("addr2", lambda v, i: v.address_detail(), (AD,)),
        Col("email_opt_in", _yn),
        Col("sms_agree_yn", _yn),
        Col("visit_cnt", _int(40), arrow="int64"),
        Col("tot_amt", lambda v, i: v.rng.randrange(10, 900) * 1000, arrow="int64"),
    )),
    Table("intlPatient", "camel", (
        Col("patientId", _seq(900000), arrow="int64"),
        Col("nameEn", lambda v, i: v.foreign_latin(_nationality(i)), (P,)),
        Col("nameLocal", _local_name, (P,)),
        Col("nationality", lambda v, i: _nationality(i)),
        Col("passportNo", _passport_of_row, (PASS,)),
        Col("cnIdNo", _cn_only, (CNID,)),
        Col("intlPhone", _phone_of_row, (PH,)),
        Col("birthDate", lambda v, i: v.birth().isoformat(), (DOB,)),
        Col("stayHotel", _vocab(HOTELS)),
        Col("emailOptIn", _vocab(["true", "false"])),
        Col("sessionId", lambda v, i: v.session_id()),
    )),
    Table("외국인환자", "hangul", (
        Col("환자번호", _seq(5000), arrow="int64"),
        Col("영문성명", lambda v, i: v.foreign_latin(_nationality(i)), (P,)),
        Col("여권번호", _passport_of_row, (PASS,)),
        Col("국적", lambda v, i: _nationality(i)),
        Col("해외연락처", _phone_of_row, (PH,)),
        Col("중국신분증번호", _cn_only, (CNID,)),
        Col("방문횟수", _int(9), arrow="int64"),
    )),
    Table("고객상담", "hangul", (
        Col("상담번호", _seq(1), arrow="int64"),
        Col("고객명", lambda v, i: v.guest_name(), (P,)),
        Col("연락처", lambda v, i: v.kr_mobile() if v.rng.random() < 0.7 else v.foreign_phone(), (PH,)),
        Col("상담실장", lambda v, i: v.hangul_name(), (P,)),
        Col("상담내용", _note, note=True),
        Col("상담일시", lambda v, i: v.visit_time()),
        Col("시술금액", lambda v, i: v.rng.randrange(5, 300) * 10000, arrow="int64"),
    )),
    Table("rsv_info", "snake", (
        Col("rsv_no", _seq(20240001), arrow="int64"),
        Col("rsv_nm", lambda v, i: v.guest_name(), (P,)),
        Col("rsv_tel", lambda v, i: v.kr_mobile() if v.rng.random() < 0.6 else v.foreign_phone(), (PH,)),
        Col("rsv_dtm", lambda v, i: v.visit_time()),
        Col("chnl_cd", _vocab(["WEB", "APP", "TEL", "AGENCY", "WECHAT"])),
        Col("memo", _note, note=True),
    )),
    Table("emp_info", "snake", (
        Col("emp_no", _code("E"), trap=True),
        Col("emp_nm", lambda v, i: v.hangul_name(), (P,)),
        Col("job_title", _vocab(JOB_TITLES)),
        Col("dept_nm", _vocab(DEPARTMENTS)),
        Col("office_tel", lambda v, i: v.office_tel(), (PH,)),
        Col("hire_dt", lambda v, i: v.visit_time()[:10]),
    )),
    Table("직원정보", "hangul", (
        Col("사번", _seq(1001), arrow="int64"),
        Col("성명", lambda v, i: v.hangul_name(), (P,)),
        Col("직위", _vocab(JOB_TITLES)),
        Col("부서", _vocab(DEPARTMENTS)),
        Col("내선번호", lambda v, i: v.digits(4)),
    )),
    Table("tx_hist", "snake", (
        Col("tx_id", _seq(1), arrow="int64"),
        Col("pt_no", _seq(100000), arrow="int64"),
        Col("tx_dt", lambda v, i: v.visit_time()[:10]),
        Col("dx_cd", _vocab(DERM_CODES), (MED,)),
        Col("dx_nm", _vocab(DERM_DIAGNOSES), (MED,)),
        Col("proc_nm", _vocab(DERM_PROCEDURES), (MED,)),
        Col("chrg_dr_nm", lambda v, i: v.hangul_name(), (P,)),
        Col("tx_amt", lambda v, i: v.rng.randrange(3, 200) * 10000, arrow="int64"),
    )),
    Table("payTxn", "camel", (
        Col("payId", _seq(1), arrow="int64"),
        Col("cardNo", lambda v, i: v.card(), ("CREDIT_CARD",)),
        Col("approvalNo", lambda v, i: v.digits(8), trap=True),
        Col("refundAcctNo", lambda v, i: v.account(), ("BANK_ACCOUNT",)),
        Col("payAmt", lambda v, i: v.rng.randrange(1, 500) * 1000, arrow="int64"),
        Col("installmentCnt", _int(12), arrow="int64"),
    )),
    Table("webMember", "camel", (
        Col("memberSeq", _seq(1), arrow="int64"),
        Col("loginPwd", lambda v, i: v.bcrypt(), ("PASSWORD_HASH",)),
        Col("mbrEmail", lambda v, i: v.email(), (EM,)),
        Col("lastLoginIp", lambda v, i: v.ipv4(), ("IP_ADDRESS",)),
        Col("sessionId", lambda v, i: v.session_id()),
        Col("smsAgreeYn", _yn),
        Col("marketingOptIn", _yn),
        Col("pointBal", _int(50000), arrow="int64"),
    )),
    Table("proc_cd", "snake", (
        Col("proc_cd", _code("DP")),
        Col("proc_nm", lambda v, i: DERM_PROCEDURES[i % len(DERM_PROCEDURES)]),
        Col("base_price", lambda v, i: (i % 12 + 1) * 50000, arrow="int64"),
        Col("use_yn", _yn),
    )),
    Table("proc_cd_bak_20240101", "snake", (
        Col("proc_cd", _code("DP")),
        Col("proc_nm", lambda v, i: DERM_PROCEDURES[i % len(DERM_PROCEDURES)]),
        Col("use_yn", _yn),
    )),
    Table("dx_code_map", "snake", (
        Col("dx_cd", lambda v, i: DERM_CODES[i % len(DERM_CODES)]),
        Col("dx_nm_kr", lambda v, i: DERM_DIAGNOSES[i % len(DERM_DIAGNOSES)]),
        Col("dx_nm_en", lambda v, i: DERM_DIAGNOSES_EN[i % len(DERM_DIAGNOSES_EN)]),
    )),
    Table("cmm_cd", "snake", (
        Col("grp_cd", _vocab(["SEX", "RSV_STAT", "CHNL", "LANG"])),
        Col("cd", _vocab(["M", "F", "01", "02", "WEB", "ZH"])),
        Col("cd_nm", _vocab(["남성", "여성", "예약완료", "취소", "웹", "중국어", "일본어", "원장", "실장"])),
        Col("sort_ord", _int(20), arrow="int64"),
    )),
    Table("inv_stock", "snake", (
        Col("lot_no", lambda v, i: v.lot_like_passport(), trap=True),
        Col("item_nm", _vocab(["히알루론산 1cc", "보툴리눔 100U", "마취크림", "거즈", "진정팩"])),
        Col("qty", _int(500), arrow="int64"),
        Col("supplier_tel", lambda v, i: v.office_tel(), (PH,)),
    )),
    Table("tmp_export_01", "meaningless", (
        Col("col_a", lambda v, i: v.rrn(), (RRN,)),
        Col("col_b", lambda v, i: v.email(), (EM,)),
        Col("col_c", lambda v, i: v.foreign_phone(), (PH,)),
        Col("col_d", lambda v, i: v.road_address(), (AD,)),
        Col("col_e", lambda v, i: v.cn_ric(), (CNID,)),
        Col("col_f", _int(100), arrow="int64"),
    )),
)  # fmt: skip
