"""What a Korean personal name looks like.

Surname lexicon, given-name syllables, romanization, and the morphological check by kiwipiepy (whose model
ships on PyPI, so it works offline).
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

import regex

from detectors.recognizers.kr_address import SIDO
from detectors.recognizers.lexicon import alternation, load_terms

SURNAMES = frozenset(load_terms("surnames.txt"))
GIVEN_NAME_SYLLABLES = frozenset(load_terms("given_name_syllables.txt"))
# The 시·도 names too: 경기도 and 경상남도 have a name's shape, and an address whose road the address
# recognizer cannot read must not become a person's name.
NOT_NAMES = frozenset(load_terms("not_names.txt")) | frozenset(SIDO.split("|"))
ROMANIZED_SURNAMES = frozenset(load_terms("romanized_surnames.txt"))

SURNAME_FIRST_SYLLABLES = "".join(sorted({s[0] for s in SURNAMES}))
"""Every Hangul name starts with one of these syllables: the PERSON prefilter relies on it."""

# Titles and honorifics written after a name, then the particles that may follow.
HONORIFICS = (
    "환자분", "환자", "고객님", "고객", "보호자", "원장님", "원장", "선생님", "실장님", "실장", "간호사",
    "님", "씨", "군", "양",
)  # fmt: skip
PARTICLES = (
    "에게서", "께서", "에게", "한테", "이랑", "이가", "이는", "이를", "이의", "이에요", "입니다", "이다",
    "예요", "으로", "이", "가", "은", "는", "을", "를", "의", "께", "와", "과", "도", "만", "랑", "로",
)  # fmt: skip
LABELS = (
    "환자명", "환자", "성명", "성함", "이름", "고객명", "수진자", "보호자", "예약자", "신청자",
    "작성자", "담당자", "담당의", "담당", "소개자", "상담자", "집도의", "주치의", "name",
)  # fmt: skip

# Chart sentences end in a noun plus 함/됨/임 ('경미함', '안정됨'); adverbs add 히 ('원활히').
_PREDICATE_ENDINGS = "함됨임히"
# An administrative unit inside an address: after a province, city or district ('인천광역시 연수구',
# '충청남도 천안시') or in brackets after a building number ('중앙로 220-29 (송도동)').
_PLACE_UNITS = "시군구동읍면리"
_ADDRESS_BEFORE = regex.compile(
    r"(?:[가-힣](?:특별시|광역시|특별자치시|특별자치도|도|시|군|구)[ ]+|[0-9][ ]*\([ ]*)\Z"
)

_SUFFIX = regex.compile(
    r"\A(?P<honorific>" + alternation(HONORIFICS) + r")?(?:" + alternation(PARTICLES) + r")?\Z"
)
_LABEL_BEFORE = regex.compile(r"(?:" + alternation(LABELS) + r")[ ]*[:：]?[ ]*\Z", regex.IGNORECASE)
_TITLE_AFTER = regex.compile(r"\A[ ]?(?:" + alternation(HONORIFICS) + r")(?![가-힣])")

_ONSET = r"(?:kk|gg|tt|pp|bb|ss|jj|ch|sh|[gkndtrlmbpsjhcwy])?"
_VOWEL = r"(?:yeo|yae|wae|ae|eo|eu|ui|oe|wa|wo|we|wi|ya|ye|yo|yu|oo|ee|ou|a|e|i|o|u)"
_CODA = r"(?:ng|[kntlmp])?"
ROMANIZED_GIVEN_NAME = regex.compile(
    r"\A(?:" + _ONSET + _VOWEL + _CODA + r"){1,2}(?:[- ]?(?:" + _ONSET + _VOWEL + _CODA + r"){1,2})?\Z",
    regex.IGNORECASE,
)


def split_hangul_name(word: str) -> tuple[str, str] | None:
    """(surname, given name) when ``word`` is shaped like a Korean name, else None.

    A known surname (two-syllable ones such as 남궁, 황보 tried first) followed by one or two syllables that
    all occur in given names; words listed in ``not_names.txt`` (서울시, 원장, 경미) never qualify, nor
    does one of them plus a predicate ending (경미함, 안정됨).
    """
    if word in NOT_NAMES or (word[-1:] in _PREDICATE_ENDINGS and word[:-1] in NOT_NAMES):
        return None
    for surname in (word[:2], word[:1]):
        given = word[len(surname) :]
        if surname in SURNAMES and 1 <= len(given) <= 2 and all(s in GIVEN_NAME_SYLLABLES for s in given):
            return surname, given
    return None


def name_suffix_kind(rest: str) -> str | None:
    """Classify the Hangul that follows a name candidate.

    'honorific' (님, 씨, 환자 ...), 'particle' (가, 는, ...), 'none' (nothing follows), or None when it is
    no suffix, so the word is no name.
    """
    match = _SUFFIX.match(rest)
    if match is None:
        return None
    if match.group("honorific"):
        return "honorific"
    return "particle" if rest else "none"


def labelled_before(text_before: str) -> bool:
    """Check whether a label such as '성명:' or '환자' directly precedes the candidate."""
    return _LABEL_BEFORE.search(text_before[-12:]) is not None


def place_in_address(word: str, text_before: str) -> bool:
    """Check whether ``word`` is a district or town inside an address ('인천광역시 연수구', '(송도동)').

    Such units (연수구, 천안시, 송도동) have the shape of a name, and kiwipiepy tags them proper nouns.
    """
    return word[-1:] in _PLACE_UNITS and _ADDRESS_BEFORE.search(text_before[-24:]) is not None


def titled_after(text_after: str) -> bool:
    """Check whether a title follows as its own word ('정민호 원장님', '김민수 님')."""
    return _TITLE_AFTER.match(text_after) is not None


def romanized_name_ok(first: str, second: str) -> bool:
    """Check for 'Kim Minsu' / 'Minsu Kim' / 'KIM MIN-SU'.

    One part must be a romanized Korean surname, the other one or two romanized Korean syllables (so
    'John Smith' and 'Park Avenue' are no names).
    """
    if first.lower() in ROMANIZED_SURNAMES and ROMANIZED_GIVEN_NAME.match(second):
        return True
    return second.lower() in ROMANIZED_SURNAMES and ROMANIZED_GIVEN_NAME.match(first) is not None


@cache
def _kiwi() -> Any:
    from kiwipiepy import Kiwi  # imported lazily: loading the model takes about a second

    kiwi = Kiwi(num_workers=1)  # one short cell at a time: a worker pool only adds overhead
    kiwi.tokenize("모델을 미리 읽어 둡니다")  # the first call loads the language model (seconds)
    return kiwi


_NOUN_TAGS = frozenset({"NNP", "NNG", "NNB", "NR"})


@lru_cache(maxsize=4096)  # bounded: free-text notes can be long
def _tokens(text: str) -> tuple[tuple[int, int, str, bool], ...]:
    return tuple((t.start, t.start + t.len, t.tag, bool(t.oov)) for t in _kiwi().tokenize(text))


def analysed_as_name(text: str, start: int, end: int) -> bool:
    """Check whether kiwipiepy reads ``text[start:end]`` as a name.

    Either its first token is a proper noun (NNP) and nouns alone fill the span (김준호; 김정|남), or one
    noun the analyser does not know (out of vocabulary) covers exactly the span (이예원, 오중수): a dictionary
    word of the same shape (고민, 전문의, 조영제) is a known common noun and does not qualify.
    """
    inside = [(s, e, tag, oov) for s, e, tag, oov in _tokens(text) if s < end and e > start]
    if not inside or inside[0][0] != start or inside[-1][1] != end:
        return False
    if len(inside) == 1 and inside[0][3] and inside[0][2] in ("NNP", "NNG"):
        return True
    return inside[0][2] == "NNP" and all(tag in _NOUN_TAGS for _, _, tag, _ in inside)
