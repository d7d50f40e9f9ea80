"""Notes of the international desk and the treatment rooms: Korean, English and Chinese in one cell.

A note is one to three neutral sentences plus, each with its own rate, a sentence carrying an entity
(its label is the cell's truth) or a look-alike (no label).
"""

from __future__ import annotations

from collections.abc import Callable

from bench.corpus_derm.values import DERM_DIAGNOSES, DERM_PROCEDURES, DermValues

NEUTRAL = [
    "Interpreter requested for the next visit.", "픽업 차량 시간 재확인.", "术后一周内避免桑拿。",
    "Prefers morning slots.", "호텔 체크아웃 후 공항 이동.", "下次预约请提前一天确认。",
    "영수증 영문 발급 요청.",
    "Paid in cash, receipt issued.", "통역 코디 동행.", "客人希望用微信联系。", "Follow-up by video call.",
    "대기실 안내 완료.", "已告知注意事项。", "Late arrival, 20 min.", "세금 환급 서류 전달.",
]  # fmt: skip

Plant = tuple[float, str | None, Callable[[DermValues], str]]

PLANTS: tuple[Plant, ...] = (
    (0.04, "PERSON", lambda v: f"{v.hangul_name()}님 통역 요청."),
    (0.04, "PERSON", lambda v: f"Guest {v.foreign_latin()} checked in."),
    (0.02, "PERSON", lambda v: f"患者{v.local_script_name('CN')}女士来院复诊。"),
    (0.03, "PHONE_NUMBER", lambda v: f"WeChat 연락 안 되면 {v.foreign_phone()} 로 전화."),
    (0.02, "PHONE_NUMBER", lambda v: f"联系电话 {v.foreign_phone('CN')}"),
    (0.02, "PHONE_NUMBER", lambda v: f"보호자 연락처 {v.kr_mobile()}"),
    (0.02, "PASSPORT", lambda v: f"여권번호 {v.passport('CN')} 사본 받음."),
    (0.02, "PASSPORT", lambda v: f"Passport no. {v.passport(v.pick(['JP', 'US', 'RU', 'VN']))} verified."),
    (0.01, "PASSPORT", lambda v: f"护照号码 {v.passport('CN')}"),
    (0.01, "CN_RIC", lambda v: f"身份证号 {v.cn_ric()} 已登记。"),
    (0.01, "KR_RRN", lambda v: f"주민번호 {v.rrn()} 확인 완료."),
    (0.01, "KR_FRN", lambda v: f"외국인등록번호 {v.frn()} 제출."),
    (0.02, "EMAIL_ADDRESS", lambda v: f"Send the quote to {v.email()}."),
    (0.02, "ADDRESS", lambda v: f"숙소 주소 {v.road_address()} {v.address_detail()}"),
    (0.15, "MEDICAL_INFO", lambda v: f"{v.pick(DERM_PROCEDURES)} 시술 상담."),
    (0.05, "MEDICAL_INFO", lambda v: f"{v.pick(DERM_DIAGNOSES)} 진단 이력 있음."),
    (0.03, None, lambda v: f"Booking ref {v.lot_like_passport()} confirmed."),
    (0.03, None, lambda v: f"상담실장 안내 후 {v.pick(['팀장', '실장', '원장'])} 면담."),
    (0.02, None, lambda v: f"Session {v.session_id()[:12]} expired."),
)


def note(values: DermValues) -> tuple[str, frozenset[str]]:
    """One note and the entities planted in it."""
    rng = values.rng
    sentences = [rng.choice(NEUTRAL) for _ in range(rng.randrange(1, 4))]
    labels: set[str] = set()
    for rate, entity, sentence in PLANTS:
        if rng.random() < rate:
            sentences.insert(rng.randrange(len(sentences) + 1), sentence(values))
            if entity:
                labels.add(entity)
    return " ".join(sentences), frozenset(labels)
