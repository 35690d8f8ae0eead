import pytest

from assistant.core.datatypes import ParsedQuestion
from assistant.knowledge.figures import parse_figure
from assistant.readers.measure import Wanted, choose_figure, fits, wanted


@pytest.mark.parametrize(
    "question, language, expected",
    [
        ("珠山区2023年社会消费品零售总额增长多少？", "zh", Wanted("rate")),
        ("珠山区2023年地区生产总值是多少？", "zh", Wanted("level")),
        ("赣州2024年计划建设高标准农田多少亩？", "zh", Wanted("level", "亩")),
        ("2018年赤字率比上年预算低多少个百分点？", "zh", Wanted("rate", "个百分点")),
        ("赣州2024年GDP增长目标", "zh", Wanted("rate")),
        ("How fast did China's GDP grow in 2014?", "en", Wanted("rate")),
        ("What was Pingxiang's total GDP in 2023, in yuan?", "en", Wanted("level", "元")),
        ("赣州2024年政府工作报告", "zh", Wanted()),
    ],
)
def test_what_a_question_wants(question, language, expected):
    assert wanted(ParsedQuestion(text=question, language=language)) == expected


def test_a_rate_is_strict_and_a_level_is_only_preferred():
    assert Wanted("rate").strict and Wanted("level", "亩").strict
    assert not Wanted("level").strict and not Wanted().strict


def test_fits_rewards_the_wanted_measure():
    assert fits(parse_figure("5.8%"), Wanted("rate")) > 0
    assert fits(parse_figure("222.4亿元"), Wanted("rate")) < 0
    assert fits(parse_figure("222.4亿元"), Wanted("level")) > 0
    assert fits(parse_figure("37.2万亩"), Wanted("level", "亩")) > 0
    assert fits(parse_figure("37.2万套"), Wanted("level", "亩")) < 0


def test_choose_figure_prefers_the_wanted_measure_after_the_name():
    text = "社会消费品零售总额222.4亿元，同比增长5.8%"
    assert choose_figure(text, 0, None, Wanted("rate")).text == "5.8%"
    assert choose_figure(text, 0, None, Wanted("level")).text == "222.4亿元"


def test_choose_figure_in_a_fenbie_list_takes_the_item_position():
    text = "城镇、农村居民人均可支配收入分别增长4%、6%左右"
    assert choose_figure(text, 3, 1, Wanted("rate")).text.startswith("6%")
    assert choose_figure(text, 0, 0, Wanted("rate")).text == "4%"
