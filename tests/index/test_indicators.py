"""Indicator extraction on the five bundled reports and on small literals of each shape."""

from __future__ import annotations

import pytest

from assistant.core.datatypes import Document, DocumentMeta, Kind, content_hash
from eval.indicators_eval import seed_documents
from index.indicators import IndicatorRow, extract_indicators


def _doc(text: str, year: int | None = 2024, region: str = "测试市") -> Document:
    meta = DocumentMeta(source=f"{year}_{region}.txt", title="", region=region, year=year)
    return Document(content_hash(text), meta, text)


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple[Document, list[IndicatorRow]]]:
    return {doc.meta.region: (doc, extract_indicators(doc)) for doc in seed_documents()}


def _find(rows: list[IndicatorRow], indicator: str, kind: Kind, unit: str = "%") -> list[IndicatorRow]:
    return [r for r in rows if r.indicator == indicator and r.kind is kind and r.unit == unit]


def test_every_quote_is_the_exact_original_text(seeds):
    for document, rows in seeds.values():
        assert rows, document.meta.source
        for row in rows:
            assert document.original[row.start : row.end] == row.quote
            assert row.figure_text in row.quote.replace("\t", "").replace("\n", "")


def test_rows_of_one_document_have_distinct_spans(seeds):
    for _, rows in seeds.values():
        spans = [(r.start, r.end) for r in rows]
        assert len(spans) == len(set(spans))


def test_comma_separated_target_list(seeds):
    _, rows = seeds["鹰潭市月湖区"]
    gdp = _find(rows, "gdp", Kind.TARGET)
    assert [(r.year, r.value, r.qualifier) for r in gdp] == [(2024, 6.5, "左右")]
    assert gdp[0].quote == "地区生产总值增长6.5%左右"
    cpi = _find(rows, "cpi", Kind.TARGET)
    assert [(r.value, r.qualifier) for r in cpi] == [(3.0, "以内")]


def test_dash_bullet_list(seeds):
    _, rows = seeds["景德镇市珠山区"]
    targets = {r.indicator: r.value for r in rows if r.kind is Kind.TARGET}
    assert targets == {
        "gdp": 5.0,
        "industrial_value_added": 6.0,
        "fixed_asset_investment": 3.5,
        "retail_sales": 6.5,
        "urban_income": 5.0,  # written 城镇居民可支配收入, without 人均
    }


def test_tab_separated_table_row_keeps_the_tab_in_the_quote():
    text = "主要预期目标\n地区生产总值增长\t5.5%左右\n工业投资增长\t6%左右\n"
    rows = extract_indicators(_doc(text))
    assert [(r.indicator, r.kind, r.year, r.value) for r in rows] == [
        ("gdp", Kind.TARGET, 2024, 5.5),
        ("industrial_investment", Kind.TARGET, 2024, 6.0),
    ]
    assert rows[0].quote == "地区生产总值增长\t5.5%左右"


def test_figure_split_over_lines_in_an_infographic(seeds):
    _, rows = seeds["赣州市"]
    actual = _find(rows, "gdp", Kind.ACTUAL)
    assert [(r.year, r.value, r.qualifier) for r in actual] == [(2023, 5.3, "左右")]
    assert actual[0].quote == "全年GDP\n增长5.3%左右"
    target = _find(rows, "gdp", Kind.TARGET)
    assert [(r.year, r.value) for r in target] == [(2024, 6.0)]


def test_fenbie_list_gives_urban_and_rural_rows(seeds):
    _, rows = seeds["萍乡市"]
    urban = _find(rows, "urban_income", Kind.TARGET)
    rural = _find(rows, "rural_income", Kind.TARGET)
    assert [(r.value, r.qualifier) for r in urban] == [(4.0, "左右")]  # 左右 written once, for both
    assert [(r.value, r.qualifier) for r in rural] == [(6.0, "左右")]
    assert urban[0].quote == "城镇、农村居民人均可支配收入分别增长4%"
    assert rural[0].quote == "城镇、农村居民人均可支配收入分别增长4%、6%左右"


def test_joint_chengxiang_name_is_split_by_fenbie(seeds):
    _, rows = seeds["鹰潭市月湖区"]
    assert [r.value for r in _find(rows, "urban_income", Kind.TARGET)] == [5.5]
    assert [r.value for r in _find(rows, "rural_income", Kind.TARGET)] == [7.0]
    assert not [r for r in rows if r.indicator == "household_income"]


def test_joint_name_without_fenbie_is_household_income():
    rows = extract_indicators(_doc("主要预期目标：城乡居民人均可支配收入增长6%左右。"))
    assert [(r.indicator, r.value) for r in rows] == [("household_income", 6.0)]


def test_targets_stated_twice_give_one_row_the_first_statement(seeds):
    document, rows = seeds["萍乡市"]
    gdp_targets = _find(rows, "gdp", Kind.TARGET)
    assert len(gdp_targets) == 1
    prose = document.original.index("地区生产总值增长5.5%左右,一般公共预算收入")
    assert gdp_targets[0].start == prose
    assert len([r for r in rows if r.kind is Kind.TARGET and r.unit == "%"]) == 9


def test_yuji_is_an_estimate_and_the_rest_of_the_review_actual(seeds):
    _, rows = seeds["萍乡市"]
    assert [(r.year, r.value) for r in _find(rows, "gdp", Kind.ESTIMATE)] == [(2023, 3.5)]
    assert [(r.year, r.value) for r in _find(rows, "budget_revenue", Kind.ACTUAL)] == [(2023, 4.8)]
    assert not _find(rows, "budget_revenue", Kind.ESTIMATE)


def test_review_gives_level_and_growth_of_the_previous_year(seeds):
    _, rows = seeds["景德镇市珠山区"]
    gdp = [(r.value, r.unit, r.direction) for r in rows if r.indicator == "gdp" and r.kind is Kind.ACTUAL]
    assert gdp == [(287.2, "亿元", ""), (3.5, "%", "up")]
    assert all(r.year == 2023 for r in rows if r.kind is Kind.ACTUAL)
    decline = _find(rows, "fixed_asset_investment", Kind.ACTUAL)
    assert [(r.value, r.direction) for r in decline] == [(16.0, "down")]


def test_district_plan_report_reviews_2022_and_targets_2023(seeds):
    _, rows = seeds["南昌市青山湖区"]
    assert {(r.kind, r.year) for r in rows} == {(Kind.ESTIMATE, 2022), (Kind.ACTUAL, 2022), (Kind.TARGET, 2023)}
    assert [r.value for r in _find(rows, "retail_sales", Kind.ESTIMATE)] == [11.5]  # 限上消费品零售额


def test_denominator_subset_and_partial_year_figures_are_left_out():
    text = (
        "一、2023年工作回顾\n"
        "2023年1至11月,四大赛道规模以上工业增加值同比增长8.4%。"
        "民生支出占一般公共预算支出比重达83%。\n"
        "二、2024年主要预期目标\n"
        "确保43个市大中型项目完成固定资产投资15亿元以上。积极培育数字经济9条重点赛道。"
        "全社会研发投入占GDP的比重达到1.45%。\n"
    )
    rows = extract_indicators(_doc(text))
    assert [(r.indicator, r.kind, r.value) for r in rows] == [("rd_intensity", Kind.TARGET, 1.45)]


def test_title_naming_review_and_plan_sets_no_context():
    text = "2023年计划执行情况与2024年计划草案的报告\n地区生产总值增长5%。\n一、2023年计划执行情况\n地区生产总值增长4.1%。\n"
    rows = extract_indicators(_doc(text))
    assert [(r.kind, r.year, r.value) for r in rows] == [(Kind.ACTUAL, 2023, 4.1)]


def test_lizheng_paragraph_is_a_target_even_inside_an_infographic_review(seeds):
    _, rows = seeds["赣州市"]
    assert [(r.kind, r.year, r.value, r.unit) for r in rows if r.indicator == "new_urban_jobs"] == [
        (Kind.TARGET, 2024, 6.0, "万人")
    ]
    grain = [r for r in rows if r.indicator == "grain_output"]
    assert [(r.kind, r.value, r.unit, r.qualifier) for r in grain] == [(Kind.TARGET, 53.08, "亿斤", "以上")]


def test_row_figure_is_scaled_for_comparison(seeds):
    _, rows = seeds["景德镇市珠山区"]
    level = next(r for r in rows if r.indicator == "gdp" and r.unit == "亿元")
    assert level.figure().value == pytest.approx(2.872e10)


def test_multi_year_figures_are_left_out_and_dao_year_targets_take_that_year():
    text = (
        "一、2015年工作回顾\n过去五年，国内生产总值年均增长7.8%。\n"
        "二、2016年主要预期目标\n到2020年，常住人口城镇化率达到60%。国内生产总值增长6.5%－7%。\n"
    )
    rows = extract_indicators(_doc(text, year=2016))
    assert [(r.indicator, r.kind, r.year, r.value, r.upper) for r in rows] == [
        ("urbanization", Kind.TARGET, 2020, 60.0, None),
        ("gdp", Kind.TARGET, 2016, 6.5, 7.0),
    ]


def _facts(text: str, year: int = 2018) -> list[tuple]:
    return [(r.indicator, r.kind, r.year, r.value, r.direction) for r in extract_indicators(_doc(text, year=year))]


def test_a_target_cue_that_reports_completion_is_a_review():
    text = (
        "一、过去五年工作回顾\n"
        "刚刚过去的2017年，经济社会发展主要目标任务全面完成并好于预期。国内生产总值增长6.9%。\n"
        "特别是城镇新增就业1351万人，超过全年预期目标，财政收入增长7.4%。\n"
        "今年发展主要预期目标是：国内生产总值增长6.5%左右。\n"
    )
    assert _facts(text) == [
        ("gdp", Kind.ACTUAL, 2017, 6.9, "up"),
        ("new_urban_jobs", Kind.ACTUAL, 2017, 1351.0, ""),
        ("budget_revenue", Kind.ACTUAL, 2017, 7.4, "up"),
        ("gdp", Kind.TARGET, 2018, 6.5, "up"),
    ]


def test_five_year_reviews_and_plans_give_no_annual_figures():
    text = (
        "一、2017年工作回顾\n国内生产总值增长6.9%。\n"
        "五年来，人民生活持续改善。城镇新增就业6600万人以上。\n"
        "——生态环境明显改善。单位国内生产总值能耗下降20%以上。\n"
        "“十四五”时期，力争单位国内生产总值能耗降低13.5%。\n"
        "二、今年主要预期目标\n国内生产总值增长6.5%左右。\n"
    )
    assert _facts(text) == [("gdp", Kind.ACTUAL, 2017, 6.9, "up"), ("gdp", Kind.TARGET, 2018, 6.5, "up")]


def test_a_sentence_that_opens_with_an_earlier_year_or_says_last_year_reports_that_year():
    text = (
        "一、过去五年工作回顾\n五年来，我们做了以下工作。2012年，国内生产总值增长7.8%，城镇新增就业1266万人。\n"
        "二、今年主要预期目标\n关于物价总水平。去年居民消费价格涨幅回落到2.6%。今年居民消费价格涨幅3.5%左右。\n"
    )
    assert _facts(text, year=2013) == [
        ("gdp", Kind.ACTUAL, 2012, 7.8, "up"),
        ("new_urban_jobs", Kind.ACTUAL, 2012, 1266.0, ""),
        ("cpi", Kind.ACTUAL, 2012, 2.6, "up"),
        ("cpi", Kind.TARGET, 2013, 3.5, "up"),
    ]


def test_queding_in_a_review_paragraph_that_speaks_of_the_past_does_not_make_targets():
    text = "一、2016年工作回顾\n去年我们坚持稳中求进，确保经济运行在合理区间，国内生产总值增长6.7%。\n"
    assert _facts(text, year=2017) == [("gdp", Kind.ACTUAL, 2016, 6.7, "up")]


def test_an_actual_cue_inside_a_plan_sentence_is_a_noun_not_a_heading():
    text = "主要任务\n密切跟踪重大项目进展，及时报送项目建设及投资完成情况，做好专项债工作。地区生产总值增长8%左右。\n"
    assert _facts(text, year=2023) == [("gdp", Kind.TARGET, 2023, 8.0, "up")]


@pytest.mark.parametrize(
    ("sentence", "fact"),
    [
        ("全国居民人均可支配收入实际增长7.4%", ("household_income", 7.4, "up")),
        ("城镇调查失业率平均为5.1%", ("unemployment", 5.1, "")),
        ("年末全国城镇调查失业率降到5.2％", ("unemployment", 5.2, "")),
        ("居民消费价格涨幅回落到2.6%", ("cpi", 2.6, "up")),
        ("一般公共财政预算收入完成17亿元，按可比口径增长13%", ("budget_revenue", 13.0, "up")),
        ("城镇登记失业率控制在3.9%的较低水平", ("registered_unemployment", 3.9, "")),
        ("规模以上工业增加值增速达到16.1%", ("industrial_value_added", 16.1, "up")),
    ],
)
def test_review_wording(sentence, fact):
    rows = extract_indicators(_doc(f"一、2016年工作回顾\n{sentence}。\n", year=2017))
    assert fact in [(r.indicator, r.value, r.direction) for r in rows]


def test_a_growth_after_an_aside_or_a_dunhao_belongs_to_the_level_before_it():
    text = (
        "一、2018年工作回顾\n全年地区生产总值完成192.3亿元，按可比价计算，同比增长6.0%。"
        "国内生产总值达到134.9万亿元、增长5%。\n"
    )
    assert [(r.value, r.unit) for r in extract_indicators(_doc(text, year=2019))] == [
        (192.3, "亿元"), (6.0, "%"), (134.9, "万亿元"), (5.0, "%"),
    ]


def test_a_rate_named_as_a_rise_is_a_rise_and_a_level_reached_is_a_level():
    text = "今年主要预期目标\n居民消费价格涨幅3%左右，常住人口城镇化率提高到60%。\n"
    assert [(r.indicator, r.direction) for r in extract_indicators(_doc(text))] == [("cpi", "up"), ("urbanization", "")]


@pytest.mark.parametrize(
    ("sentence", "facts"),
    [
        # income names with a prefix the lexicon does not list
        ("城镇人均可支配收入达到23896元，同比增长18%", [("urban_income", 23896.0), ("urban_income", 18.0)]),
        ("农村牧区常住居民人均可支配收入完成23830元", [("rural_income", 23830.0)]),
        # 均: one figure for each; a 、/和 list of figures for a list of names, with or without 分别
        ("城镇常住居民人均可支配收入、农村常住居民人均可支配收入均增长8%", [("urban_income", 8.0), ("rural_income", 8.0)]),
        ("城乡居民人均可支配收入分别增长7.5%", [("urban_income", 7.5), ("rural_income", 7.5)]),
        ("城镇居民人均可支配收入和农村居民人均纯收入实际增长8.4％和11.4％", [("urban_income", 8.4), ("rural_income", 11.4)]),
        # growth rates that follow two levels, one each or the same for both
        (
            "城镇居民人均可支配收入达到10493元，农村居民人均纯收入达到3255元，扣除价格因素，分别增长9.6%和6.2%",
            [("urban_income", 10493.0), ("rural_income", 3255.0), ("urban_income", 9.6), ("rural_income", 6.2)],
        ),
        (
            "城镇和农村居民人均可支配收入分别达35512元、25689元，分别同比增长7.8%",
            [("urban_income", 35512.0), ("rural_income", 25689.0), ("urban_income", 7.8), ("rural_income", 7.8)],
        ),
        # a part of the whole is not the whole: 海洋生产总值 is its own indicator, not GDP
        ("县域经济增长5.5%以上，海洋生产总值增长6%左右，脱贫人口人均纯收入增长13.8%", [("marine_gdp", 6.0)]),
        ("地方政府专项债券3.9万亿元、比上年增加1000亿元", [("special_bonds", 3.9)]),
        ("全国没有实现年初确定的单位国内生产总值能耗降低4%左右、主要污染物排放总量减少2%的目标", []),
    ],
)
def test_review_sentences_of_several_figures(sentence, facts):
    rows = extract_indicators(_doc(f"一、2016年工作回顾\n{sentence}。\n", year=2017))
    assert [(r.indicator, r.value) for r in rows] == facts
    assert all(r.kind is Kind.ACTUAL and r.year == 2016 for r in rows)


def test_one_figure_for_two_indicators_gives_two_rows_with_their_own_quotes_where_they_can():
    text = "一、2016年工作回顾\n城镇常住居民人均可支配收入、农村常住居民人均可支配收入均增长8%。\n"
    urban, rural = extract_indicators(_doc(text, year=2017))
    assert urban.quote.startswith("城镇常住") and rural.quote.startswith("农村常住")


def test_a_year_opening_a_clause_names_the_year_of_its_figure():
    text = "二、今年主要预期目标\n经过各方面努力，节能减排取得积极进展，2007年单位国内生产总值能耗比上年下降3.27%。\n"
    assert _facts(text, year=2008) == [("energy_intensity", Kind.ACTUAL, 2007, 3.27, "down")]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("一、2024年工作回顾\n2024年是不平凡的一年。擘画了全面深化改革的宏伟蓝图。全省完成地区生产总值31534亿元、增长3.3%。\n", Kind.ACTUAL),
        ("一、2024年工作回顾\n主要目标质效齐升。全年实现地区生产总值5503亿元、增长5.4%，连续10个季度超过全国平均水平。\n", Kind.ACTUAL),
        ("一、2024年工作回顾\n地区生产总值增长5.4%。\n二、今年工作\n经济社会发展的主要预期目标建议为：地区生产总值增长5%左右。\n", Kind.TARGET),
    ],
)
def test_a_target_word_in_a_review_makes_targets_only_when_it_announces_them(text, kind):
    rows = extract_indicators(_doc(text, year=2025))
    assert rows[-1].kind is kind


def test_an_arranged_growth_is_a_target():
    text = "今年经济社会发展主要预期目标是：地区生产总值按增长5%安排，在实际工作中努力争取更好结果。\n"
    assert _facts(text, year=2026) == [("gdp", Kind.TARGET, 2026, 5.0, "up")]


def test_a_growth_and_the_level_it_reaches_give_two_rows():
    text = "经济社会发展主要预期目标是：地区生产总值增长7.5%，达到309亿元；公共财政预算收入增长5%，达到15.8亿元。\n"
    assert [(r.indicator, r.value, r.unit) for r in extract_indicators(_doc(text, year=2016))] == [
        ("gdp", 7.5, "%"), ("gdp", 309.0, "亿元"), ("budget_revenue", 5.0, "%"), ("budget_revenue", 15.8, "亿元"),
    ]


def test_a_plans_paragraph_that_strives_for_a_year_plans_for_that_year():
    from index.figure_kinds import section_contexts

    contexts = section_contexts("一、主要目标\n力争到2027年，全省算力规模达到14EFlops，人工智能核心产业产值规模突破1000亿元。", 2024)
    assert any(c.kind is Kind.TARGET and c.year == 2027 for c in contexts)
    assert not any(c.kind is Kind.TARGET and c.year == 2024 for c in contexts if c.position > 6)


def test_figures_in_chinese_numerals_enter_the_table_as_written():
    text = "一、一九八七年工作回顾\n一九八七年，粮食总产量达到四千零二十四亿斤，零售物价上涨幅度控制在百分之七点三。"
    rows = extract_indicators(_doc(text, year=1988, region="全国"))
    grain = [row for row in rows if row.indicator == "grain_output"]
    assert grain and (grain[0].value, grain[0].unit) == (4024.0, "亿斤")
