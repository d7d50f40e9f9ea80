"""Region from a Korean address: 시/군/구 -> 시/도 -> suppressed.

Only the first two words of an address are read, so a full road-name or lot-number address never reaches the
output. Short and legacy province names are normalised to today's official names (서울 -> 서울특별시,
강원도 -> 강원특별자치도, 전라북도 -> 전북특별자치도), so one place is one label whatever the spelling.
"""

from __future__ import annotations

import re

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from deid.hierarchies.base import Hierarchy, HierarchyOptions, Level, PrepareContext

SIDO: tuple[str, ...] = (
    "서울특별시",
    "부산광역시",
    "대구광역시",
    "인천광역시",
    "광주광역시",
    "대전광역시",
    "울산광역시",
    "세종특별자치시",
    "경기도",
    "강원특별자치도",
    "충청북도",
    "충청남도",
    "전북특별자치도",
    "전라남도",
    "경상북도",
    "경상남도",
    "제주특별자치도",
)

_ALIASES: dict[str, tuple[str, ...]] = {
    "서울특별시": ("서울", "서울시", "서울특별시"),
    "부산광역시": ("부산", "부산시", "부산광역시"),
    "대구광역시": ("대구", "대구시", "대구광역시"),
    "인천광역시": ("인천", "인천시", "인천광역시"),
    "광주광역시": ("광주", "광주광역시"),
    "대전광역시": ("대전", "대전시", "대전광역시"),
    "울산광역시": ("울산", "울산시", "울산광역시"),
    "세종특별자치시": ("세종", "세종시", "세종특별자치시"),
    "경기도": ("경기", "경기도"),
    "강원특별자치도": ("강원", "강원도", "강원특별자치도"),
    "충청북도": ("충북", "충청북도"),
    "충청남도": ("충남", "충청남도"),
    "전북특별자치도": ("전북", "전라북도", "전북특별자치도"),
    "전라남도": ("전남", "전라남도"),
    "경상북도": ("경북", "경상북도"),
    "경상남도": ("경남", "경상남도"),
    "제주특별자치도": ("제주", "제주도", "제주특별자치도"),
}
SIDO_ALIASES: dict[str, str] = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}
_SIGUNGU = re.compile(r"^\S+[시군구]$")


def normalize_sido(token: str | None) -> str | None:
    """Return the official province name for a short or legacy spelling, or None when it is not a province."""
    return SIDO_ALIASES.get(token) if token else None


def sigungu_labels(addresses: pd.Series) -> pd.Series:
    """Return ``시/도 시/군/구`` per address (``시/도`` alone when no 시/군/구 follows); NA if unknown."""
    arr = pa.array(addresses.astype("string").to_numpy(dtype=object, na_value=None), type=pa.string())
    arr = pc.replace_substring_regex(
        pc.utf8_trim_whitespace(arr), pattern=r"^[(\[]?\d{5,6}[)\]]?\s*", replacement=""
    )
    parts = pc.split_pattern_regex(arr, pattern=r"\s+", max_splits=2)
    first = _token(parts, 0)
    second = _token(parts, 1)
    codes, uniques = pd.factorize(first)
    sido = (
        pd.Series([normalize_sido(u) for u in uniques], dtype="string").reindex(codes).reset_index(drop=True)
    )
    sido = sido.where(pd.Series(codes) >= 0)
    is_sgg = second.str.fullmatch(_SIGUNGU.pattern).fillna(False).astype(bool)
    label = sido.where(~is_sgg, sido + " " + second)
    label.index = addresses.index
    return label.astype("string")


def _token(parts: pa.Array, index: int) -> pd.Series:
    """Return the ``index``-th word of each split address (NA when it has fewer words)."""
    lengths = pc.fill_null(pc.list_value_length(parts), 0)
    has = pc.greater(lengths, index)
    safe = pc.if_else(has, parts, pa.scalar([""] * (index + 1), pa.list_(pa.string())))
    token = pc.if_else(has, pc.list_element(safe, index), pa.scalar(None, pa.string()))
    return pd.Series(token.to_pandas(), dtype="string")


def _sigungu(values: pd.Series) -> pd.Series:
    return values.astype("string")


def _sido(values: pd.Series) -> pd.Series:
    return values.astype("string").str.split(" ", n=1).str[0].astype("string")


class RegionHierarchy(Hierarchy):
    """Region from a Korean address."""

    name = "region"
    description = "region from a Korean address: 시/군/구 -> 시/도 -> suppressed (legacy names normalised)"
    level_names = ("sigungu", "sido")

    def prepare(self, ctx: PrepareContext) -> pd.Series:
        """``시/도 시/군/구`` labels (NA when the first word is not a Korean province)."""
        return sigungu_labels(ctx.values)

    def levels(self, options: HierarchyOptions) -> tuple[Level, ...]:
        """시/군/구 then 시/도."""
        sido = "|".join(SIDO)
        return (
            Level("sigungu", _sigungu, rf"^({sido})( \S+[시군구])?$"),
            Level("sido", _sido, rf"^({sido})$"),
        )
