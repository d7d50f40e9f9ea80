"""Korean road-name addresses: real provinces, districts and road names, so region hierarchies hold.

Faker's ko_KR addresses mix provinces and cities at random ("강원특별자치도 용인시"); de-identification
generalises an address to its 시/도 and 시/군/구, so the demo needs combinations that exist.
"""

from __future__ import annotations

from typing import NamedTuple


class District(NamedTuple):
    """A 시/도 and 시/군/구 with the first two digits of its postcodes, some of its roads and a weight."""

    sido: str
    sigungu: str
    zip_prefix: str
    roads: tuple[str, ...]
    weight: int


# Weights: a Gangnam clinic draws most patients from Seoul and the capital region.
DISTRICTS: tuple[District, ...] = (
    District(
        "서울특별시", "강남구", "06", ("테헤란로", "압구정로", "도산대로", "논현로", "봉은사로", "선릉로"), 14
    ),
    District("서울특별시", "서초구", "06", ("반포대로", "서초대로", "강남대로", "효령로"), 8),
    District("서울특별시", "송파구", "05", ("올림픽로", "송파대로", "백제고분로"), 6),
    District("서울특별시", "마포구", "04", ("월드컵로", "양화로", "마포대로"), 4),
    District("서울특별시", "영등포구", "07", ("여의대로", "국제금융로", "영등포로"), 4),
    District("서울특별시", "성동구", "04", ("왕십리로", "성수일로"), 3),
    District("서울특별시", "강서구", "07", ("공항대로", "화곡로"), 3),
    District("서울특별시", "노원구", "01", ("동일로", "노원로"), 2),
    District("서울특별시", "관악구", "08", ("관악로", "남부순환로"), 2),
    District("경기도", "성남시 분당구", "13", ("판교역로", "정자일로", "황새울로"), 6),
    District("경기도", "수원시 영통구", "16", ("광교중앙로", "봉영로"), 4),
    District("경기도", "고양시 일산동구", "10", ("중앙로", "일산로"), 3),
    District("경기도", "용인시 수지구", "16", ("포은대로", "수지로"), 3),
    District("경기도", "화성시", "18", ("동탄대로", "동탄순환대로"), 3),
    District("경기도", "부천시", "14", ("길주로", "부일로"), 2),
    District("인천광역시", "연수구", "21", ("컨벤시아대로", "송도과학로"), 3),
    District("인천광역시", "남동구", "21", ("인하로", "예술로"), 2),
    District("부산광역시", "해운대구", "48", ("해운대로", "센텀중앙로"), 3),
    District("부산광역시", "부산진구", "47", ("중앙대로", "서면로"), 2),
    District("대구광역시", "수성구", "42", ("달구벌대로", "동대구로"), 2),
    District("대전광역시", "유성구", "34", ("대학로", "유성대로"), 2),
    District("대전광역시", "서구", "35", ("둔산로", "계룡로"), 1),
    District("광주광역시", "서구", "61", ("상무대로", "무진대로"), 1),
    District("울산광역시", "남구", "44", ("삼산로",), 1),
    District("세종특별자치시", "", "30", ("한누리대로", "갈매로"), 1),
    District("강원특별자치도", "춘천시", "24", ("중앙로",), 1),
    District("충청북도", "청주시 흥덕구", "28", ("가경로",), 1),
    District("충청남도", "천안시 서북구", "31", ("불당대로",), 1),
    District("전북특별자치도", "전주시 완산구", "55", ("효자로",), 1),
    District("전라남도", "순천시", "57", ("연향로",), 1),
    District("경상북도", "포항시 남구", "37", ("포스코대로",), 1),
    District("경상남도", "창원시 성산구", "51", ("중앙대로", "원이대로"), 1),
    District("제주특별자치도", "제주시", "63", ("노형로", "연북로"), 1),
)

APARTMENTS: tuple[str, ...] = (
    "래미안",
    "자이",
    "푸르지오",
    "아이파크",
    "롯데캐슬",
    "힐스테이트",
    "e편한세상",
    "더샵",
    "SK뷰",
    "센트레빌",
)

VILLAS: tuple[str, ...] = ("그린빌라", "해피빌", "한빛오피스텔", "현대빌라", "삼성쉐르빌", "청솔빌")

EMAIL_DOMAINS: tuple[str, ...] = (
    "naver.com",
    "gmail.com",
    "daum.net",
    "hanmail.net",
    "kakao.com",
    "nate.com",
)
EMAIL_DOMAIN_WEIGHTS: tuple[int, ...] = (40, 25, 12, 8, 7, 8)

#: Seoul and regional area codes for landlines (02 is Seoul; the others follow libphonenumber's KR data).
AREA_CODES: tuple[str, ...] = ("02", "031", "032", "051", "053", "042", "062", "064")

CARD_COMPANIES: tuple[str, ...] = (
    "신한카드",
    "KB국민카드",
    "삼성카드",
    "현대카드",
    "롯데카드",
    "하나카드",
    "우리카드",
    "BC카드",
)
