"""Synthetic cell values: every entity in the formats Korean systems write them, and their look-alikes.

All values are fake: Faker ko_KR names and addresses, RRNs built from a random date with our own check
digit (some with the random final digit issued since October 2020), card numbers made Luhn-valid.
"""

from __future__ import annotations

import datetime as dt
import random
import string
from collections.abc import Callable

from faker import Faker

from detectors.recognizers.checks import frn_check_digit, luhn_ok, rrn_check_digit

PROCEDURES = [
    "쌍꺼풀 수술", "쌍꺼풀 절개법", "눈매교정술", "앞트임", "뒤트임", "눈밑지방재배치", "코성형", "코끝성형",
    "매부리코 교정", "비중격 교정술", "안면윤곽술", "사각턱 축소술", "광대축소술", "양악수술", "지방흡입",
    "복부 지방흡입", "지방이식", "가슴확대술", "가슴성형", "리프팅", "실리프팅", "보톡스 주입", "필러 주입",
    "레이저 토닝", "여드름 흉터 치료", "이마거상술", "안검하수 교정",
]  # fmt: skip
DIAGNOSES = [
    "안검하수", "비중격만곡증", "켈로이드 흉터", "여드름", "기미", "구순구개열", "소이증", "선천성 안검하수",
    "다한증", "피지낭종", "지방종", "화상 흉터", "안면비대칭", "부정교합",
]  # fmt: skip
KCD_CODES = [
    "H02.4", "J34.2", "L91.0", "L70.0", "L81.1", "Q37.9", "Q17.2", "L74.5", "L72.1", "D17.9", "T95.9",
    "Q67.0", "K07.1", "M95.0", "Z41.1", "L90.5",
]  # fmt: skip
DEVICE_MODELS = [
    "SM-G991N", "SM-S918N", "SM-A536N", "SM-F946N", "LM-V500N", "SHV-E330S", "iPhone15,3", "iPhone14,2",
    "SM-T870", "Pixel 7", "SM-N986N", "LM-G900N",
]  # fmt: skip
COMMON_PASSWORDS = ["qwer1234!", "password1", "1q2w3e4r!", "asdf1234", "iloveyou7", "Dkssud!23", "zxcv0987"]
REGIONS = [
    ("서울특별시", "강남구", "역삼동"), ("서울특별시", "서초구", "서초동"),
    ("서울특별시", "마포구", "합정동"), ("서울특별시", "송파구", "잠실동"),
    ("부산광역시", "해운대구", "우동"), ("대구광역시", "수성구", "범어동"),
    ("인천광역시", "연수구", "송도동"), ("광주광역시", "서구", "치평동"),
    ("대전광역시", "유성구", "봉명동"), ("울산광역시", "남구", "삼산동"),
    ("세종특별자치시", "", "보람동"), ("경기도", "성남시 분당구", "정자동"),
    ("경기도", "수원시 영통구", "매탄동"), ("경기도", "고양시 일산동구", "장항동"),
    ("강원특별자치도", "춘천시", "효자동"), ("충청북도", "청주시 상당구", "용암동"),
    ("충청남도", "천안시 동남구", "신부동"), ("전북특별자치도", "전주시 완산구", "효자동"),
    ("전라남도", "여수시", "학동"), ("경상북도", "포항시 남구", "대잠동"),
    ("경상남도", "창원시 성산구", "상남동"), ("제주특별자치도", "제주시", "연동"),
]  # fmt: skip
ROADS = [
    "테헤란로", "강남대로", "도산대로", "논현로", "압구정로", "선릉로", "봉은사로", "해운대로", "월드컵로",
    "세종대로", "올림픽로", "중앙로", "동서대로", "문화로", "시청로", "번영로", "학동로", "새말로",
]  # fmt: skip
STATUS_WORDS = ["예약", "완료", "취소", "대기", "상담중", "접수", "보류", "진행", "종료", "신규"]
DEPARTMENTS = ["성형외과", "피부과", "마취통증의학과", "영상의학과", "원무과", "상담실", "간호부"]
BANKS = ["신한은행", "국민은행", "우리은행", "하나은행", "농협은행", "카카오뱅크", "토스뱅크"]


class Values:
    """One seeded source of values; the same seed gives the same corpus."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.faker = Faker("ko_KR")
        self.faker.seed_instance(seed)

    # --- identities -------------------------------------------------------------------------------
    def birth_date(self) -> dt.date:
        return dt.date(1940, 1, 1) + dt.timedelta(days=self.rng.randrange(0, 365 * 75))

    def birth_text(self) -> str:
        born = self.birth_date()
        return born.strftime(self.rng.choice(["%Y-%m-%d", "%Y-%m-%d", "%Y%m%d", "%Y.%m.%d"]))

    def person(self) -> str:
        if self.rng.random() < 0.05:
            return self.rng.choice(["남궁", "황보", "제갈", "선우"]) + self.faker.first_name()
        return self.faker.name()

    def rrn(self, separator: str | None = None) -> str:
        born = self.birth_date()
        gender = self.rng.choice("12") if born.year < 2000 else self.rng.choice("34")
        body = (
            born.strftime("%y%m%d")
            + gender
            + f"{self.rng.randrange(0, 96):02d}"
            + f"{self.rng.randrange(1000):03d}"
        )
        check = rrn_check_digit(body) if self.rng.random() < 0.85 else self.rng.randrange(10)
        sep = separator if separator is not None else self.rng.choice(["-", "-", "-", ""])
        return f"{body[:6]}{sep}{body[6:]}{check}"

    def rrn_digits(self) -> int:
        """An RRN stored in a BIGINT: no dash, and no leading zero for a 2000-2009 birth."""
        return int(self.rrn(""))

    def frn(self) -> str:
        born = self.birth_date()
        gender = self.rng.choice("56") if born.year < 2000 else self.rng.choice("78")
        body = (
            born.strftime("%y%m%d")
            + gender
            + f"{self.rng.randrange(0, 96):02d}"
            + f"{self.rng.randrange(1000):03d}"
        )
        return f"{body[:6]}-{body[6:]}{frn_check_digit(body)}"

    def passport(self) -> str:
        letter = self.rng.choice("MMMMSR")
        if self.rng.random() < 0.5:
            return f"{letter}{self.rng.randrange(10**8):08d}"
        middle = self.rng.choice(string.ascii_uppercase)
        return f"{letter}{self.rng.randrange(1000):03d}{middle}{self.rng.randrange(10**4):04d}"

    def driver_license(self) -> str:
        region = self.rng.choice([*range(11, 27), 28])
        rng = self.rng
        return f"{region}-{rng.randrange(100):02d}-{rng.randrange(10**6):06d}-{rng.randrange(100):02d}"

    # --- contact ----------------------------------------------------------------------------------
    def mobile(self) -> str:
        middle, last = self.rng.randrange(2000, 10000), self.rng.randrange(10000)
        form = self.rng.random()
        if form < 0.7:
            return f"010-{middle}-{last:04d}"
        if form < 0.85:
            return f"010{middle}{last:04d}"
        if form < 0.93:
            return f"010 {middle} {last:04d}"
        return f"+82 10-{middle}-{last:04d}"

    def mobile_digits(self) -> int:
        """A mobile number stored in an integer column, so its leading zero is gone."""
        return int(f"10{self.rng.randrange(2000, 10000)}{self.rng.randrange(10000):04d}")

    def phone(self) -> str:
        kind = self.rng.random()
        if kind < 0.6:
            return self.mobile()
        if kind < 0.75:
            return f"02-{self.rng.randrange(200, 1000)}-{self.rng.randrange(10000):04d}"
        if kind < 0.9:
            area = self.rng.choice(
                ["031", "032", "033", "041", "042", "051", "052", "053", "055", "062", "064"]
            )
            return f"{area}-{self.rng.randrange(200, 1000)}-{self.rng.randrange(10000):04d}"
        if kind < 0.95:
            return f"070-{self.rng.randrange(2000, 10000)}-{self.rng.randrange(10000):04d}"
        return f"{self.rng.choice(['1588', '1544', '1577', '1566'])}-{self.rng.randrange(10000):04d}"

    def email(self) -> str:
        return self.faker.free_email() if self.rng.random() < 0.6 else self.faker.email()

    def address(self) -> str:
        """A road-name address (도로명주소, three in four) or a lot-number address (지번주소)."""
        rng = self.rng
        sido, sigungu, dong = rng.choice(REGIONS)
        area = f"{sido} {sigungu}".replace("  ", " ").strip()
        if rng.random() < 0.25:
            return f"{area} {dong} {rng.choice(['', '산 '])}{rng.randrange(1, 999)}-{rng.randrange(1, 60)}"
        road = rng.choice(ROADS)
        if rng.random() < 0.4:
            road += f"{rng.randrange(1, 90)}{rng.choice(['길', '번길'])}"
        number = f"{rng.choice(['', '', '', '지하 '])}{rng.randrange(1, 800)}"
        if rng.random() < 0.2:
            number += f"-{rng.randrange(1, 30)}"
        detail = rng.choice(
            [
                "",
                "",
                f", {rng.randrange(101, 120)}동 {rng.randrange(1, 25)}0{rng.randrange(1, 5)}호",
                f" {rng.randrange(2, 15)}층",
                f" ({dong})",
            ]
        )
        return f"{area} {road} {number}{detail}"

    # --- money ------------------------------------------------------------------------------------
    def card(self) -> str:
        """A Luhn-valid number in a real issuer range: Visa, Mastercard (51-55, 2221-2720), JCB (3528-3589),
        Amex (34, 37; 15 digits). Faker's JCB numbers start anywhere in 35xx, which no issuer uses."""
        rng = self.rng
        prefix, length = rng.choice(
            [("4", 16), ("4", 16), (str(rng.randrange(51, 56)), 16), (str(rng.randrange(2221, 2721)), 16),
             (str(rng.randrange(3528, 3590)), 16), (rng.choice(["34", "37"]), 15)]
        )  # fmt: skip
        body = prefix + _digits(rng, length - len(prefix) - 1)
        number = next(body + d for d in "0123456789" if luhn_ok(body + d))
        if length == 16 and rng.random() < 0.5:
            return "-".join(number[i : i + 4] for i in range(0, 16, 4))
        return number

    def bank_account(self) -> str:
        templates = [(3, 3, 6), (4, 3, 6), (3, 6, 5), (6, 2, 6), (3, 4, 4, 2), (4, 2, 7), (4, 4, 4)]
        groups = self.rng.choice(templates)
        return "-".join(str(self.rng.randrange(1, 10)) + _digits(self.rng, n - 1) for n in groups)

    # --- online and secrets -----------------------------------------------------------------------
    def ip(self) -> str:
        if self.rng.random() < 0.15:
            return self.faker.ipv6()
        return self.faker.ipv4_public() if self.rng.random() < 0.7 else self.faker.ipv4_private()

    def password(self) -> str:
        return (
            self.rng.choice(COMMON_PASSWORDS) if self.rng.random() < 0.3 else self.faker.password(length=10)
        )

    def password_hash(self) -> str:
        alphabet = string.ascii_letters + string.digits + "./"
        kind = self.rng.random()
        if kind < 0.5:
            return "$2b$12$" + "".join(self.rng.choice(alphabet) for _ in range(53))
        if kind < 0.75:
            salt = "".join(self.rng.choice(alphabet[:-2]) for _ in range(22))
            digest = "".join(self.rng.choice(alphabet[:-2] + "+/") for _ in range(43))
            return f"$argon2id$v=19$m=65536,t=3,p=4${salt}${digest}"
        salt = "".join(self.rng.choice(alphabet[:-2]) for _ in range(12))
        digest = "".join(self.rng.choice(alphabet[:-2] + "+/") for _ in range(43)) + "="
        return f"pbkdf2_sha256$600000${salt}${digest}"

    # --- medical ----------------------------------------------------------------------------------
    def procedure(self) -> str:
        return self.rng.choice(PROCEDURES)

    def diagnosis(self) -> str:
        return self.rng.choice(DIAGNOSES)

    def kcd(self) -> str:
        return self.rng.choice(KCD_CODES)

    # --- look-alikes (never the entity they resemble) ----------------------------------------------
    def masked_rrn(self) -> str:
        rrn = self.rrn("-")
        return rrn[:8] + "******" if self.rng.random() < 0.7 else rrn[:7] + "*******"

    def masked_phone(self) -> str:
        return (
            f"010-****-{self.rng.randrange(10000):04d}"
            if self.rng.random() < 0.5
            else f"010-{self.rng.randrange(2000, 10000)}-****"
        )

    def masked_card(self) -> str:
        return f"****-****-****-{self.rng.randrange(10000):04d}"

    def masked_email(self) -> str:
        local, _, domain = self.faker.free_email().partition("@")
        return f"{local[0]}***@{domain}"

    def masked_name(self) -> str:
        name = self.faker.name()
        return name[0] + "*" + name[2:] if len(name) == 3 else name[0] + "**"

    def luhn_failing_card(self) -> str:
        while True:
            number = "4" + _digits(self.rng, 15)
            if not luhn_ok(number):
                return "-".join(number[i : i + 4] for i in range(0, 16, 4))

    def device_model(self) -> str:
        return self.rng.choice(DEVICE_MODELS)

    def order_no(self) -> str:
        day = dt.date(2023, 1, 1) + dt.timedelta(days=self.rng.randrange(700))
        form = self.rng.random()
        if form < 0.4:
            return f"ORD-{day:%Y%m%d}-{self.rng.randrange(10**6):06d}"
        if form < 0.7:
            return f"{day:%Y%m%d}{self.rng.randrange(10**6):06d}"
        return f"{day:%y%m%d}{self.rng.randrange(10**7):07d}"

    def lot_no(self) -> str:
        return f"LOT{self.rng.randrange(22, 26)}{self.rng.choice('ABC')}{self.rng.randrange(10**4):04d}"

    def user_agent(self) -> str:
        return self.faker.user_agent()

    def version(self) -> str:
        return f"10.0.{self.rng.randrange(19000, 22700)}.{self.rng.randrange(100, 4000)}"

    def visit_date(self) -> str:
        day = dt.date(2021, 1, 1) + dt.timedelta(days=self.rng.randrange(1200))
        return f"{day:%Y-%m-%d} {self.rng.randrange(9, 19):02d}:{self.rng.choice(['00', '30'])}"

    def amount(self) -> str:
        return str(self.rng.randrange(10, 2000) * 1000)

    def status(self) -> str:
        return self.rng.choice(STATUS_WORDS)

    def department(self) -> str:
        return self.rng.choice(DEPARTMENTS)

    def bank_name(self) -> str:
        return self.rng.choice(BANKS)

    def job(self) -> str:
        return self.faker.job()

    def company(self) -> str:
        return self.faker.company()

    def count(self) -> str:
        return str(self.rng.randrange(0, 40))

    def code(self) -> str:
        return f"{self.rng.choice('ABCDEFGH')}{self.rng.randrange(100, 999)}"

    def generator(self, kind: str) -> Callable[[], object]:
        """Return the method generating ``kind`` (``rrn``, ``masked_phone``, ...)."""
        method: Callable[[], object] = getattr(self, kind)
        return method


def _digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(n))
