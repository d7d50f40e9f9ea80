import pytest

from tests.deid.hierarchies.helpers import generalize


@pytest.mark.parametrize(
    ("code", "normalized", "category", "chapter"),
    [
        ("L90.5", "L90.5", "L90", "XII (L00-L99)"),
        ("l905", "L90.5", "L90", "XII (L00-L99)"),
        ("H02.8", "H02.8", "H02", "VII (H00-H59)"),
        ("H61.2", "H61.2", "H61", "VIII (H60-H95)"),
        ("D50.0", "D50.0", "D50", "III (D50-D89)"),
        ("D48", "D48", "D48", "II (C00-D48)"),
        ("T85.4", "T85.4", "T85", "XIX (S00-T98)"),
        ("U07.1", "U07.1", "U07", "XXII (U00-U99)"),
        ("Z41.1", "Z41.1", "Z41", "XXI (Z00-Z99)"),
    ],
)
def test_kcd_levels(code, normalized, category, chapter):
    assert generalize("kcd", [code], "code") == [normalized]
    assert generalize("kcd", [code], "category") == [category]
    assert generalize("kcd", [code], "chapter") == [chapter]


@pytest.mark.parametrize("text", ["김민수 상담", "123", "LL9"])
def test_non_codes_never_reach_the_output(text):
    assert {generalize("kcd", [text], lv)[0] for lv in ("code", "category", "chapter")} == {"(invalid)"}


def test_missing_stays_missing():
    assert generalize("kcd", [None], "chapter") == [None]
