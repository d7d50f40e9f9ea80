"""The particle helper: 이/가, 은/는, 을/를, 과/와, (으)로 chosen as a person reading the word aloud would."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports.korean import PAIRS, attach, ko_format, particle

SEAM = re.compile(r"[이가은는을를과와]\([이가은는을를과와]\)|\(으\)로|\(이\)|\(을\)|\(를\)")

hangul = st.integers(0xAC00, 0xD7A3).map(chr)
hangul_words = st.text(hangul, min_size=1, max_size=8)


def _final(syllable: str) -> int:
    return (ord(syllable) - 0xAC00) % 28


@given(hangul_words)
def test_hangul_words_take_the_particle_of_their_last_syllable(word: str) -> None:
    final = _final(word[-1])
    assert attach(word, "이") == word + ("가" if final == 0 else "이")
    assert attach(word, "는") == word + ("는" if final == 0 else "은")
    assert attach(word, "를") == word + ("를" if final == 0 else "을")
    assert attach(word, "와") == word + ("와" if final == 0 else "과")
    assert attach(word, "로") == word + ("로" if final in (0, 8) else "으로")


@given(st.text(max_size=12), st.sampled_from([form for pair in PAIRS for form in pair]))
def test_no_input_ever_gives_a_seam(word: str, form: str) -> None:
    chosen = particle(word, form)
    assert chosen in {f for pair in PAIRS for f in pair}
    assert not SEAM.search(attach(word, form))


@given(hangul_words, st.text(st.characters(blacklist_characters="()"), max_size=10))
def test_a_bracketed_aside_is_not_read(word: str, aside: str) -> None:
    assert particle(f"{word}({aside})", "이") == particle(word, "이")
    assert particle(f"'{word}'", "은") == particle(word, "은")


_DIGITS = ["", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구"]


def _sino_korean(n: int) -> str:
    """Spell a number the way it is read: 12,000 -> 만이천 (the reference the helper is checked against)."""
    if n == 0:
        return "영"
    words = []
    for unit, myriad in zip(range(5), ["", "만", "억", "조", "경"], strict=True):
        group = n // 10 ** (4 * unit) % 10_000
        if not group:
            continue
        text = "".join(
            (_DIGITS[d] if d > 1 or p == 0 else "") + ["", "십", "백", "천"][p]
            for p, d in reversed(list(enumerate(int(c) for c in reversed(f"{group}"))))
            if d
        )
        words.append(text + myriad)
    return "".join(reversed(words))


@given(st.integers(0, 10**20 - 1))
def test_numbers_are_read_as_korean_numerals(n: int) -> None:
    reading = _sino_korean(n)
    assert particle(str(n), "이") == particle(reading, "이"), reading
    assert particle(f"{n:,}", "로") == particle(reading, "로"), reading


@pytest.mark.parametrize(
    ("word", "form", "expected"),
    [
        ("주민등록번호", "이", "주민등록번호가"),
        ("성명", "이", "성명이"),
        ("'tmp_export'", "은", "'tmp_export'는"),
        ("patients", "은", "patients는"),
        ("1", "이", "1이"),
        ("2", "이", "2가"),
        ("3", "이", "3이"),
        ("10", "이", "10이"),
        ("1,000", "을", "1,000을"),
        ("서울", "로", "서울로"),
        ("병원", "로", "병원으로"),
        ("회사", "로", "회사로"),
        ("7", "로", "7로"),
        ("6", "로", "6으로"),
        ("URL", "이", "URL이"),
        ("HTML", "로", "HTML로"),
        ("CRM", "와", "CRM과"),
        ("SSN", "은", "SSN은"),
        ("PDF", "를", "PDF를"),
        ("login", "이", "login이"),
        ("연락처(전화·이메일)", "이", "연락처(전화·이메일)가"),
        ("", "이", "가"),
    ],
)
def test_examples_a_reader_would_check(word: str, form: str, expected: str) -> None:
    assert attach(word, form) == expected


def test_ko_format_takes_the_particle_as_format_spec() -> None:
    text = ko_format(
        "{table:q은} {entity:을} 담고 있으며 {n:,}건을 {dest:으로} 보냅니다",
        table="members",
        entity="주민등록번호",
        n=1200,
        dest="인포넷",
    )
    assert text == "'members'는 주민등록번호를 담고 있으며 1,200건을 인포넷으로 보냅니다"
    assert ko_format("{table:q}", table="x") == "'x'"
