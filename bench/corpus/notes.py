"""Korean free-text notes (consultation records, memos) with entities planted at known, low rates.

Each note is a few neutral sentences (scheduling, payment, contact: no medical or personal term) plus,
with a fixed probability each, a sentence carrying one entity or one look-alike. The cell's label is the
set of entities planted in it, so cell-level precision and recall can be measured.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bench.corpus.values import Values

FILLERS = [
    "다음 주 화요일 재방문 예정.", "비용 안내 후 고민하겠다고 함.", "예약 변경 요청함.", "사진 촬영 완료.",
    "주차 문의 있었음.", "상담실장 안내 완료.", "보호자 동반 내원.", "카카오톡으로 안내 예정.",
    "결제 방법 문의함.", "오후 일정 가능하다고 함.", "견적서 전달함.", "다음 상담 때 결정하기로 함.",
    "대기 시간 길어 불만 표시.", "이벤트 가격 문의.", "지인 소개로 방문.", "전화 상담 후 내원 약속.",
]  # fmt: skip


@dataclass(frozen=True)
class Plant:
    """One kind of sentence planted in some notes: its rate, the entity it carries (None: a look-alike)."""

    rate: float
    entity: str | None
    sentence: Callable[[Values], str]


PLANTS: tuple[Plant, ...] = (
    Plant(0.05, "PERSON", lambda v: f"{v.person()} 님 내원."),
    Plant(0.03, "PHONE_NUMBER", lambda v: f"연락처 {v.phone()} 로 회신 요청."),
    Plant(0.01, "KR_RRN", lambda v: f"주민번호 {v.rrn('-')} 확인함."),
    Plant(0.01, "EMAIL_ADDRESS", lambda v: f"견적서 {v.email()} 로 발송."),
    Plant(0.02, "ADDRESS", lambda v: f"주소지 {v.address()} 로 우편 발송."),
    Plant(0.01, "CREDIT_CARD", lambda v: f"카드 {v.card()} 로 결제함."),
    Plant(0.01, "BANK_ACCOUNT", lambda v: f"환불계좌 {v.bank_name()} {v.bank_account()} 입금 예정."),
    Plant(0.01, "DATE_OF_BIRTH", lambda v: f"생년월일 {v.birth_date():%Y-%m-%d} 확인."),
    Plant(0.25, "MEDICAL_INFO", lambda v: f"{v.procedure()} 상담 진행."),
    Plant(0.05, "MEDICAL_INFO", lambda v: f"{v.diagnosis()} 진단 받은 적 있음."),
    Plant(0.03, None, lambda v: f"주민번호 {v.masked_rrn()} 로 조회."),
    Plant(0.03, None, lambda v: f"연락처 {v.masked_phone()} 로 남김."),
    Plant(0.03, None, lambda v: f"주문번호 {v.order_no()} 확인."),
    Plant(0.02, None, lambda v: f"앱 오류, 기기 {v.device_model()} 버전 {v.version()}."),
    Plant(0.02, None, lambda v: f"로트번호 {v.lot_no()} 제품 사용."),
)


def note(values: Values) -> tuple[str, frozenset[str]]:
    """One note and the set of entities planted in it."""
    rng = values.rng
    sentences = [rng.choice(FILLERS) for _ in range(rng.randrange(1, 4))]
    labels: set[str] = set()
    for plant in PLANTS:
        if rng.random() < plant.rate:
            sentences.insert(rng.randrange(len(sentences) + 1), plant.sentence(values))
            if plant.entity:
                labels.add(plant.entity)
    return " ".join(sentences), frozenset(labels)
