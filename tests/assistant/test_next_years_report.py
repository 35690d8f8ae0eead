"""An actual is asked for a year: the next year's report states it in its review, without naming the
year ("过去一年……城镇新增就业1.2万人"), while the year's own report names the year and the indicator
in every passage. The report an explicit kind points to first gets a ranking of its own, so the review
is read. Made-up reports, the fake embedder.
"""

from __future__ import annotations

import pytest

from assistant.api import Assistant
from assistant.core.datatypes import AnswerKind
from tests.fakes.corpus import assistant_over

PLAN_2030 = "甲市2030年政府工作报告\n" + "\n".join(
    f"（{n}）2030年城镇新增就业工作第{n}项安排：扎实推进第{n}批就业服务站建设，2030年城镇新增就业工作要抓实抓细。"
    for n in range(1, 41)
) + "\n2030年主要预期目标：城镇新增就业1.5万人以上。\n"
REVIEW_2031 = (
    "甲市2031年政府工作报告\n一、过去一年工作回顾\n"
    "过去一年，全市经济运行稳中向好，城镇新增就业1.2万人，居民收入稳步增长。\n"
    "二、今年工作安排\n今年城镇新增就业1.6万人以上。\n"
)


@pytest.fixture(scope="module")
def bot(tmp_path_factory) -> Assistant:
    reports = {"2030_甲市_政府工作报告.txt": PLAN_2030, "2031_甲市_政府工作报告.txt": REVIEW_2031}
    return assistant_over(reports, tmp_path_factory, "reports")


def test_an_explicit_actual_is_read_in_the_next_years_review(bot):
    answer = bot.answer("甲市2030年城镇新增就业实际是多少？")
    assert not answer.abstained, answer.text
    assert "1.2万人" in answer.text and "1.5万人" not in answer.text.splitlines()[0]
    assert answer.citations[0].source == "2031_甲市_政府工作报告.txt"


def test_a_document_questions_year_is_the_documents_own(bot):
    parsed = bot.parse("When was Jiashi's 2030 government work report delivered?")
    assert parsed.answer_kind is AnswerKind.DOCUMENT
    assert parsed.report_years() == (2030,)
