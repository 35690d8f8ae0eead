"""Every figure knows the year and kind it is for."""

from __future__ import annotations

import pytest

from assistant.core.datatypes import Kind
from assistant.knowledge.periods import announced_kind, period_of, spans_years, years_said


@pytest.mark.parametrize(
    ("around", "headings", "report_year", "expected"),
    [
        (["全年GDP增长5.3%左右"], ["2023 成就鼓舞人心"], 2024, (Kind.ACTUAL, 2023)),  # a year heading, review
        (["GDP增长6%左右"], ["◆主要目标", "2024 蓝图催人奋进"], 2024, (Kind.TARGET, 2024)),
        (["城镇调查失业率全年控制在5.5%以内"], [], 2022, (Kind.TARGET, 2022)),  # 控制在 is a target, 全年 notwithstanding
        (["地区生产总值增长7.2%"], ["一、2016年工作回顾"], 2017, (Kind.ACTUAL, 2016)),
        (["预计全年地区生产总值同比增长3.5%左右"], [], 2024, (Kind.ESTIMATE, 2023)),
        (["到2025年数字经济核心产业增加值占比达到10%"], [], 2021, (Kind.TARGET, 2025)),
        (["2023年1至11月，规模以上工业增加值增长8.4%"], [], 2024, (Kind.ACTUAL, 2023)),
        (["地区生产总值增长5.5%左右"], ["2023年国民经济和社会发展计划执行情况与2024年计划草案的报告"], 2024, (None, None)),
    ],
)
def test_period_of_a_figure(around, headings, report_year, expected) -> None:
    assert period_of(around, headings, report_year) == expected


def test_a_bulletin_states_its_own_year_s_results() -> None:
    assert period_of(["全年粮食产量达到215.3亿斤"], [], 2022, "统计公报") == (Kind.ACTUAL, 2022)


def test_amounts_and_base_years_are_no_years() -> None:
    assert years_said("清理闲置低效土地2000亩，引进2000万元以上项目") == []
    assert years_said("比2020年增长5%") == []
    assert [y for _, y in years_said("2023年实现增长")] == [2023]
    assert [y for _, y in years_said("2023 成就鼓舞人心", heading=True)] == [2023]


def test_five_year_figures_are_not_one_year_s() -> None:
    assert spans_years(["年均增长7.1%"], [])
    assert spans_years(["城镇新增就业6600万人以上"], [], paragraph="五年来，就业持续增加。")
    assert spans_years(["单位国内生产总值能耗下降15%"], ["二、“十三五”时期主要目标任务和重大举措"])
    assert not spans_years(["刚刚过去的2017年，城镇新增就业1351万人"], [], paragraph="五年来，就业持续增加。")
    assert not spans_years(["累计投放消费券3479万元"], [])  # a year's running total


def test_a_review_of_one_year_and_its_five_year_plan_dates_figures_by_the_year():
    heading = ["二是推动全省经济运行稳中有进", "一、2025年和“十四五”时期工作回顾"]
    assert not spans_years(["地区生产总值增长3.9%"], heading)
    assert spans_years(["地区生产总值年均增长5.1%"], heading)
    assert spans_years(["地区生产总值增长3.9%"], heading, paragraph="五年来，地区生产总值")
    assert spans_years(["地区生产总值增长3.9%"], ["一、“十四五”时期工作回顾"])
    assert not spans_years(["完成地区生产总值32765亿元、增长4.1%"], ["一、“十四五”时期和2025年工作回顾"])
    assert not spans_years(["实现地区生产总值67665亿元，增长5.5%"], ["一、2025年工作回顾和“十四五”发展主要成就"])
    assert spans_years(["单位GDP能耗下降13.5%"], ["二、“十四五”时期经济社会发展主要目标和2035年远景目标"])


def test_a_run_of_years_said_of_a_figure_is_several_years_but_only_in_its_own_sentence() -> None:
    assert spans_years(["粮食产量连年稳定在1.3万亿斤以上"], [])
    assert spans_years(["连续8年稳定在1.3万亿斤以上", "粮食产量连续8年稳定在1.3万亿斤以上。"], [])
    assert not spans_years(["累计投放消费券3479万元"], [], paragraph="连续5年成功承办江西省优质稻种业大会。")


def test_a_word_that_plans_in_a_plan_tells_a_result_under_a_review_heading() -> None:
    review = ["一、2013年工作回顾"]
    assert period_of(["居民消费价格涨幅控制在2.6%"], review, 2014, "政府工作报告") == (Kind.ACTUAL, 2013)
    assert period_of(["物价涨幅控制在3.5%左右的预期目标以内"], review, 2014, "政府工作报告")[0] is Kind.TARGET
    plan = ["二、2014年工作总体部署"]
    assert period_of(["居民消费价格涨幅控制在3.5%左右"], plan, 2014, "政府工作报告") == (Kind.TARGET, 2014)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("全面实现年初确定的主要目标，国内生产总值增长7.8%", Kind.ACTUAL),
        ("主要目标任务圆满完成，地区生产总值增长6%", Kind.ACTUAL),
        ("为实现上述目标，地区生产总值增长6%左右", Kind.TARGET),
        ("力争完成全年目标任务，地区生产总值增长6%左右", Kind.TARGET),
        ("今年发展的主要预期目标是：国内生产总值增长5%左右", Kind.TARGET),
    ],
)
def test_a_target_said_to_be_met_announces_a_result(text, kind):
    assert announced_kind(text) is kind


def test_a_year_named_by_its_place_in_the_plan_period_is_one_year():
    paragraph = "今年是“十五五”起步之年，我们要……确保“十五五”良好开局。"
    around = ("主要预期目标是：地区生产总值增长5%以上", "主要预期目标是：地区生产总值增长5%以上，一般公共预算收入增长2%左右")
    assert not spans_years(around, ("三、2026年主要工作",), paragraph)
    assert spans_years(around, ("三、2026年主要工作",), "“十五五”时期，我们要……")
