"""KCD / ICD-10 diagnosis codes: code -> 3-character category -> chapter -> suppressed.

The Korean Standard Classification of Diseases (KCD) follows ICD-10's letters and chapters; codes are written
``L90.5``, ``L905`` or ``l90.5`` and are normalised to ``L90.5``. Anything that is not a code becomes
``(invalid)`` so free text typed into a code field never reaches the output.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from deid.hierarchies.base import Hierarchy, HierarchyOptions, Level, PrepareContext

INVALID = "(invalid)"

# (first category, last category, chapter) in ICD-10 order; KCD keeps the same chapters.
CHAPTERS: tuple[tuple[str, str, str], ...] = (
    ("A00", "B99", "I"),
    ("C00", "D48", "II"),
    ("D50", "D89", "III"),
    ("E00", "E90", "IV"),
    ("F00", "F99", "V"),
    ("G00", "G99", "VI"),
    ("H00", "H59", "VII"),
    ("H60", "H95", "VIII"),
    ("I00", "I99", "IX"),
    ("J00", "J99", "X"),
    ("K00", "K93", "XI"),
    ("L00", "L99", "XII"),
    ("M00", "M99", "XIII"),
    ("N00", "N99", "XIV"),
    ("O00", "O99", "XV"),
    ("P00", "P96", "XVI"),
    ("Q00", "Q99", "XVII"),
    ("R00", "R99", "XVIII"),
    ("S00", "T98", "XIX"),
    ("V01", "Y98", "XX"),
    ("Z00", "Z99", "XXI"),
    ("U00", "U99", "XXII"),
)


def normalize_codes(values: pd.Series) -> pd.Series:
    """``L90.5`` form; ``(invalid)`` for non-codes; NA stays NA."""
    text = values.astype("string").str.upper().str.replace(r"[\s.]", "", regex=True)
    ok = text.str.fullmatch(r"[A-Z]\d{2}[0-9A-Z]{0,4}").fillna(False).astype(bool)
    tail = text.str.slice(3)
    code = text.str.slice(0, 3) + ("." + tail).where(tail.str.len() > 0, "")
    out = code.where(ok, INVALID)
    return out.where(values.notna()).astype("string")


def chapter_of(categories: pd.Series) -> pd.Series:
    """Return the roman-numeral chapter with its range (``XII (L00-L99)``) of 3-character categories."""
    firsts = np.array([c[0] for c in CHAPTERS])
    lasts = np.array([c[1] for c in CHAPTERS])
    names = np.array([f"{roman} ({first}-{last})" for first, last, roman in CHAPTERS], dtype=object)
    cats = categories.astype("string")
    text = cats.fillna("").to_numpy(dtype=object).astype(str)
    valid = cats.str.fullmatch(r"[A-Z]\d{2}").fillna(False).astype(bool).to_numpy()
    order = np.argsort(firsts)
    pos = np.searchsorted(firsts[order], text, side="right") - 1
    chapter = order[np.clip(pos, 0, None)]
    inside = valid & (pos >= 0) & (text <= lasts[chapter])
    out = np.where(inside, names[chapter], INVALID)
    result = pd.Series(out, index=categories.index, dtype="string")
    return result.where(cats.notna())


def _code(values: pd.Series) -> pd.Series:
    return values.astype("string")


def _category(values: pd.Series) -> pd.Series:
    v = values.astype("string")
    return v.where(v == INVALID, v.str.slice(0, 3)).astype("string")


def _chapter(values: pd.Series) -> pd.Series:
    return chapter_of(_category(values))


class KcdHierarchy(Hierarchy):
    """KCD-8 / ICD-10 codes."""

    name = "kcd"
    description = "KCD/ICD-10 code -> 3-character category -> chapter -> suppressed"
    level_names = ("code", "category", "chapter")

    def prepare(self, ctx: PrepareContext) -> pd.Series:
        """Normalised codes."""
        return normalize_codes(ctx.values)

    def levels(self, options: HierarchyOptions) -> tuple[Level, ...]:
        """Code, category, chapter."""
        invalid = r"|\(invalid\)"
        return (
            Level("code", _code, rf"^([A-Z]\d{{2}}(\.[0-9A-Z]{{1,4}})?{invalid})$"),
            Level("category", _category, rf"^([A-Z]\d{{2}}{invalid})$"),
            Level("chapter", _chapter, rf"^([IVX]+ \([A-Z]\d{{2}}-[A-Z]\d{{2}}\){invalid})$"),
        )
