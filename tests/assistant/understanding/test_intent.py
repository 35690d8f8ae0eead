"""The kind of answer a question wants, and what it is about, as the parser reads them."""

from __future__ import annotations

import pytest

from assistant.core.datatypes import AnswerKind
from assistant.knowledge.gazetteer import Gazetteer
from assistant.understanding.parser import parse_question


def _parse(question: str):
    return parse_question(question, Gazetteer.builtin(), reference_year=2024)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("赣州2024年GDP增长目标是多少？", AnswerKind.FIGURE),
        ("What was Ganzhou's 2024 GDP target?", AnswerKind.FIGURE),
        ("赣州2024年新建多少个博物馆？", AnswerKind.FIGURE),
        ("How many museums will Ganzhou build in 2024?", AnswerKind.FIGURE),
        ("青山湖区2023年财政收入完成情况如何？", AnswerKind.FIGURE),  # an indicator's state is its figure
        ("How did Hailar's GDP grow in 2012?", AnswerKind.FIGURE),
        ("What did the total deposits and loans of Ganzhou's financial institutions exceed in 2023?", AnswerKind.FIGURE),
        ("萍乡2024年有哪些重点工作？", AnswerKind.PASSAGES),
        ("珠山区2024年怎么优化营商环境？", AnswerKind.PASSAGES),
        ("赣州2024年的地铁建设计划是什么？", AnswerKind.PASSAGES),
        ("赣州2024年打算怎么加快数字经济发展？", AnswerKind.PASSAGES),
        ("2024年在数字经济创新发展方面有哪些部署？", AnswerKind.PASSAGES),  # 哪些 alone compares nothing
        ("How does Guizhou plan to attract investment in 2025?", AnswerKind.PASSAGES),
        ("What are Ganzhou's main tasks for 2024?", AnswerKind.PASSAGES),
        ("海拉尔区2016年GDP增长目标完成了吗？", AnswerKind.STATUS),
        ("2016年哪些地区完成了GDP目标", AnswerKind.STATUS),
        ("Did Hailar meet its 2014 fiscal revenue target?", AnswerKind.STATUS),
        ("Did Ganzhou keep its 2023 unemployment rate below the target?", AnswerKind.STATUS),
        ("Was inflation in 2019 within the government's target?", AnswerKind.STATUS),
        ("海拉尔区2012到2019年GDP增速", AnswerKind.SERIES),
        ("海拉尔区历年GDP增长目标与实际", AnswerKind.SERIES),
        ("2024年各地GDP增长目标对比", AnswerKind.COMPARISON),
        ("赣州和萍乡2024年GDP增长目标", AnswerKind.COMPARISON),  # two places and an indicator
        ("萍乡与长沙的合作取得了哪些进展？", AnswerKind.PASSAGES),  # two places, nothing to compare
        ("哪个地区2024年社会消费品零售总额增长目标最高", AnswerKind.COMPARISON),
        ("2018年和2019年的GDP增长目标分别是多少？", AnswerKind.FIGURE),  # two years are two figures, not a series
    ],
)
def test_the_kind_of_answer_a_question_wants(question: str, kind: AnswerKind) -> None:
    assert _parse(question).answer_kind is kind


@pytest.mark.parametrize(
    ("question", "topic", "counted"),
    [
        ("赣州2024年新建多少个博物馆？", ("博物馆",), "博物馆"),
        ("How many museums will Ganzhou build in 2024?", ("博物馆",), "博物馆"),
        ("赣州2024年老旧小区要加装多少部电梯？", ("老旧小区", "电梯"), "电梯"),
        ("萍乡2024年新增规模以上工业企业多少家", ("规模以上工业企业",), "规模以上工业企业"),
        ("2025年财政赤字规模是多少？", ("财政赤字",), "财政赤字"),
    ],
)
def test_the_topic_leaves_out_actions_amounts_and_generic_words(question: str, topic: tuple, counted: str) -> None:
    parsed = _parse(question)
    assert parsed.topic == topic
    assert parsed.counted == counted


def test_generic_words_are_aspects_and_a_topic_phrase_keeps_the_question_s_wording() -> None:
    parsed = _parse("萍乡2024年有哪些重点工作？")
    assert parsed.topic == ()
    assert "重点工作" in parsed.aspects
    assert _parse("萍乡2024年怎么做实产业招商？").topic_phrase == "做实产业招商"


def test_english_words_the_glossary_cannot_translate_are_kept_as_untranslated() -> None:
    parsed = _parse("How many zeppelin hangars will Ganzhou build in 2024?")
    assert "zeppelin" in parsed.untranslated


def test_an_amount_of_money_is_wanted_in_yuan() -> None:
    assert _parse("萍乡2024年力争实施产业项目的投资额是多少？").wanted.unit == "元"


def test_relative_years_count_from_the_asked_region_s_latest_report() -> None:
    parsed = parse_question(
        "赣州今年要办哪些民生实事？", Gazetteer.builtin(), reference_year=2025,
        latest_year=lambda region: 2024 if region == "赣州市" else None,
    )
    assert parsed.years == (2024,)
