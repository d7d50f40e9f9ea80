import pytest

from tests.deid.hierarchies.helpers import generalize


@pytest.mark.parametrize(
    ("name", "area"),
    [
        ("쌍꺼풀 수술", "눈"),
        ("비절개 눈매교정", "눈"),
        ("눈밑지방 재배치", "눈"),
        ("코성형", "코"),
        ("융비술(실리콘)", "코"),
        ("콧볼 축소", "코"),
        ("안면윤곽 3종", "얼굴윤곽"),
        ("사각턱 축소술", "얼굴윤곽"),
        ("지방흡입 (허벅지)", "체형"),
        ("가슴확대", "가슴"),
        ("유방 축소", "가슴"),
        ("보톡스", "피부·리프팅"),
        ("모발이식", "모발"),
        ("상담만", "기타"),
    ],
)
def test_procedure_to_body_area(name, area):
    assert generalize("procedure", [name], "area") == [area]


def test_extra_terms_come_first_and_may_add_areas():
    assert generalize(
        "procedure", ["귀족수술", "코성형"], "area", {"extra_terms": {"귀족": "코", "귀": "귀"}}
    ) == ["코", "코"]
    assert generalize("procedure", ["귀 성형"], "area", {"extra_terms": {"귀": "귀"}}) == ["귀"]


def test_procedure_level_normalises_spaces():
    assert generalize("procedure", ["  쌍꺼풀   수술 "], "procedure") == ["쌍꺼풀 수술"]
