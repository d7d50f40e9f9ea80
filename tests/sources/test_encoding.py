"""Text exports decode by themselves: UTF-8 (with or without BOM), CP949/EUC-KR, UTF-16."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sources.files.encoding import UnknownEncodingError, decodes, detect_encoding

HANGUL = '홍길동,01012345678,900101-1234568,서울특별시 강남구 압구정로 "성형외과"\n'

# Hangul syllables CP949 can encode (KS X 1001's 2,350) plus ASCII: the text a Korean Excel export holds.
KS_HANGUL = st.sampled_from([chr(c) for c in range(0xAC00, 0xD7A4) if chr(c).encode("cp949", "ignore")])
KOREAN_TEXT = st.lists(st.one_of(KS_HANGUL, st.characters(min_codepoint=32, max_codepoint=126)), max_size=300)


@pytest.mark.parametrize(
    ("encoding", "detected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("cp949", "cp949"),
        ("euc-kr", "cp949"),
        ("utf-16", "utf-16"),
    ],
)
def test_each_encoding_is_detected(tmp_path: Path, encoding: str, detected: str) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(HANGUL.encode(encoding))
    assert detect_encoding(path) == detected
    assert path.read_bytes().decode(detected).lstrip("\ufeff") == HANGUL


def test_hangul_after_a_megabyte_of_ascii_is_still_found(tmp_path: Path) -> None:
    path = tmp_path / "late.csv"
    path.write_bytes(b"a,b\n" * 400_000 + HANGUL.encode("cp949"))
    assert detect_encoding(path) == "cp949"


def test_bytes_no_candidate_decodes_are_an_error_or_decode_exactly(tmp_path: Path) -> None:
    path = tmp_path / "binary.csv"
    path.write_bytes(bytes(range(256)) * 10)
    try:
        found = detect_encoding(path)
    except UnknownEncodingError:
        return
    assert decodes(path, found)  # a guess is only accepted when it decodes every byte


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@settings(max_examples=60, deadline=None)
@given(chars=KOREAN_TEXT, encoding=st.sampled_from(["utf-8", "cp949", "utf-8-sig"]))
def test_detected_encoding_round_trips_any_korean_text(
    tmp_path_factory: pytest.TempPathFactory, chars: list[str], encoding: str
) -> None:
    text = "".join(chars)
    if encoding == "cp949":
        # Some cp949 syllables are also valid UTF-8 (흢 = C5 82 = ł): bytes that are both are ambiguous to any
        # detector, and the ladder reads them as UTF-8 by design. Real text is almost never both.
        encoded = text.encode("cp949")
        assume(text.isascii() or not _is_utf8(encoded))
    path = tmp_path_factory.mktemp("enc") / "t.csv"
    path.write_bytes(text.encode(encoding))
    assert path.read_bytes().decode(detect_encoding(path)).lstrip("\ufeff") == text.lstrip("\ufeff")
