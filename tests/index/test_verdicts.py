"""Reports' words that last year's target was missed, where they give no figure."""

from __future__ import annotations

import pytest

from assistant.core.datatypes import Document, DocumentMeta, content_hash
from index.verdicts import extract_verdicts


def _doc(text: str, year: int = 2012) -> Document:
    return Document(content_hash(text), DocumentMeta(f"{year}_全国.txt", "", "全国", year=year), text)


@pytest.mark.parametrize(
    ("text", "year", "found"),
    [
        ("一、2011年工作回顾\n政府工作仍存在一些缺点和不足，节能减排、物价调控目标没有完成；征地拆迁问题还很突出。\n",
         2012, [(2011, "cpi", "节能减排、物价调控目标没有完成")]),
        ("我们也清醒看到，受全球贸易萎缩等因素影响，去年我国进出口总额出现下降，预期增长目标未能实现。\n",
         2016, [(2015, "foreign_trade", "去年我国进出口总额出现下降，预期增长目标未能实现")]),
        ("一、2006年工作回顾\n但是，全国没有实现年初确定的单位国内生产总值能耗降低4%左右、主要污染物排放总量减少2%的目标。\n",
         2007, [(2006, "energy_intensity", "全国没有实现年初确定的单位国内生产总值能耗降低4%左右、主要污染物排放总量减少2%的目标")]),
        ("一、2024年工作回顾\n房地产、出口等领域下行压力仍然较大，地区生产总值、投资、进出口等预期性指标未达到年初目标。\n",
         2025, [(2024, "gdp", "地区生产总值、投资、进出口等预期性指标未达到年初目标"),
                (2024, "foreign_trade", "地区生产总值、投资、进出口等预期性指标未达到年初目标")]),
    ],
)
def test_a_missed_target_said_in_words(text, year, found):
    document = _doc(text, year)
    verdicts = extract_verdicts(document)
    assert [(v.year, v.indicator, v.quote) for v in verdicts] == found
    assert all(document.original[v.start : v.end] == v.quote for v in verdicts)


@pytest.mark.parametrize(
    "text",
    [
        "一、“十一五”时期的回顾\n研究与试验发展经费支出占国内生产总值比重没有完成“十一五”规划目标。\n",  # several years
        "二、今年主要任务\n确保完成全年地区生产总值增长目标。\n",  # a plan, not a review
        "一、2023年工作回顾\n部分预期经济指标未能实现。\n",  # no indicator named
        "一、2023年工作回顾\n地区生产总值增长5%，完成年度目标。\n",  # a success is stated with its figure
    ],
)
def test_what_is_not_a_verdict(text):
    assert extract_verdicts(_doc(text, 2024)) == []
