"""The access answer's words: laws cited as a person reads them, nothing repealed, no internal id."""

from __future__ import annotations

from datetime import date

import pytest

from enforce.access import article_words, cite
from policy.law import Law


@pytest.mark.parametrize(
    ("article", "ko"),
    [
        ("Art. 15(1)", "제15조제1항"),
        ("Art. 22-2", "제22조의2"),
        ("Art. 21(3)", "제21조제3항"),
        ("Art. 35", "제35조"),
    ],
)
def test_articles_in_korean(article: str, ko: str) -> None:
    assert article_words(article, "ko") == ko
    assert article_words(article, "en") == article


def test_a_repealed_provision_never_reaches_a_patient(law: Law) -> None:
    # Network Act Art. 29 (the 1-year dormancy rule) moved in 2020 and was deleted on 2023-09-15.
    assert cite(["network_act_29", "network_decree_16"], law, "ko", date(2025, 3, 10)) == []
    assert cite(["medical_service_rule_15"], law, "ko", date(2025, 3, 10)) == ["의료법 시행규칙 제15조제1항"]


def test_an_unknown_id_is_left_out_not_shown(law: Law) -> None:
    assert cite(["no_such_law"], law, "en", date(2025, 3, 10)) == []


def test_a_whole_act_is_cited_without_a_dangling_space(law: Law) -> None:
    assert cite(["credit_information_act"], law, "ko", date(2025, 3, 10)) == [
        "신용정보의 이용 및 보호에 관한 법률"
    ]
