"""A question that names a document by its subject, over plans whose text has no title line.

Policy documents often say what they are about only in their opening ("现就推进智慧养老服务提出如下
意见"); the passages that answer ("重点任务……") share no word with the question. The named-document
ranking searches inside the few documents whose opening names the question's topic, and a figure
counts what the question counts even when its subject is named in the sentence before
("……开展适老化改造。到2031年，力争培育200家企业……"). Made-up plans, the fake embedder.
"""

from __future__ import annotations

import pytest

from assistant.api import Assistant
from assistant.retrieval.retrievers import focus_retriever
from tests.fakes.corpus import assistant_over

SUBJECTS = {
    "plan_01.txt": ("智慧养老服务", "适老化改造", 200),
    "plan_02.txt": ("冷链物流网络", "冷库建设", 150),
    "plan_03.txt": ("海洋牧场建设", "深远海养殖", 120),
    "plan_04.txt": ("氢能产业发展", "加氢站布局", 90),
    "plan_05.txt": ("古籍保护利用", "数字化修复", 60),
    "plan_06.txt": ("县域商业体系", "乡镇商贸中心", 300),
    "plan_07.txt": ("智能网联汽车", "车路协同", 80),
    "plan_08.txt": ("绿色建材下乡", "装配式农房", 110),
    "plan_09.txt": ("文旅融合发展", "夜间消费街区", 70),
    "plan_10.txt": ("中医药传承创新", "中药材种植", 130),
    "plan_11.txt": ("工业互联网平台", "企业上云", 250),
    "plan_12.txt": ("农村供水保障", "规模化供水", 40),
}
TASKS = ("加快制定关键技术规范", "开展试点示范", "搭建公共服务平台")  # sentences under 重点任务


def _plan(subject: str, task: str, firms: int) -> str:
    # Every plan has the same tasks in the same words; only the opening and the numbers differ.
    return (
        f"为贯彻落实国家有关部署，现就推进{subject}提出如下意见。\n"
        "一、总体要求\n"
        "坚持统筹谋划、分类施策、重点突破，形成上下联动的工作格局。\n"
        "二、重点任务\n"
        "（一）完善标准体系。加快制定关键技术规范，开展标准宣贯培训。\n"
        f"（二）强化示范带动。围绕{task}开展试点示范。到2031年，力争培育{firms}家企业达到示范标准。\n"
        "（三）健全服务平台。搭建公共服务平台，提供检验检测、人才培训等服务。\n"
        "三、保障措施\n"
        "加强组织领导，加大资金支持，强化督促检查。\n"
    )


@pytest.fixture(scope="module")
def bot(tmp_path_factory) -> Assistant:
    plans = {name: _plan(subject, task, firms) for name, (subject, task, firms) in SUBJECTS.items()}
    return assistant_over(plans, tmp_path_factory, "plans")


def test_the_named_document_ranking_keeps_to_the_documents_whose_opening_names_the_topic(bot):
    parsed = bot.parse("推进海洋牧场建设的意见有哪些重点任务？")
    found = focus_retriever(bot.indexer, parsed.topic)("重点任务", None, 10)
    assert found and {p.source for p in found} == {"plan_03.txt"}


def test_a_topic_many_documents_open_with_names_no_document(bot):
    found = focus_retriever(bot.indexer, ("贯彻落实", "部署"))("重点任务", None, 10)
    assert found == []


@pytest.mark.parametrize("name", sorted(SUBJECTS))
def test_a_what_question_is_answered_from_the_document_it_names(bot, name):
    subject = SUBJECTS[name][0]
    answer = bot.answer(f"推进{subject}的意见有哪些重点任务？")
    assert not answer.abstained
    assert answer.citations and {c.source for c in answer.citations} == {name}
    assert any(task in citation.quote for citation in answer.citations for task in TASKS), answer.text


@pytest.mark.parametrize("name", sorted(SUBJECTS))
def test_a_figure_whose_subject_is_named_in_the_sentence_before_is_read(bot, name):
    _subject, task, firms = SUBJECTS[name]
    answer = bot.answer(f"围绕{task}，到2031年力争培育多少家企业达到示范标准？")
    assert not answer.abstained, answer.text
    assert f"{firms}家" in answer.text and answer.citations[0].source == name
