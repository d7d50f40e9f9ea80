"""Building blocks shared by the policy and the law models: strict models, bilingual text, periods, refs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any

from dateutil.relativedelta import relativedelta
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, WithJsonSchema

_PERIOD = re.compile(r"^(?:(\d+)y)?(?:(\d+)m)?(?:(\d+)d)?$")
PERIOD_PATTERN = r"^(?=\d)(\d+y)?(\d+m)?(\d+d)?$"
# A section of the published policy: "4", "4.g", "6.b", or deeper ("3.2.1") for other organisations' policies.
REF_PATTERN = r"^[0-9]+(\.[0-9a-z]+)*$"
# An identifier written by hand in YAML: lower case, digits and underscores or dashes.
ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
CATEGORY_PATTERN = r"^[a-z_]+(\.[a-z_]+)*$"


class StrictModel(BaseModel):
    """A frozen model that rejects unknown keys, so a typo in a policy file is an error, never silence."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(StrictModel):
    """A label in both languages the reports speak."""

    ko: str
    en: str

    def in_lang(self, lang: str) -> str:
        """Return the label in ``lang`` (``ko`` or ``en``); English for anything else."""
        return self.ko if lang == "ko" else self.en


class Period(StrictModel):
    """A retention period: ``10y``, ``6m``, ``90d``, ``1y6m``, or ``0d`` (destroy when the clock starts)."""

    years: int = Field(default=0, ge=0)
    months: int = Field(default=0, ge=0)
    days: int = Field(default=0, ge=0)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse ``10y`` / ``6m`` / ``90d`` / ``1y6m15d``: units in that order, each at most once.

        Raises:
            ValueError: the text is not such a period; the message shows the accepted forms.

        """
        m = _PERIOD.match(text.strip())
        if not m or not any(m.groups()):
            raise ValueError(f"period {text!r} must look like 10y, 6m, 90d or 1y6m (years, months, days)")
        years, months, days = (int(g) if g else 0 for g in m.groups())
        return cls(years=years, months=months, days=days)

    def words(self, lang: str) -> str:
        """Write ``1y6m`` as "1 year 6 months" (en) or "1년 6개월" (ko); ``0d`` as "0 days" / "0일"."""
        parts: list[str] = []
        for value, en, ko in (
            (self.years, "year", "년"),
            (self.months, "month", "개월"),
            (self.days, "day", "일"),
        ):
            if value:
                parts.append(f"{value}{ko}" if lang == "ko" else f"{value} {en}{'s' if value != 1 else ''}")
        return " ".join(parts) or ("0일" if lang == "ko" else "0 days")

    def before(self, day: date) -> date:
        """Return the date this period before ``day``, in calendar arithmetic (leap years included)."""
        return day - relativedelta(years=self.years, months=self.months, days=self.days)

    def after(self, day: date) -> date:
        """Return the date this period after ``day``: when a clock started on ``day`` runs out."""
        return day + relativedelta(years=self.years, months=self.months, days=self.days)

    def is_shorter_than(self, other: Period) -> bool:
        """Whether this period ends before ``other`` when both start on the same day.

        Compared from a fixed day so that ``12m`` equals ``1y`` and months of different lengths do not flip
        the answer from one run to the next.
        """
        start = date(2001, 1, 1)
        return self.after(start) < other.after(start)

    def __str__(self) -> str:
        parts = [f"{v}{u}" for v, u in ((self.years, "y"), (self.months, "m"), (self.days, "d")) if v]
        return "".join(parts) or "0d"


def _period_from_yaml(value: Any) -> Any:
    """Accept ``"10y"`` (the file form), a Period or its dict; refuse bare numbers, which have no unit."""
    if isinstance(value, str):
        return Period.parse(value)
    if isinstance(value, int | float):  # bool is an int too
        raise ValueError(f"period {value!r} has no unit: write {value}y, {value}m or {value}d")
    return value


PeriodField = Annotated[
    Period,
    BeforeValidator(_period_from_yaml),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": PERIOD_PATTERN,
            "examples": ["10y", "6m", "90d", "0d"],
            "description": "years (y), months (m), days (d), in that order: 10y, 6m, 1y6m, 0d",
        }
    ),
]


def _ref_from_yaml(value: Any) -> Any:
    """Accept ``ref: 10`` as ``"10"``; refuse ``ref: 4.1``, a float to YAML (and 4.10 would be 4.1)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        raise ValueError(f'section {value!r} was read as a number: write it in quotes, ref: "{value}"')
    return value


Ref = Annotated[
    str,
    Field(pattern=REF_PATTERN, description="section of the published policy, e.g. 4.g"),
    BeforeValidator(_ref_from_yaml),
]
Id = Annotated[str, Field(pattern=ID_PATTERN)]


def walk(model: BaseModel, path: str = "") -> Iterator[tuple[str, str, Any]]:
    """Yield ``(path, field name, value)`` for every field of ``model`` and of the models inside it.

    ``path`` is the dotted location of the model holding the field (``record_types[3].retention[0]``), the
    form error messages and lint findings use, so checks that look for a field anywhere (every ``ref``,
    every ``legal_basis``) need not know the shape of the schema.
    """
    for name in type(model).model_fields:
        value = getattr(model, name)
        yield path, name, value
        here = join_path(path, name)
        if isinstance(value, BaseModel):
            yield from walk(value, here)
        elif isinstance(value, list):
            for i, element in enumerate(value):
                if isinstance(element, BaseModel):
                    yield from walk(element, f"{here}[{i}]")


def join_path(path: str, name: str) -> str:
    """``path`` + ``.name``, without a leading dot at the top level."""
    return f"{path}.{name}" if path else name


def is_ref_field(name: str) -> bool:
    """Whether a field holds a section reference (``ref``, ``destruction_ref``)."""
    return name == "ref" or name.endswith("_ref")
