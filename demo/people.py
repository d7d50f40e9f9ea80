"""Synthetic people: Faker ko_KR names in pools, and vectorised attributes (birth, sex, RRN, phone, address).

Faker costs about 20 microseconds a call, far too slow for a million patients, so it fills small pools
once (seeded) and numpy draws from them. Every person is invented: names come from Faker's tables,
numbers from a seeded generator.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from faker import Faker

from demo.identifiers import make_mobiles, make_rrns
from demo.vocab.places import APARTMENTS, DISTRICTS, EMAIL_DOMAIN_WEIGHTS, EMAIL_DOMAINS, VILLAS

#: Given names with syllables outside KS X 1001 (EUC-KR): only CP949 encodes them, as real names need.
CP949_ONLY_NAMES: tuple[str, ...] = ("조햔", "이옝", "박뜽희")


@dataclass(frozen=True)
class Pools:
    """Faker-made pools the generators draw from."""

    names: tuple[str, ...]
    surnames: tuple[str, ...]
    user_words: tuple[str, ...]
    doctors: tuple[str, ...]
    counselors: tuple[str, ...]


def build_pools(seed: int, size: int = 4000) -> Pools:
    """Fill the pools from Faker's ko_KR locale, seeded so the clinic is reproducible."""
    fake = Faker("ko_KR")
    fake.seed_instance(seed)
    names = sorted({fake.name() for _ in range(size)})
    surnames = sorted({n[0] for n in names})
    words = sorted({fake.user_name() for _ in range(size // 2)})
    staff = sorted({fake.name() for _ in range(40)})
    return Pools(tuple(names), tuple(surnames), tuple(words), tuple(staff[:8]), tuple(staff[8:14]))


@dataclass
class People:
    """Attributes of ``n`` people, as parallel sequences."""

    name: list[str]
    birth: np.ndarray  # datetime64[D]
    male: np.ndarray  # bool
    rrn: list[str]
    mobile: list[str]
    email: list[str]
    address: list[str]
    address_detail: list[str]
    zip_code: list[str]
    sido: list[str]

    def __len__(self) -> int:
        return len(self.name)


def pick(rng: np.random.Generator, choices: tuple[str, ...], n: int) -> list[str]:
    """``n`` draws (with replacement) from a tuple of strings."""
    return [choices[i] for i in rng.integers(0, len(choices), n).tolist()]


def make_people(
    rng: np.random.Generator, pools: Pools, n: int, born: tuple[date, date] | np.ndarray, serial_start: int
) -> People:
    """``n`` people born in the ``born`` range (inclusive) or on the given days (``datetime64[D]``).

    ``serial_start`` numbers their e-mail addresses, so that every address is unique.
    """
    if isinstance(born, np.ndarray):
        birth = born.astype("datetime64[D]")
    else:
        first, last = (np.datetime64(d, "D") for d in born)
        span = int((last - first).astype(np.int64))
        birth = first + rng.integers(0, span + 1, n).astype("timedelta64[D]")
    male = rng.random(n) < 0.25  # three in four patients of a cosmetic clinic are women
    names = pick(rng, pools.names, n)
    words = pick(rng, pools.user_words, n)
    weights = np.array(EMAIL_DOMAIN_WEIGHTS, dtype=float)
    domains = rng.choice(len(EMAIL_DOMAINS), n, p=weights / weights.sum()).tolist()
    emails = [
        f"{w}{serial_start + i}@{EMAIL_DOMAINS[d]}"
        for i, (w, d) in enumerate(zip(words, domains, strict=True))
    ]
    address, detail, zips, sido = make_addresses(rng, n)
    return People(
        names,
        birth,
        male,
        make_rrns(rng, birth, male),
        make_mobiles(rng, n),
        emails,
        address,
        detail,
        zips,
        sido,
    )


def make_addresses(rng: np.random.Generator, n: int) -> tuple[list[str], list[str], list[str], list[str]]:
    """Road-name addresses (``서울특별시 강남구 테헤란로 152``), unit details, 5-digit postcodes, 시/도."""
    weights = np.array([d.weight for d in DISTRICTS], dtype=float)
    which = rng.choice(len(DISTRICTS), n, p=weights / weights.sum()).tolist()
    road_pick = rng.integers(0, 1000, n).tolist()
    numbers = np.where(rng.random(n) < 0.8, rng.integers(1, 400, n), rng.integers(400, 900, n)).tolist()
    apt = rng.random(n) < 0.7
    dong = rng.integers(101, 116, n).tolist()
    floor_no = rng.integers(1, 26, n).tolist()
    unit = rng.integers(1, 5, n).tolist()
    apt_names = pick(rng, APARTMENTS, n)
    villas = pick(rng, VILLAS, n)
    zip_tail = rng.integers(0, 1000, n).tolist()
    address, detail, zips, sidos = [], [], [], []
    for i, d in enumerate(which):
        district = DISTRICTS[d]
        road = district.roads[road_pick[i] % len(district.roads)]
        area = f"{district.sido} {district.sigungu}" if district.sigungu else district.sido
        address.append(f"{area} {road} {numbers[i]}")
        if apt[i]:
            detail.append(f"{apt_names[i]} {dong[i]}동 {floor_no[i]}{unit[i]:02d}호")
        else:
            detail.append(f"{villas[i]} {min(floor_no[i], 5)}{unit[i]:02d}호")
        zips.append(f"{district.zip_prefix}{zip_tail[i]:03d}")
        sidos.append(district.sido)
    return address, detail, zips, sidos
