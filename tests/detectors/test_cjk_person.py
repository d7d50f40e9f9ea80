import pytest
from hypothesis import given
from hypothesis import strategies as st

from detectors.analyzer import analyze_text
from detectors.recognizers.cjk_person import CjkNameRecognizer

RECOGNIZER = CjkNameRecognizer()


@pytest.mark.parametrize(
    "text, value, score",
    [
        ("王丽", "王丽", 0.3),
        ("李娜芳", "李娜芳", 0.3),
        ("田中 優希", "田中 優希", 0.3),
        ("佐々木希", "佐々木希", 0.3),
        ("金民洙", "金民洙", 0.3),  # a Korean name in Hanja
        ("李娜小姐", "李娜", 0.3),
        ("タナカ ユキ", "タナカ ユキ", 0.1),
        ("たかはし れん", "たかはし れん", 0.1),
        ("患者王丽芳女士来院复诊。", "王丽芳", 0.5),
        ("姓名：张伟", "张伟", 0.5),
        ("田中様がご来院", "田中", 0.5),
    ],
)
def test_finds_han_and_kana_names(text: str, value: str, score: float, spans, prefilter_hit) -> None:
    assert spans(RECOGNIZER, text) == [(value, score)]
    assert prefilter_hit(RECOGNIZER.PREFILTER, text)


@pytest.mark.parametrize(
    "text",
    [
        "术后一周内避免桑拿。",
        "下次预约请提前一天确认。",
        "中国",
        "東京駅",
        "已告知注意事项。",
        "王",
        "アイパッド",
    ],
)
def test_ignores_other_cjk_text(text: str, spans) -> None:
    assert spans(RECOGNIZER, text) == []


def test_a_cell_alone_needs_a_name_column() -> None:
    def reported(column: str, text: str) -> bool:
        return any(r.entity_type == "PERSON" and r.score >= 0.4 for r in analyze_text(text, context=[column]))

    assert reported("name_local", "王丽") and reported("姓名", "タナカ ユキ")
    assert not reported("stay_hotel", "王府")


@given(text=st.text(alphabet="王李田中様女士患者丽娜タナカユキ 。", max_size=12))
def test_prefilter_covers_every_hit(text: str, superset) -> None:
    superset(RECOGNIZER, text)
