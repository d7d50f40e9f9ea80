"""ADDRESS: Korean road-name (도로명) and lot-number (지번) addresses."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern

from detectors.recognizers.base import HIGH, LOW, MEDIUM, STRONG, KoPatternRecognizer

# The 17 시·도 by current, legacy and short names; longer spellings first so they win the alternation.
SIDO = (
    "서울특별시|서울시|서울|부산광역시|부산시|부산|대구광역시|대구시|대구|인천광역시|인천시|인천|"
    "광주광역시|광주시|광주|대전광역시|대전시|대전|울산광역시|울산시|울산|세종특별자치시|세종시|세종|"
    "경기도|경기|강원특별자치도|강원도|강원|충청북도|충북|충청남도|충남|전북특별자치도|전라북도|전북|"
    "전라남도|전남|경상북도|경북|경상남도|경남|제주특별자치도|제주도|제주"
)
_SIDO = r"(?<![가-힣])(?:" + SIDO + r")"
_SGG = r"[가-힣]{1,5}(?:시|군|구)"
_EUPMYEON = r"(?:[ ]+[가-힣]{1,4}(?:읍|면))?"
# A road name ends in 대로/로/길 (data generators such as Faker also write 거리 and 가); '으로' is the
# particle "towards", never a road name.
# A branch road is numbered after its road, with or without a space: 판교역로 758번길, 세종대로23길.
_ROAD = r"[가-힣0-9]{0,14}(?<!으)(?:로|길|거리|가)(?:[ ]?[0-9]{1,4}번?길)?"
_BUILDING = r"[ ]*(?:지하[ ]*)?[0-9]{1,5}(?:-[0-9]{1,5})?"
_LOT = r"[가-힣0-9]{1,8}(?:동|리|가|읍|면|마을)[ ]+(?:산[ ]*)?[0-9]{1,5}(?:-[0-9]{1,5})?(?:번지)?"
# Not a building number when a unit of time, age, money or count is glued to it (3시, 20세, 5명).
_NOT_A_QUANTITY = r"(?![0-9]|시|분|초|세|살|명|개|원|번|년|월|일|회|차|%|cc|mm|kg)"
_DETAIL = r"(?:,?[ ]*(?:[0-9]{1,4}동[ ]*)?[0-9]{1,5}호)?"
# Two administrative levels without the 시·도 (수원시 팔달구, 용인시 수지구 광진구): a city or county, then
# one or two districts. The chain itself is address-shaped, so with a street or lot after it a line is
# an address even where the 시·도 was left out (a clinic's addr1 column often drops it).
_SIGUN_GU = r"(?<![가-힣])[가-힣]{1,5}(?:시|군)[ ]+[가-힣]{1,5}구(?:[ ]+[가-힣]{1,5}구)?"
# A street written without its 로/길 (석촌호수 49, as some exports and generators shorten it): only after
# the chain, and not before a floor, a counter or a unit.
_STREET_STEM = r"[가-힣]{2,10}[ ]+[0-9]{1,5}(?:-[0-9]{1,5})?"
_NOT_A_COUNT = r"(?![0-9]|층|곳|건|대|위|등|팀|과|개월|주|시|분|초|세|살|명|개|원|번|년|월|일|회|차|%)"


class KoreanAddressRecognizer(KoPatternRecognizer):
    """Korean addresses: 시·도, 시·군·구, (읍·면), then road + building number or 동·리 + lot number.

    Lot addresses may also end in 읍·면·마을 before the number, as generated test data does.

    With a 시·도 and a 시·군·구 an address is STRONG; a road address in 세종 (no 시·군·구) is HIGH;
    without the 시·도 (강남구 테헤란로 123) MEDIUM, but HIGH after a city and its district (수원시 팔달구
    인계동 1012-3). After such a chain a street may lack its 로/길 (용인시 수지구 가락 166): LOW, an
    address only with context (an address column, '주소'). A number followed by a unit (3시, 20세, 5명)
    is not a building number, and '병원으로 3' is not a road ('으로' is a particle).
    """

    ENTITY: ClassVar[str] = "ADDRESS"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "Road address (시도 시군구)",
            _SIDO
            + r"[ ]+"
            + _SGG
            + r"(?:[ ]+[가-힣]{1,5}구)?"
            + _EUPMYEON
            + r"[ ]+"
            + _ROAD
            + _BUILDING
            + _NOT_A_QUANTITY
            + _DETAIL,
            STRONG,
        ),
        Pattern(
            "Lot address (시도 시군구)",
            _SIDO
            + r"[ ]+"
            + _SGG
            + r"(?:[ ]+[가-힣]{1,5}구)?"
            + _EUPMYEON
            + r"[ ]+"
            + _LOT
            + _NOT_A_QUANTITY,
            STRONG,
        ),
        Pattern("Road address (시도 only)", _SIDO + r"[ ]+" + _ROAD + _BUILDING + _NOT_A_QUANTITY, HIGH),
        Pattern(
            "Road or lot address (시군 구)",
            _SIGUN_GU
            + _EUPMYEON
            + r"[ ]+(?:"
            + _ROAD
            + _BUILDING
            + r"|"
            + _LOT
            + r")"
            + _NOT_A_QUANTITY
            + _DETAIL,
            HIGH,
        ),
        Pattern(
            "Street without 로·길 (시군 구)",
            _SIGUN_GU + _EUPMYEON + r"[ ]+" + _STREET_STEM + _NOT_A_COUNT,
            LOW,
        ),
        Pattern(
            "Road address (시군구)",
            r"(?<![가-힣])" + _SGG + _EUPMYEON + r"[ ]+" + _ROAD + _BUILDING + _NOT_A_QUANTITY + _DETAIL,
            MEDIUM,
        ),
        Pattern(
            "Lot address (시군구)",
            r"(?<![가-힣])" + _SGG + _EUPMYEON + r"[ ]+" + _LOT + _NOT_A_QUANTITY,
            MEDIUM,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["주소", "거주지", "자택", "배송지", "소재지", "address", "addr"]
    PREFILTER: ClassVar[str | None] = (
        r"(?:로|길|리|가)[ ]*(?:지하[ ]*)?[0-9]|(?:동|리|가|읍|면|을)[ ]+(?:산[ ]*)?[0-9]"
        r"|(?:구|읍|면)[ ]+[가-힣]{2,10}[ ]+[0-9]"
    )
