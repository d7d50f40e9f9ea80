"""Fields and table templates of the corpus, each field named in every naming style Korean systems use.

A field is a kind of value (``bench.corpus.values``), the entity it truly holds (None for look-alikes and
ordinary data) and its column name per style: English snake_case, romanised EMR abbreviations, Hangul
and camelCase. A fifth style names columns ``col1``/``c_07`` so that only the values can tell.
"""

from __future__ import annotations

from dataclasses import dataclass

STYLES = ("english", "emr", "hangul", "camel", "meaningless")


@dataclass(frozen=True)
class Field:
    """One kind of column.

    Attributes:
        key: the field's id in templates.
        kind: the ``Values`` method generating its cells (``note`` for free text).
        entity: the entity its cells hold (None: nothing, or a look-alike).
        names: column name per style (english, emr, hangul, camel).
        arrow: how the cells are stored: ``string``, ``int64`` (digits) or ``date32``.
        trap: a look-alike of an entity, which must not be reported.
        self_evident: the values alone identify the entity; only such fields appear in tables whose
            column names say nothing (a bare date or digit string is no birth date or account number
            without a name, for a person as much as for a detector).
    """

    key: str
    kind: str
    entity: str | None
    names: tuple[str, str, str, str]
    arrow: str = "string"
    trap: bool = False
    self_evident: bool = True


FIELDS: dict[str, Field] = {
    f.key: f
    for f in (
        Field("name", "person", "PERSON", ("patient_name", "PT_NM", "환자명", "patientName")),
        Field("staff_name", "person", "PERSON", ("doctor_name", "DR_NM", "의사명", "doctorName")),
        Field("rrn", "rrn", "KR_RRN", ("resident_no", "JUMIN_NO", "주민등록번호", "residentNo")),
        Field("rrn_int", "rrn_digits", "KR_RRN", ("rrn", "RESNO", "주민번호", "rrnNumber"), arrow="int64"),
        Field("frn", "frn", "KR_FRN", ("foreigner_no", "FRGN_NO", "외국인등록번호", "foreignerRegNo")),
        Field(
            "passport",
            "passport",
            "KR_PASSPORT",
            ("passport_no", "PASSPORT_NO", "여권번호", "passportNo"),
            self_evident=False,
        ),
        Field(
            "license",
            "driver_license",
            "KR_DRIVER_LICENSE",
            ("driver_license_no", "DRV_LIC_NO", "운전면허번호", "driverLicenseNo"),
        ),
        Field("mobile", "mobile", "PHONE_NUMBER", ("mobile", "HP_NO", "휴대폰번호", "mobilePhone")),
        Field(
            "mobile_int",
            "mobile_digits",
            "PHONE_NUMBER",
            ("cell_phone", "CELL_NO", "핸드폰", "cellPhone"),
            arrow="int64",
            self_evident=False,
        ),
        Field("tel", "phone", "PHONE_NUMBER", ("phone", "TEL_NO", "전화번호", "telNo")),
        Field("email", "email", "EMAIL_ADDRESS", ("email", "EMAIL", "이메일", "emailAddress")),
        Field("address", "address", "ADDRESS", ("address", "ADDR", "주소", "homeAddress")),
        Field(
            "birth",
            "birth_text",
            "DATE_OF_BIRTH",
            ("birth_date", "BIRTH_YMD", "생년월일", "birthDate"),
            self_evident=False,
        ),
        Field(
            "birth_date32",
            "birth_date",
            "DATE_OF_BIRTH",
            ("dob", "BRTH_DT", "생일", "dateOfBirth"),
            arrow="date32",
            self_evident=False,
        ),
        Field("card", "card", "CREDIT_CARD", ("card_number", "CARD_NO", "카드번호", "cardNumber")),
        Field(
            "account",
            "bank_account",
            "BANK_ACCOUNT",
            ("refund_account", "ACNT_NO", "환불계좌번호", "refundAccount"),
            self_evident=False,
        ),
        Field("ip", "ip", "IP_ADDRESS", ("access_ip", "ACCESS_IP", "접속IP", "accessIp")),
        Field(
            "password",
            "password",
            "PASSWORD",
            ("password", "USER_PW", "비밀번호", "userPassword"),
            self_evident=False,
        ),
        Field(
            "pwhash",
            "password_hash",
            "PASSWORD_HASH",
            ("password_hash", "PWD_HASH", "비밀번호해시", "passwordHash"),
        ),
        Field("diagnosis", "diagnosis", "MEDICAL_INFO", ("diagnosis", "DIAG_NM", "진단명", "diagnosisName")),
        Field("kcd", "kcd", "MEDICAL_INFO", ("diag_code", "KCD_CD", "진단코드", "diagCode")),
        Field(
            "procedure", "procedure", "MEDICAL_INFO", ("procedure_name", "OP_NM", "수술명", "procedureName")
        ),
        Field("memo", "note", None, ("consult_note", "CNSL_CN", "상담내용", "consultNote")),
        Field("remark", "note", None, ("remarks", "RMK", "비고", "remarks")),
        # ordinary data
        Field("visit", "visit_date", None, ("visit_date", "VISIT_DT", "내원일시", "visitDate")),
        Field("amount", "amount", None, ("amount", "PAY_AMT", "결제금액", "payAmount"), arrow="int64"),
        Field("status", "status", None, ("status", "STAT_CD", "상태", "status")),
        Field("dept", "department", None, ("dept_name", "DEPT_NM", "부서명", "deptName")),
        Field("job", "job", None, ("job_title", "JOB_NM", "직업", "jobTitle")),
        Field("company", "company", None, ("company_name", "COMP_NM", "회사명", "companyName")),
        Field("count", "count", None, ("visit_count", "VISIT_CNT", "방문횟수", "visitCount"), arrow="int64"),
        Field("code", "code", None, ("item_code", "ITEM_CD", "품목코드", "itemCode")),
        # look-alikes, named like the real thing where that is the trap
        Field(
            "masked_rrn",
            "masked_rrn",
            None,
            ("resident_no", "JUMIN_NO", "주민등록번호", "residentNo"),
            trap=True,
        ),
        Field(
            "masked_phone", "masked_phone", None, ("mobile", "HP_NO", "휴대폰번호", "mobilePhone"), trap=True
        ),
        Field(
            "masked_card",
            "masked_card",
            None,
            ("card_number", "CARD_NO", "카드번호", "cardNumber"),
            trap=True,
        ),
        Field(
            "luhn_fail", "luhn_failing_card", None, ("card_no", "CRD_NO", "신용카드번호", "cardNo"), trap=True
        ),
        Field("masked_email", "masked_email", None, ("email", "EMAIL", "이메일", "emailAddress"), trap=True),
        Field(
            "masked_name", "masked_name", None, ("patient_name", "PT_NM", "환자명", "patientName"), trap=True
        ),
        Field(
            "device",
            "device_model",
            None,
            ("device_model", "DEVICE_MODEL", "기기모델", "deviceModel"),
            trap=True,
        ),
        Field("order", "order_no", None, ("order_no", "ORDER_NO", "주문번호", "orderNo"), trap=True),
        Field("lot", "lot_no", None, ("lot_no", "LOT_NO", "로트번호", "lotNo"), trap=True),
        Field(
            "ua", "user_agent", None, ("user_agent", "USER_AGENT", "사용자에이전트", "userAgent"), trap=True
        ),
        Field("version", "version", None, ("os_version", "OS_VER", "OS버전", "osVersion"), trap=True),
        # lookup tables: a `name` column that is not a person
        # a lookup table's procedure names are vocabulary, nobody's health information (issue 12)
        Field("lookup_proc", "procedure", None, ("name", "NM", "명칭", "name"), trap=True),
        Field("lookup_dept", "department", None, ("name", "NM", "명칭", "name"), trap=True),
        Field("lookup_bank", "bank_name", None, ("name", "NM", "명칭", "name"), trap=True),
    )
}

TEMPLATES: dict[str, tuple[str, ...]] = {
    "patients": ("name", "rrn", "mobile", "email", "address", "birth", "visit", "status"),
    "patients_numeric": ("name", "rrn_int", "mobile_int", "birth_date32", "amount"),
    "members": ("name", "email", "password", "mobile", "ip", "birth", "status"),
    "member_accounts": ("email", "pwhash", "ip", "visit", "count"),
    "payments": ("name", "card", "amount", "account", "order", "visit"),
    "medical_records": ("name", "rrn", "diagnosis", "kcd", "procedure", "memo", "visit"),
    "consultations": ("name", "tel", "memo", "procedure", "visit", "status"),
    "foreign_patients": ("name", "frn", "passport", "mobile", "address"),
    "staff": ("staff_name", "license", "tel", "dept", "email", "job"),
    "access_logs": ("ip", "ua", "visit", "device", "version"),
    "inventory": ("lot", "code", "amount", "company", "count"),
    "orders": ("order", "amount", "status", "company", "remark"),
    "masked_export": ("masked_rrn", "masked_phone", "masked_card", "masked_email", "masked_name", "visit"),
    "card_errors": ("luhn_fail", "amount", "visit"),
    "procedure_codes": ("code", "lookup_proc", "amount"),
    "departments": ("code", "lookup_dept"),
    "banks": ("code", "lookup_bank"),
}
