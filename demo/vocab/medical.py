"""Clinical vocabulary of a Korean plastic-surgery clinic: KCD-8 codes, procedures, drugs, histories.

The KCD-8 (Korean Standard Classification of Diseases, 8th revision) follows ICD-10; codes here are the
ones such a clinic actually records, with their Korean names. Procedures are the clinic's own catalogue.
"""

from __future__ import annotations

from typing import NamedTuple


class Kcd(NamedTuple):
    """One KCD-8 code with its Korean and English name."""

    code: str
    name_ko: str
    name_en: str


class Procedure(NamedTuple):
    """A procedure of the clinic's catalogue: code, Korean name, body area, price (KRW 10,000s), KCD code."""

    code: str
    name: str
    area: str
    price_manwon: int
    kcd: str
    surgical: bool


KCD_CODES: tuple[Kcd, ...] = (
    Kcd("H02.0", "눈꺼풀의 안검내반 및 첩모난생", "Entropion and trichiasis of eyelid"),
    Kcd("H02.3", "눈꺼풀피부이완증", "Blepharochalasis"),
    Kcd("H02.4", "눈꺼풀처짐", "Ptosis of eyelid"),
    Kcd("H02.8", "눈꺼풀의 기타 명시된 장애", "Other specified disorders of eyelid"),
    Kcd("Q10.3", "눈꺼풀의 기타 선천기형", "Other congenital malformations of eyelid"),
    Kcd("J34.2", "비중격만곡증", "Deviated nasal septum"),
    Kcd("M95.0", "코의 후천성 변형", "Acquired deformity of nose"),
    Kcd("S02.2", "코뼈의 골절", "Fracture of nasal bones"),
    Kcd("K07.0", "턱크기의 주요 이상", "Major anomalies of jaw size"),
    Kcd("K07.1", "턱-두개저 관계의 이상", "Anomalies of jaw-cranial base relationship"),
    Kcd("M95.2", "머리의 기타 후천성 변형", "Other acquired deformity of head"),
    Kcd("L90.5", "피부의 흉터상태 및 섬유증", "Scar conditions and fibrosis of skin"),
    Kcd("L91.0", "켈로이드흉터", "Hypertrophic scar"),
    Kcd("L70.0", "보통여드름", "Acne vulgaris"),
    Kcd("L81.1", "기미", "Chloasma"),
    Kcd("L81.2", "주근깨", "Freckles"),
    Kcd("L81.4", "기타 멜라닌 과색소침착", "Other melanin hyperpigmentation"),
    Kcd("D22.3", "얼굴의 기타 및 상세불명 부분의 멜라닌세포모반", "Melanocytic naevi of other parts of face"),
    Kcd("L72.0", "표피낭", "Epidermal cyst"),
    Kcd("L57.4", "노인성 피부이완", "Cutis laxa senilis"),
    Kcd("L98.7", "과다하고 늘어진 피부 및 피하조직", "Excessive and redundant skin and subcutaneous tissue"),
    Kcd("E65", "국소성 지방축적증", "Localized adiposity"),
    Kcd("N62", "유방비대", "Hypertrophy of breast"),
    Kcd("N64.8", "유방의 기타 명시된 장애", "Other specified disorders of breast"),
    Kcd(
        "T85.4",
        "유방 보형물 및 이식물의 기계적 합병증",
        "Mechanical complication of breast prosthesis and implant",
    ),
    Kcd(
        "T85.8",
        "기타 내부 인공삽입장치, 삽입물 및 이식편의 기타 합병증",
        "Other complications of internal prosthetic devices, implants and grafts",
    ),
    Kcd("T81.4", "처치에 따른 감염", "Infection following a procedure"),
    Kcd("L64.9", "상세불명의 안드로젠탈모증", "Androgenic alopecia, unspecified"),
    Kcd("R61.0", "국한성 다한증", "Localized hyperhidrosis"),
    Kcd("Z41.0", "모발이식", "Hair transplant"),
    Kcd(
        "Z41.1",
        "용납할 수 없는 미용적 외모를 위한 기타 성형수술",
        "Other plastic surgery for unacceptable cosmetic appearance",
    ),
    Kcd(
        "Z42.0",
        "머리 및 목의 성형수술을 포함하는 추적치료",
        "Follow-up care involving plastic surgery of head and neck",
    ),
    Kcd("Z42.1", "유방의 성형수술을 포함하는 추적치료", "Follow-up care involving plastic surgery of breast"),
    Kcd("I10", "본태성(원발성) 고혈압", "Essential (primary) hypertension"),
    Kcd("E11.9", "합병증을 동반하지 않은 2형 당뇨병", "Type 2 diabetes mellitus without complications"),
    Kcd("L20.9", "상세불명의 아토피피부염", "Atopic dermatitis, unspecified"),
    Kcd("E03.9", "상세불명의 갑상선기능저하증", "Hypothyroidism, unspecified"),
)

PROCEDURES: tuple[Procedure, ...] = (
    Procedure("PS-E01", "쌍꺼풀 수술(매몰법)", "눈", 120, "Z41.1", True),
    Procedure("PS-E02", "쌍꺼풀 수술(절개법)", "눈", 180, "Z41.1", True),
    Procedure("PS-E03", "눈매교정술", "눈", 200, "H02.4", True),
    Procedure("PS-E04", "앞트임", "눈", 100, "Z41.1", True),
    Procedure("PS-E05", "뒤트임", "눈", 100, "Z41.1", True),
    Procedure("PS-E06", "상안검 성형술", "눈", 250, "H02.3", True),
    Procedure("PS-E07", "하안검 성형술", "눈", 250, "H02.3", True),
    Procedure("PS-E08", "눈밑지방재배치", "눈", 200, "L98.7", True),
    Procedure("PS-N01", "코성형(실리콘 보형물)", "코", 250, "Z41.1", True),
    Procedure("PS-N02", "코성형(자가늑연골)", "코", 600, "M95.0", True),
    Procedure("PS-N03", "매부리코 교정술", "코", 350, "M95.0", True),
    Procedure("PS-N04", "비중격 교정술", "코", 150, "J34.2", True),
    Procedure("PS-N05", "코끝 성형술", "코", 200, "Z41.1", True),
    Procedure("PS-N06", "콧볼 축소술", "코", 100, "Z41.1", True),
    Procedure("PS-N07", "코 재수술", "코", 500, "T85.8", True),
    Procedure("PS-C01", "광대축소술", "안면윤곽", 600, "Z41.1", True),
    Procedure("PS-C02", "사각턱 축소술", "안면윤곽", 700, "K07.1", True),
    Procedure("PS-C03", "턱끝 성형술", "안면윤곽", 400, "K07.0", True),
    Procedure("PS-C04", "양악수술", "안면윤곽", 1500, "K07.1", True),
    Procedure("PS-C05", "이마 보형물 삽입술", "안면윤곽", 300, "M95.2", True),
    Procedure("PS-L01", "안면거상술", "리프팅", 900, "L57.4", True),
    Procedure("PS-L02", "이마거상술", "리프팅", 500, "L57.4", True),
    Procedure("PS-L03", "실리프팅", "리프팅", 150, "L57.4", False),
    Procedure("PS-B01", "가슴확대술(실리콘 보형물)", "가슴", 800, "Z41.1", True),
    Procedure("PS-B02", "가슴축소술", "가슴", 700, "N62", True),
    Procedure("PS-B03", "가슴 보형물 제거술", "가슴", 400, "T85.4", True),
    Procedure("PS-B04", "유두 축소술", "가슴", 150, "N64.8", True),
    Procedure("PS-D01", "복부 지방흡입", "바디", 350, "E65", True),
    Procedure("PS-D02", "허벅지 지방흡입", "바디", 400, "E65", True),
    Procedure("PS-D03", "팔뚝 지방흡입", "바디", 250, "E65", True),
    Procedure("PS-D04", "얼굴 지방이식", "바디", 300, "Z41.1", True),
    Procedure("PS-D05", "복부 성형술", "바디", 800, "L98.7", True),
    Procedure("PS-S01", "사각턱 보톡스", "피부", 15, "Z41.1", False),
    Procedure("PS-S02", "팔자주름 필러", "피부", 40, "Z41.1", False),
    Procedure("PS-S03", "레이저 토닝", "피부", 10, "L81.1", False),
    Procedure("PS-S04", "프락셔널 레이저", "피부", 30, "L90.5", False),
    Procedure("PS-S05", "여드름 흉터 재생 치료", "피부", 50, "L70.0", False),
    Procedure("PS-S06", "켈로이드 주사 치료", "피부", 10, "L91.0", False),
    Procedure("PS-S07", "흉터 성형술", "피부", 150, "L90.5", True),
    Procedure("PS-S08", "점 제거 레이저", "피부", 5, "D22.3", False),
    Procedure("PS-S09", "표피낭종 제거술", "피부", 30, "L72.0", True),
    Procedure("PS-S10", "겨드랑이 다한증 시술", "피부", 120, "R61.0", False),
    Procedure("PS-H01", "모발이식(비절개)", "모발", 600, "L64.9", True),
    Procedure("PS-H02", "모발이식(절개)", "모발", 500, "Z41.0", True),
)

DRUGS: tuple[tuple[str, str], ...] = (
    ("세파클러캡슐 250mg", "1일 3회 1캡슐"),
    ("아목시실린캡슐 500mg", "1일 3회 1캡슐"),
    ("클린다마이신캡슐 150mg", "1일 3회 1캡슐"),
    ("아세트아미노펜정 650mg", "1일 3회 1정"),
    ("록소프로펜정 60mg", "1일 3회 1정"),
    ("이부프로펜정 200mg", "1일 3회 1정"),
    ("레바미피드정 100mg", "1일 3회 1정"),
    ("트라넥삼산캡슐 250mg", "1일 3회 1캡슐"),
    ("브로멜라인장용정", "1일 3회 1정"),
    ("세티리진정 10mg", "1일 1회 1정"),
    ("무피로신연고 2%", "1일 2회 도포"),
    ("후시딘연고", "1일 2회 도포"),
)

DEPARTMENTS: tuple[str, ...] = ("성형외과", "성형외과", "성형외과", "피부과", "마취통증의학과")

#: Past illnesses and habits a consultation or survey may mention (all health information).
HISTORIES: tuple[str, ...] = (
    "고혈압 약 복용 중",
    "아토피피부염 병력 있음",
    "켈로이드 체질",
    "갑상선기능저하증으로 약 복용 중",
    "2019년 쌍꺼풀 수술 이력",
    "천식 병력 있음",
    "아스피린 복용 중단 안내함",
    "당뇨 병력 있음",
    "페니실린 알레르기 있음",
    "과거 코성형(실리콘) 이력",
    "특이 병력 없음",
    "특이 병력 없음",
)

CONCERNS: tuple[str, ...] = (
    "자연스러운 라인",
    "눈 뜨는 힘 개선",
    "콧대 높이기",
    "얼굴 폭 축소",
    "탄력 개선",
    "흉터 개선",
    "비대칭 교정",
    "붓기 빠른 방법",
)

SYMPTOMS: tuple[str, ...] = (
    "비대칭 발생",
    "보형물 비침",
    "염증 반복",
    "흉터 비후",
    "라인 풀림",
    "코끝 처짐",
)

ANESTHESIA: tuple[str, ...] = ("국소마취", "수면마취", "전신마취")
