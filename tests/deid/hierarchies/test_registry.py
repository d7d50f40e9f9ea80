import pandas as pd
import pytest

from deid.hierarchies import (
    Hierarchy,
    HierarchyOptions,
    Level,
    PrepareContext,
    hierarchy_names,
    register_hierarchy,
)
from deid.spec import parse_spec
from tests.deid.conftest import BASE_SPEC


def test_shipped_hierarchies():
    assert {"age", "age_rrn", "sex", "sex_rrn", "region", "date", "kcd", "procedure"} <= set(
        hierarchy_names()
    )


class BloodType(Hierarchy):
    name = "blood_type_test"
    description = "ABO/Rh -> ABO"
    level_names = ("type", "abo")

    def prepare(self, ctx: PrepareContext) -> pd.Series:
        return ctx.values.astype("string").str.upper()

    def levels(self, options: HierarchyOptions) -> tuple[Level, ...]:
        return (
            Level("type", lambda v: v, r"^(A|B|AB|O)[+-]$"),
            Level("abo", lambda v: v.str.rstrip("+-"), r"^(A|B|AB|O)$"),
        )


def test_a_registered_hierarchy_can_be_named_in_the_spec():
    register_hierarchy(BloodType(), replace=True)
    data = {
        **BASE_SPEC,
        "columns": {
            **BASE_SPEC["columns"],
            "blood": {"role": "quasi_identifier", "hierarchy": "blood_type_test", "max_level": "abo"},
        },
    }
    spec = parse_spec(data)
    assert spec.columns["blood"].level_range() == (0, 1)


def test_a_name_cannot_be_taken_twice_by_accident():
    register_hierarchy(BloodType(), replace=True)
    with pytest.raises(ValueError, match="already registered"):
        register_hierarchy(BloodType())
