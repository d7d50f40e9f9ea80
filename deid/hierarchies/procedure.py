"""Procedure names: procedure -> body area -> suppressed, with a small Korean plastic-surgery lexicon.

The area is the first lexicon keyword found in the (space-free) procedure name, in the lexicon's order, so
specific keywords (``눈밑지방``) come before general ones (``지방흡입``). A clinic adds its own terms with
``options.extra_terms`` (checked before the shipped ones). Names that match nothing fall in ``기타``.
"""

from __future__ import annotations

import pandas as pd
from pydantic import Field

from deid.hierarchies.base import Hierarchy, HierarchyOptions, Level, PrepareContext

OTHER_AREA = "기타"

# keyword -> body area, most specific first.
LEXICON: tuple[tuple[str, str], ...] = (
    ("눈밑지방", "눈"),
    ("쌍꺼풀", "눈"),
    ("쌍커풀", "눈"),
    ("눈매교정", "눈"),
    ("안검하수", "눈"),
    ("상안검", "눈"),
    ("하안검", "눈"),
    ("앞트임", "눈"),
    ("뒤트임", "눈"),
    ("밑트임", "눈"),
    ("눈", "눈"),
    ("코성형", "코"),
    ("융비술", "코"),
    ("콧볼", "코"),
    ("매부리코", "코"),
    ("코끝", "코"),
    ("비중격", "코"),
    ("코", "코"),
    ("안면윤곽", "얼굴윤곽"),
    ("사각턱", "얼굴윤곽"),
    ("광대", "얼굴윤곽"),
    ("턱끝", "얼굴윤곽"),
    ("양악", "얼굴윤곽"),
    ("윤곽", "얼굴윤곽"),
    ("턱", "얼굴윤곽"),
    ("가슴확대", "가슴"),
    ("가슴축소", "가슴"),
    ("유방확대", "가슴"),
    ("유방축소", "가슴"),
    ("유두", "가슴"),
    ("가슴", "가슴"),
    ("유방", "가슴"),
    ("지방흡입", "체형"),
    ("복부성형", "체형"),
    ("바디", "체형"),
    ("체형", "체형"),
    ("힙업", "체형"),
    ("안면거상", "피부·리프팅"),
    ("리프팅", "피부·리프팅"),
    ("보톡스", "피부·리프팅"),
    ("필러", "피부·리프팅"),
    ("레이저", "피부·리프팅"),
    ("피부", "피부·리프팅"),
    ("주름", "피부·리프팅"),
    ("모발이식", "모발"),
    ("헤어라인", "모발"),
)
AREAS: tuple[str, ...] = (*dict.fromkeys(area for _, area in LEXICON), OTHER_AREA)


class ProcedureOptions(HierarchyOptions):
    """``extra_terms``: keyword -> area, checked before the shipped lexicon (areas may be new ones)."""

    extra_terms: dict[str, str] = Field(default_factory=dict)


def body_areas(names: pd.Series, lexicon: tuple[tuple[str, str], ...] = LEXICON) -> pd.Series:
    """Return the body area of each procedure name (``기타`` when no keyword matches; NA stays NA)."""
    compact = names.astype("string").str.replace(r"\s+", "", regex=True)
    area = pd.Series(pd.NA, index=names.index, dtype="string")
    for keyword, target in lexicon:
        hit = area.isna() & compact.str.contains(keyword, regex=False).fillna(False).astype(bool)
        area[hit] = target
    return area.where(compact.isna(), area.fillna(OTHER_AREA))


def _name(values: pd.Series) -> pd.Series:
    return values.astype("string")


class ProcedureHierarchy(Hierarchy):
    """Procedure names generalized to the body area they treat."""

    name = "procedure"
    description = "procedure name -> body area (눈, 코, 얼굴윤곽, 가슴, 체형, ...) -> suppressed"
    level_names = ("procedure", "area")
    Options = ProcedureOptions

    def prepare(self, ctx: PrepareContext) -> pd.Series:
        """Names trimmed, with runs of spaces collapsed."""
        return ctx.values.astype("string").str.strip().str.replace(r"\s+", " ", regex=True)

    def levels(self, options: HierarchyOptions) -> tuple[Level, ...]:
        """Procedure, area."""
        assert isinstance(options, ProcedureOptions)
        lexicon = (*options.extra_terms.items(), *LEXICON)
        areas = "|".join(dict.fromkeys([*options.extra_terms.values(), *AREAS]))

        def area(values: pd.Series) -> pd.Series:
            return body_areas(values, lexicon)

        return (Level("procedure", _name, r"^.+$"), Level("area", area, rf"^({areas})$"))
