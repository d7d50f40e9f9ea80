"""Korean free text of the clinic: consultation notes, chart memos, surveys, complaints, CCTV requests.

Templates use ``str.format`` fields: ``{name}``, ``{phone}``, ``{rrn}``, ``{proc}``, ``{proc2}``, ``{price}``,
``{concern}``, ``{history}``, ``{symptom}``, ``{date}``. Which fields a template uses tells the generator
which entities the note holds, so the manifest can count them without keeping a single value.
"""

from __future__ import annotations

#: Consultation notes without a resident registration number.
CONSULT_TEMPLATES: tuple[str, ...] = (
    "{name} 고객님 {proc} 상담. {concern} 원하심. 견적 {price}만원 안내, 연락처 {phone}로 예약 문자 발송.",
    "내원 상담: {proc} 희망. 붓기와 멍은 약 2주 지속됨을 설명함. {history}.",
    "{name}님 전화 상담. {proc}와 {proc2} 동시 진행 가능 여부 문의. 회신 번호 {phone}.",
    "재수술 상담. 타 병원에서 {proc} 받은 후 {symptom}. {history}. 사진 촬영 후 원장 상담 예정.",
    "온라인 상담 신청 건. {proc} 비용 및 회복 기간 문의. 카카오톡으로 안내 완료.",
    "수술 전 상담. {history}. {proc} 일정 {date}로 확정, 보호자 동행 예정.",
    "상담실장 메모: {name}님({phone}) {proc} 관심, 이벤트가 적용 문의.",
    "{proc} 후 3개월 경과 관찰. 흉터 양호, 추가로 {proc2} 권유.",
    "{proc} 견적 {price}만원. 분할 결제 문의하심. {concern} 원함.",
)

#: Consultation notes that carry a resident registration number (insurance paperwork, identity checks).
CONSULT_RRN_TEMPLATES: tuple[str, ...] = (
    "{name} 고객 실비보험 서류 요청. 주민번호 {rrn} 확인 후 진료비 영수증 발급.",
    "{name}님 본인 확인 위해 주민등록번호 {rrn} 및 연락처 {phone} 확인함. {proc} 예약.",
)

#: Chart memos of medical records, SOAP style.
CHART_TEMPLATES: tuple[str, ...] = (
    "S) {concern} 원함. O) 특이 소견 없음. A) {kcd} {diagnosis}. P) {proc} 시행.",
    "S) {symptom} 호소. O) 육안 소견상 경미함. A) {kcd} {diagnosis}. P) 경과 관찰 후 {proc} 고려.",
    "S) {history}. O) 활력징후 정상. A) {kcd} {diagnosis}. P) {proc} 예정, 수술 전 검사 시행.",
    "{proc} 후 7일차 실밥 제거. 부종 경미, 염증 소견 없음. {kcd}.",
)

SURGERY_NOTES: tuple[str, ...] = (
    "{anesthesia} 하 {proc} 시행. 출혈 소량, 특이사항 없음. 7일 후 실밥 제거 예정.",
    "{anesthesia} 하 {proc} 시행. 수술 시간 약 2시간. 배액관 유지 후 익일 제거.",
    "{anesthesia} 하 {proc} 시행. 수술 중 활력징후 안정적. 압박붕대 적용.",
)

#: Survey answers of event participants that hold no personal-data category.
SURVEY_NEUTRAL: tuple[str, ...] = (
    "인스타그램 광고 보고 신청했어요",
    "지인 추천으로 알게 되었습니다",
    "네이버 블로그 후기 보고 신청",
    "유튜브 영상 보고 신청했습니다",
    "이벤트 문자 받고 참여합니다",
    "병원 앞을 지나가다 보고 신청",
)

#: Survey answers that hold health information (the event context does not declare collecting it).
SURVEY_HEALTH: tuple[str, ...] = (
    "아토피피부염이 있어요. 쌍꺼풀 재수술 희망합니다",
    "2년 전 코성형(실리콘) 받았고 염증이 있었습니다",
    "켈로이드 체질이라 흉터가 걱정됩니다",
    "고혈압 약 복용 중인데 리프팅 가능할까요",
    "가슴 보형물 제거 상담 원해요. 구형구축 진단받음",
    "당뇨가 있어서 지방흡입 가능한지 궁금합니다",
)

#: Complaint topics and texts about service, billing and booking (no clinical details).
COMPLAINTS: tuple[tuple[str, str], ...] = (
    ("대기시간", "예약 시간보다 40분 이상 대기했습니다. 개선 부탁드립니다."),
    ("환불", "예약금 환불이 2주째 처리되지 않았습니다."),
    ("주차", "주차 등록이 되지 않아 주차비가 청구되었습니다."),
    ("직원응대", "상담 직원의 응대가 불친절했습니다."),
    ("광고문자", "수신 거부를 했는데도 광고 문자가 계속 옵니다."),
    ("예약", "온라인 예약이 확정되지 않았다는 연락을 받지 못했습니다."),
    ("전화연결", "대표번호로 전화 연결이 잘 되지 않습니다."),
)

COMPLAINT_STATUS: tuple[str, ...] = ("접수", "처리중", "처리완료", "처리완료", "처리완료")

CCTV_PURPOSES: tuple[str, ...] = (
    "분실물 확인",
    "주차장 접촉사고 확인",
    "도난 피해 확인",
    "시설물 파손 확인",
    "경찰 수사 협조 요청",
)

CCTV_LOCATIONS: tuple[str, ...] = ("로비", "1층 복도", "2층 복도", "주차장 입구", "엘리베이터 홀")

CCTV_RELATIONS: tuple[str, ...] = ("본인", "본인", "보호자", "경찰")

#: Events and surveys the clinic runs: (title, days it lasts).
EVENTS: tuple[tuple[str, int], ...] = (
    ("봄맞이 눈성형 이벤트", 45),
    ("여름 바디라인 이벤트", 60),
    ("신규회원 피부관리 체험단", 30),
    ("리프팅 모니터링 모집", 40),
    ("고객 만족도 설문조사", 30),
    ("추석 감사 이벤트", 20),
    ("연말 감사 이벤트", 31),
    ("앱 출시 기념 설문", 25),
)

ACCESS_PATHS: tuple[str, ...] = (
    "/",
    "/login",
    "/mypage",
    "/reservation",
    "/reservation/complete",
    "/board/notice",
    "/board/review",
    "/event",
    "/counsel/online",
    "/member/withdraw",
)

USER_AGENTS: tuple[str, ...] = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36 Whale/3.26.244.21",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.4 Safari/605.1.15",
    "Mozilla/5.0 (Linux; Android 13; SM-A536N) AppleWebKit/537.36 (KHTML, like Gecko) "
    "SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36",
)

#: Pieces of the weak passwords a legacy homepage kept in plain text.
PASSWORD_WORDS: tuple[str, ...] = (
    "qwer",
    "asdf",
    "love",
    "happy",
    "sky",
    "star",
    "sujin",
    "minji",
    "jiwoo",
    "mom",
    "angel",
    "sunny",
)
PASSWORD_SUFFIXES: tuple[str, ...] = ("1234", "!!", "0815", "1004", "@", "77", "2580", "!@#", "99", "486")
