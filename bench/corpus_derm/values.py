"""Cell values of the second corpus: a dermatology chain with an international desk.

Written apart from ``bench/corpus`` and the demo, with its own vocabulary, so that the detectors are
measured on data they were not built on: foreign patients (passports of ten countries, China's resident
identity numbers, names in Latin letters, Han characters and Kana, phone numbers abroad), addresses
split into a road line and a detail line, staff job titles, lookup vocabularies. Every value is fake.
"""

from __future__ import annotations

import datetime as dt
import random
import string

import phonenumbers

from detectors.recognizers.checks import frn_check_digit, luhn_ok, rrn_check_digit

SURNAMES = (
    "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진지엄채원"
    "천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부황"
)
GIVEN = "서지민수현우준하예은도윤채원태성영혜진연아유소나리다온율찬희경호석재규빈솔담슬결건한별"
CN_SURNAMES = ["WANG", "LI", "ZHANG", "LIU", "CHEN", "YANG", "ZHAO", "HUANG", "ZHOU", "WU", "XU", "SUN"]
CN_GIVEN = ["LI", "WEI", "FANG", "NA", "XIUYING", "JING", "QIANG", "LEI", "YANG", "TAO", "MING", "JIE"]
CN_HAN = [("王", "丽"), ("张", "伟"), ("刘", "洋"), ("李", "娜"), ("陈", "静"), ("杨", "敏"), ("赵", "磊"),
          ("黄", "婷"), ("周", "杰"), ("吴", "芳"), ("徐", "明"), ("孙", "悦")]  # fmt: skip
JP_LATIN = [("TANAKA", "YUKI"), ("SATO", "HARUTO"), ("SUZUKI", "AOI"), ("TAKAHASHI", "REN"),
            ("WATANABE", "HINA"), ("ITO", "SORA"), ("YAMAMOTO", "MIO"), ("NAKAMURA", "RIKU")]  # fmt: skip
JP_KANJI = ["田中 優希", "佐藤 陽翔", "鈴木 葵", "高橋 蓮", "渡辺 陽菜", "伊藤 空", "山本 澪", "中村 陸"]
JP_KANA = ["タナカ ユキ", "サトウ ハルト", "スズキ アオイ", "たかはし れん", "わたなべ ひな", "イトウ ソラ"]
OTHER_LATIN = [
    ("NGUYEN", "THI LAN"), ("TRAN", "VAN NAM"), ("PHAM", "THU HA"), ("IVANOVA", "OLGA"),
    ("PETROV", "DMITRY"), ("SMIRNOVA", "ANNA"), ("NURLANOV", "ARMAN"), ("KARIMOVA", "DILNOZA"),
    ("BATBAYAR", "GANBOLD"), ("SRISUK", "SOMCHAI"), ("DELA CRUZ", "MARIA"), ("SANTOS", "JUAN"),
    ("SMITH", "JENNIFER"), ("JOHNSON", "MICHAEL"), ("RAKHIMOV", "BOBUR"), ("TSEND", "ARIUNAA"),
]  # fmt: skip
KR_ROMAN_SURNAMES = ["KIM", "LEE", "PARK", "CHOI", "JUNG", "KANG", "CHO", "YOON", "JANG", "LIM", "HAN"]
KR_ROMAN_GIVEN = ["MINSU", "JIHOON", "SEOYEON", "HAEUN", "DOYUN", "JIWOO", "YEJIN", "SUBIN", "MINJAE"]
COUNTRIES = ["CN", "JP", "US", "RU", "VN", "TH", "MN", "KZ", "UZ", "PH"]
JOB_TITLES = ["주임", "팀장", "실장", "원장", "간호사", "상담실장", "대표원장", "피부관리사", "코디네이터",
              "부원장", "간호조무사", "총괄실장", "과장"]  # fmt: skip
DEPARTMENTS = ["피부과", "레이저센터", "국제진료센터", "원무팀", "상담팀", "간호팀", "경영지원팀", "마케팅팀"]
DERM_PROCEDURES = [
    "프락셀 레이저", "울쎄라 리프팅", "써마지", "피코토닝", "아쿠아필", "IPL 광치료", "보톡스",
    "히알루론산 필러", "레이저 제모", "점 제거", "여드름 압출", "흉터 레이저",
]  # fmt: skip
DERM_DIAGNOSES = ["아토피피부염", "건선", "여드름", "기미", "백반증", "지루피부염", "두드러기", "편평사마귀",
                  "켈로이드", "모낭염", "습진", "대상포진"]  # fmt: skip
DERM_DIAGNOSES_EN = ["Atopic dermatitis", "Psoriasis vulgaris", "Acne vulgaris", "Melasma", "Vitiligo",
                     "Seborrheic dermatitis", "Chronic urticaria", "Flat warts", "Keloid scar"]  # fmt: skip
DERM_CODES = ["L20.9", "L40.0", "L70.0", "L81.1", "L80", "L21.9", "L50.1", "B07", "L91.0", "L73.9"]
SIDO_SIGUNGU = [
    ("서울특별시", "강남구"), ("서울특별시", "송파구"), ("서울특별시", "용산구"),
    ("경기도", "성남시 분당구"), ("경기도", "용인시 수지구"), ("경기도", "화성시"),
    ("부산광역시", "수영구"), ("인천광역시", "남동구"), ("대구광역시", "달서구"),
    ("경상남도", "김해시"), ("충청북도", "청주시 흥덕구"), ("제주특별자치도", "서귀포시"),
]  # fmt: skip
ROADS = ["판교역로", "압구정로", "올림픽로", "한강대로", "광교중앙로", "동탄대로", "광안해변로", "인하로",
         "월배로", "가야로", "직지대로", "중정로", "정자일로", "신수로"]  # fmt: skip
DONGS = ["정자동", "삼평동", "청담동", "잠실동", "이태원동", "풍덕천동", "반송동", "광안동", "구월동",
         "상인동", "내동", "복대동", "서귀동"]  # fmt: skip
APARTMENTS = ["래미안", "푸르지오", "자이", "힐스테이트", "e편한세상", "더샵", "아이파크", "롯데캐슬"]
HOTELS = ["롯데호텔 명동", "신라스테이 역삼", "글래드 여의도", "나인트리 명동"]


class DermValues:
    """One seeded source of cells for the dermatology corpus."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def pick(self, items: list[str] | str) -> str:
        return self.rng.choice(items)

    def digits(self, n: int) -> str:
        return "".join(self.rng.choice(string.digits) for _ in range(n))

    # --- names -------------------------------------------------------------------------------------
    def hangul_name(self) -> str:
        given = "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2, 2, 2, 2))))
        return self.rng.choice(SURNAMES) + given

    def korean_romanized(self) -> str:
        surname, given = self.pick(KR_ROMAN_SURNAMES), self.pick(KR_ROMAN_GIVEN)
        form = self.rng.random()
        if form < 0.4:
            return f"{surname} {given}"
        if form < 0.7:
            return f"{surname.title()} {given[:3].title()}-{given[3:].lower()}"
        return f"{given.title()} {surname.title()}"

    def foreign_latin(self, country: str | None = None) -> str:
        if country == "CN" or (country is None and self.rng.random() < 0.3):
            surname, given = self.pick(CN_SURNAMES), self.pick(CN_GIVEN)
        elif country == "JP":
            surname, given = self.rng.choice(JP_LATIN)
        else:
            surname, given = self.rng.choice(OTHER_LATIN)
        form = self.rng.random()
        if form < 0.6:
            return f"{surname} {given}"
        if form < 0.8:
            return f"{surname}, {given}"
        return f"{given.title()} {surname.title()}"

    def local_script_name(self, country: str) -> str | None:
        if country == "CN":
            surname, given = self.rng.choice(CN_HAN)
            return surname + given + (self.pick("华芳") if self.rng.random() < 0.4 else "")
        if country == "JP":
            return self.pick(JP_KANJI if self.rng.random() < 0.6 else JP_KANA)
        return None

    def guest_name(self) -> str:
        """A booking name: mostly Hangul, some romanized Korean or foreign names."""
        roll = self.rng.random()
        if roll < 0.7:
            return self.hangul_name()
        return self.korean_romanized() if roll < 0.85 else self.foreign_latin()

    # --- numbers -----------------------------------------------------------------------------------
    def birth(self) -> dt.date:
        return dt.date(1955, 1, 1) + dt.timedelta(days=self.rng.randrange(0, 365 * 50))

    def _resident_body(self, foreign: bool) -> str:
        born = self.birth()
        if foreign:
            gender = self.pick("56") if born.year < 2000 else self.pick("78")
        else:
            gender = self.pick("12") if born.year < 2000 else self.pick("34")
        return born.strftime("%y%m%d") + gender + self.digits(5)

    def rrn(self) -> str:
        body = self._resident_body(False)
        return f"{body[:6]}-{body[6:]}{rrn_check_digit(body)}"

    def frn(self) -> str:
        body = self._resident_body(True)
        return f"{body[:6]}-{body[6:]}{frn_check_digit(body)}"

    def cn_ric(self) -> str:
        """An 18-digit PRC resident identity number with its ISO 7064 MOD 11-2 check character."""
        region = self.pick(["110101", "310104", "440305", "210202", "370102", "510107", "330106"])
        body = region + self.birth().strftime("%Y%m%d") + self.digits(3)
        total = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(body))
        return body + "10X98765432"[total % 11]

    def passport(self, country: str) -> str:
        rng, d = self.rng, self.digits
        up = string.ascii_uppercase
        if country == "CN":
            form = rng.random()
            if form < 0.5:
                return "E" + d(8)
            if form < 0.7:
                return "E" + rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") + d(7)
            return rng.choice("GDSP") + d(8 if rng.random() < 0.6 else 7)
        if country in ("JP", "TH", "UZ"):
            return rng.choice(up) + rng.choice(up) + d(7)
        if country == "US":
            return d(9) if rng.random() < 0.7 else rng.choice("AEH") + d(8)
        if country == "RU":
            return d(9)
        if country in ("VN", "MN"):
            return rng.choice("BCNE") + d(7)
        if country == "KZ":
            return "N" + d(8)
        return ("P" + d(7) + rng.choice(up)) if rng.random() < 0.6 else ("EC" + d(7))  # PH

    def foreign_phone(self, country: str | None = None) -> str:
        region = country or self.pick(COUNTRIES)
        for _ in range(200):
            example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
            if example is None:
                raise RuntimeError(f"phonenumbers has no example mobile number for {region}")
            national = str(example.national_number)
            digits = national[:2] + self.digits(len(national) - 2)
            number = phonenumbers.parse(f"+{example.country_code}{digits}")
            if phonenumbers.is_valid_number(number):
                style = self.rng.choice(
                    [phonenumbers.PhoneNumberFormat.INTERNATIONAL, phonenumbers.PhoneNumberFormat.E164]
                )
                return phonenumbers.format_number(number, style)
        raise RuntimeError(f"no valid mobile number generated for {region}")

    def kr_mobile(self) -> str:
        return self.pick(["010-{}-{}", "010{}{}", "010.{}.{}"]).format(self.digits(4), self.digits(4))

    def office_tel(self) -> str:
        return f"{self.pick(['02', '031', '051'])}-{self.rng.randrange(200, 999)}-{self.digits(4)}"

    def card(self) -> str:
        while True:
            number = self.pick(["4", "5", "9"]) + self.digits(15)
            if luhn_ok(number):
                return "-".join(number[i : i + 4] for i in range(0, 16, 4))

    def account(self) -> str:
        return self.pick(["{}-{}-{}", "{}{}{}"]).format(self.digits(3), self.digits(2), self.digits(6))

    def email(self) -> str:
        user = self.pick(["derm", "skin", "glow", "mina", "yuki", "wang", "lan", "olga"]) + self.digits(3)
        domain = self.pick(["naver.com", "daum.net", "qq.com", "163.com", "yahoo.co.jp", "gmail.com"])
        return f"{user}@{domain}"

    def bcrypt(self) -> str:
        alphabet = string.ascii_letters + string.digits + "./"
        return "$2b$12$" + "".join(self.rng.choice(alphabet) for _ in range(53))

    def ipv4(self) -> str:
        return ".".join(str(self.rng.randrange(1, 255)) for _ in range(4))

    # --- addresses ---------------------------------------------------------------------------------
    def road_address(self) -> str:
        sido, sigungu = self.rng.choice(SIDO_SIGUNGU)
        road = self.pick(ROADS)
        if self.rng.random() < 0.35:
            road += f" {self.rng.randrange(10, 900)}번길"
        elif self.rng.random() < 0.2:
            road += f"{self.rng.randrange(1, 60)}길"
        line = f"{sido} {sigungu} {road} {self.rng.randrange(1, 400)}"
        return line + (f" ({self.pick(DONGS)})" if self.rng.random() < 0.3 else "")

    def jibun_address(self) -> str:
        sido, sigungu = self.rng.choice(SIDO_SIGUNGU)
        return f"{sido} {sigungu} {self.pick(DONGS)} {self.rng.randrange(1, 999)}-{self.rng.randrange(1, 40)}"

    def address_line1(self) -> str:
        return self.road_address() if self.rng.random() < 0.75 else self.jibun_address()

    def address_detail(self) -> str:
        r = self.rng
        form = r.random()
        if form < 0.4:
            return f"{r.randrange(101, 120)}동 {r.randrange(1, 35)}{r.randrange(1, 5):02d}호"
        if form < 0.55:
            return f"{r.randrange(1, 12)}층 {r.randrange(1, 12)}{r.randrange(1, 10):02d}호"
        if form < 0.65:
            return f"B1 상가 {r.randrange(1, 40)}호"
        if form < 0.85:
            building = self.pick(APARTMENTS)
            return f"{building}아파트 {r.randrange(101, 115)}-{r.randrange(1, 30)}{r.randrange(1, 5):02d}"
        return f"{r.randrange(1, 30)}{r.randrange(1, 5):02d}호"

    def postcode(self) -> str:
        return f"{self.rng.randrange(1, 63999):05d}"

    # --- ordinary values ---------------------------------------------------------------------------
    def session_id(self) -> str:
        return "".join(self.rng.choice("0123456789abcdef") for _ in range(32))

    def lot_like_passport(self) -> str:
        """Product lot numbers shaped like a passport (a letter and 8 digits): not personal data."""
        return self.pick("EGDPS") + dt.date(2024, 1, 1).strftime("%y") + self.digits(6)

    def visit_time(self) -> str:
        days, slot = self.rng.randrange(500), self.rng.randrange(18)
        day = dt.datetime(2024, 1, 1, 9) + dt.timedelta(days=days, minutes=30 * slot)
        return day.strftime("%Y-%m-%d %H:%M")
