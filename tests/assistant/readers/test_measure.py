from assistant.core.datatypes import Wanted
from assistant.knowledge.figures import parse_figure
from assistant.readers.measure import choose_figure, fits


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
