import pytest

from assistant.knowledge.figures import Figure, contains_figure, extract_figures, figures_equal, normalize, parse_figure


def only(text: str) -> Figure:
    figures = extract_figures(text)
    assert len(figures) == 1, figures
    return figures[0]


def test_normalize_folds_full_width_and_drops_thousands_separators():
    assert normalize("增长６％，达３,０００家") == "增长6%,达3000家"
    assert normalize("1,234,567元") == "1234567元"


def test_percent_value_stays_in_percent_with_qualifier():
    figure = only("GDP增长6%左右")
    assert (figure.value, figure.upper, figure.unit, figure.qualifier) == (6.0, None, "%", "左右")
    assert figure.text == "6%左右"


def test_five_percent_is_not_five_and_a_half_percent():
    assert not figures_equal(parse_figure("5%"), parse_figure("5.5%"))
    assert not contains_figure("目标增长5.5%左右", parse_figure("5%"))
    assert contains_figure("目标增长5.5%左右", parse_figure("5.5%"))


@pytest.mark.parametrize("text", ["5%-5.5%", "5%～5.5%", "5.0—5.5%", "5—5.5%", "5%至5.5%", "5% to 5.5%"])
def test_range_forms_give_both_ends(text):
    figure = only(text)
    assert (figure.value, figure.upper, figure.unit) == (5.0, 5.5, "%")


def test_range_without_unit_on_first_end():
    figure = only("预期目标为6-6.5%")
    assert (figure.value, figure.upper, figure.unit, figure.text) == (6.0, 6.5, "%", "6-6.5%")


def test_range_needs_both_ends_to_match():
    target = parse_figure("6%-6.5%")
    assert not figures_equal(target, parse_figure("6%"))
    assert not figures_equal(target, parse_figure("6.5%"))
    assert not figures_equal(target, parse_figure("6%-7%"))
    assert figures_equal(target, parse_figure("6 to 6.5 percent"))
    assert not contains_figure("增长6%，物价涨幅6.5%", target)


def test_list_of_percentages_is_two_figures_not_a_range():
    figures = extract_figures("分别增长4%、6%")
    assert [(f.value, f.upper) for f in figures] == [(4.0, None), (6.0, None)]


def test_full_width_digits_and_percent_sign():
    figure = only("增长６％")
    assert (figure.value, figure.unit, figure.text) == (6.0, "%", "６％")
    assert figures_equal(figure, parse_figure("6%"))


def test_thousands_separator_is_the_same_number():
    assert figures_equal(parse_figure("3,000家"), parse_figure("3000家"))
    assert figures_equal(parse_figure("3，000家"), parse_figure("3000家"))


def test_chinese_multipliers_scale_to_base_units():
    assert parse_figure("287.2亿元").value == pytest.approx(2.872e10)
    assert parse_figure("1.6万亿元").value == pytest.approx(1.6e12)
    assert (parse_figure("6万人").value, parse_figure("6万人").unit) == (pytest.approx(60000), "人")
    assert parse_figure("6.57万户").unit == "户"


def test_yi_and_wan_yuan_compare_after_scaling():
    assert figures_equal(parse_figure("1亿元"), parse_figure("10000万元"))
    assert not figures_equal(parse_figure("1亿元"), parse_figure("1万元"))
    assert not figures_equal(parse_figure("287.2亿元"), parse_figure("287.2万元"))


def test_percentage_points_are_not_percent():
    points = parse_figure("提高0.5个百分点")
    assert points.unit == "个百分点"
    assert not figures_equal(points, parse_figure("0.5%"))
    assert figures_equal(points, parse_figure("0.5 percentage points"))


@pytest.mark.parametrize(
    "text",
    ["2024年", "2023—2024年老旧小区改造", "2023-2024年", "1月6日", "1-11月", "（一）", "(17)", "第3名", "5G基站"],
)
def test_years_dates_and_markers_are_not_figures(text):
    assert extract_figures(text) == []


def test_list_marker_at_line_start_is_not_a_figure():
    figures = extract_figures("主要目标\n1. 地区生产总值增长8%\n2、城镇新增就业1.5万人")
    assert [f.text for f in figures] == ["8%", "1.5万人"]


def test_bare_year_in_english_is_not_a_figure():
    figures = extract_figures("In 2024, Ganzhou set a GDP growth target of about 6%.")
    assert [(f.value, f.qualifier) for f in figures] == [(6.0, "左右")]


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [("6%左右", "左右"), ("10%以上", "以上"), ("3%以内", "以内"), ("5.5%以下", "以下"), ("约6%", "约"),
     ("100余家", "余"), ("超600亿元", "超过"), ("about 6%", "左右"), ("at least 5%", "以上"), ("7%", "")],
)
def test_qualifiers_are_parsed(text, qualifier):
    assert only(text).qualifier == qualifier


def test_qualifier_is_not_compared():
    assert figures_equal(parse_figure("6%左右"), parse_figure("6%"))
    assert figures_equal(parse_figure("about 6%"), parse_figure("6%以上"))


def test_spans_map_back_to_the_original_text_exactly():
    text = "全年ＧＤＰ增长５．３％左右，新增3,000家；实现287.2亿元，目标6%-6.5%。"
    figures = extract_figures(text)
    assert [f.text for f in figures] == ["５．３％左右", "3,000家", "287.2亿元", "6%-6.5%"]
    for figure in figures:
        assert text[figure.start : figure.end] == figure.text
    assert figures[0].value == pytest.approx(5.3)


def test_figures_split_by_whitespace_lines_are_still_read():
    figure = only("全年GDP\n增长5.3%左右")
    assert (figure.value, figure.qualifier) == (5.3, "左右")


def test_english_amounts_with_multipliers():
    figure = only("Zhushan's GDP reached 28.72 billion yuan in 2023.")
    assert (figure.value, figure.unit) == (pytest.approx(2.872e10), "元")
    assert figures_equal(figure, parse_figure("287.2亿元"))
    assert figures_equal(parse_figure("60,000 people"), parse_figure("6万人"))


def test_unit_families_differ():
    assert not figures_equal(parse_figure("20家"), parse_figure("20个"))
    assert not figures_equal(parse_figure("20"), parse_figure("20个"))


def test_parse_figure_without_a_number_raises():
    with pytest.raises(ValueError, match="no figure"):
        parse_figure("左右")


def test_iso_dates_and_zero_padded_codes_are_not_figures():
    assert extract_figures("生成日期: 2023-01-11 索引号: QSHQ-0301-2023-0001") == []


def test_approximate_marker_after_multiplier():
    figure = only("兑现各类惠企政策资金10.1亿余元")
    assert (figure.value, figure.unit, figure.qualifier) == (pytest.approx(1.01e9), "元", "余")


def test_numbers_in_chinese_numerals_are_figures_when_they_count_or_measure():
    found = extract_figures("一九五九年的工农业总产值将比一九五八年的二千零五十亿元增长百分之四十，达到二千八百七十亿元")
    assert [(f.text, f.value, f.unit) for f in found] == [
        ("二千零五十亿元", 2.05e11, "元"), ("百分之四十", 40.0, "%"), ("二千八百七十亿元", 2.87e11, "元")]
    assert [(f.value, f.unit, f.qualifier) for f in extract_figures("零售物价上涨幅度控制在百分之六以内")] == [(6.0, "%", "以内")]
    assert extract_figures("百分之十二点三")[0].value == 12.3
    assert extract_figures("一亿零五百万元")[0].value == 1.05e8


def test_a_lone_numeral_before_a_counter_and_numbered_years_are_words():
    assert extract_figures("建设三个园区，推进一批项目，十四五时期，第一产业，三年行动") == []
    assert [f.text for f in extract_figures("十个示范区")] == ["十个"]
