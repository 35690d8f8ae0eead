import pytest

from assistant.core.datatypes import AnswerKind, Kind
from assistant.core.datatypes import Wanted
from assistant.core.errors import EmptyQuestionError
from assistant.knowledge.gazetteer import Gazetteer
from assistant.knowledge.lexicon import search_terms
from assistant.knowledge.years import extract_years
from assistant.understanding.parser import detect_language, detect_wanted, is_meaningful, parse, parse_question

T, A, E = Kind.TARGET, Kind.ACTUAL, Kind.ESTIMATE

# (question, reference_year, region name (None: no known region), years, kind, indicators, language)
CASES = [
    # Chinese, seed regions
    ("赣州2024年GDP增长目标是多少？", None, "赣州市", (2024,), T, ("gdp",), "zh"),
    ("赣州市2024年地区生产总值预期增长多少", None, "赣州市", (2024,), T, ("gdp",), "zh"),
    ("赣州2023年GDP实际增长多少？", None, "赣州市", (2023,), A, ("gdp",), "zh"),
    ("赣州2023年GDP增长了多少", None, "赣州市", (2023,), A, ("gdp",), "zh"),
    ("2023年赣州社会消费品零售总额增长多少", None, "赣州市", (2023,), A, ("retail_sales",), "zh"),
    ("赣州2024年社零增长目标", None, "赣州市", (2024,), T, ("retail_sales",), "zh"),
    ("赣州今年规上工业增加值增长目标", 2024, "赣州市", (2024,), T, ("industrial_value_added",), "zh"),
    ("赣州去年进出口增长多少", 2024, "赣州市", (2023,), A, ("foreign_trade",), "zh"),
    ("赣州2024年城镇和农村居民人均可支配收入目标", None, "赣州市", (2024,), T, ("household_income",), "zh"),
    ("赣州2024年城镇居民人均可支配收入增长目标", None, "赣州市", (2024,), T, ("urban_income",), "zh"),
    ("赣州2024年农村居民人均可支配收入计划增长多少", None, "赣州市", (2024,), T, ("rural_income",), "zh"),
    ("赣州2023年网络零售额是多少", None, "赣州市", (2023,), A, ("online_retail",), "zh"),
    ("萍乡今年万元GDP能耗下降目标", 2024, "萍乡市", (2024,), T, ("energy_intensity",), "zh"),
    ("萍乡2024年单位GDP能耗下降多少", None, "萍乡市", (2024,), A, ("energy_intensity",), "zh"),
    ("萍乡市2023年预计地区生产总值增长多少", None, "萍乡市", (2023,), E, ("gdp",), "zh"),
    ("萍乡2024年一般公共预算收入增长目标", None, "萍乡市", (2024,), T, ("budget_revenue",), "zh"),
    ("萍乡2024年财政收入力争增长多少", None, "萍乡市", (2024,), T, ("budget_revenue",), "zh"),
    ("萍乡2024年城镇调查失业率控制目标", None, "萍乡市", (2024,), T, ("unemployment",), "zh"),
    ("萍乡2024年居民消费价格涨幅目标", None, "萍乡市", (2024,), T, ("cpi",), "zh"),
    ("萍乡2024年城镇新增就业目标是多少人", None, "萍乡市", (2024,), T, ("new_urban_jobs",), "zh"),
    ("萍乡2024年粮食产量目标", None, "萍乡市", (2024,), T, ("grain_output",), "zh"),
    ("萍乡2024年研发投入强度目标", None, "萍乡市", (2024,), T, ("rd_intensity",), "zh"),
    ("萍乡2024年固定资产投资和工业投资目标", None, "萍乡市", (2024,), T,
     ("fixed_asset_investment", "industrial_investment"), "zh"),
    ("青山湖区2023年地区生产总值增长目标", None, "南昌市青山湖区", (2023,), T, ("gdp",), "zh"),
    ("南昌市青山湖区2022年规上服务业营业收入增长多少", None, "南昌市青山湖区", (2022,), A,
     ("services_revenue",), "zh"),
    ("青山湖2023年限上消费品零售额增长目标", None, "南昌市青山湖区", (2023,), T, ("retail_sales",), "zh"),
    ("青山湖区2022年固定资产投资实际完成情况", None, "南昌市青山湖区", (2022,), A,
     ("fixed_asset_investment",), "zh"),
    ("青山湖区2023年计划安排固定资产投资增长多少", None, "南昌市青山湖区", (2023,), T,
     ("fixed_asset_investment",), "zh"),
    ("珠山区2023年地区生产总值是多少？", None, "景德镇市珠山区", (2023,), A, ("gdp",), "zh"),
    ("景德镇市珠山区2024年规模以上工业增加值增长目标", None, "景德镇市珠山区", (2024,), T,
     ("industrial_value_added",), "zh"),
    ("珠山区2023年一般公共预算收入达到多少", None, "景德镇市珠山区", (2023,), A, ("budget_revenue",), "zh"),
    ("珠山区2023年规模以上服务业营业收入增长多少", None, "景德镇市珠山区", (2023,), A,
     ("services_revenue",), "zh"),
    ("月湖区2024年GDP增长目标", None, "鹰潭市月湖区", (2024,), T, ("gdp",), "zh"),
    ("鹰潭市月湖区今年拟实现地区生产总值增长多少", 2024, "鹰潭市月湖区", (2024,), T, ("gdp",), "zh"),
    ("月湖2024年社会消费品零售总额目标", None, "鹰潭市月湖区", (2024,), T, ("retail_sales",), "zh"),
    ("南昌市2024年GDP增长目标是多少？", None, "南昌市", (2024,), T, ("gdp",), "zh"),
    ("南昌县2024年GDP增长目标", None, "南昌市南昌县", (2024,), T, ("gdp",), "zh"),
    ("江西省2025年地区生产总值增长目标", None, "江西省", (2025,), T, ("gdp",), "zh"),
    ("江西2024年规上工业增加值增长多少", None, "江西省", (2024,), A, ("industrial_value_added",), "zh"),
    ("宜春市2022年粮食总产量", None, "宜春市", (2022,), A, ("grain_output",), "zh"),
    ("万载县2022年GDP是多少", None, "宜春市万载县", (2022,), A, ("gdp",), "zh"),
    ("瑞金2024年GDP目标", None, "赣州市瑞金市", (2024,), T, ("gdp",), "zh"),
    # Chinese, other provinces and the nation
    ("北京2025年经济增长目标", None, "北京市", (2025,), T, ("gdp",), "zh"),
    ("上海市2026年地区生产总值增长预期目标", None, "上海市", (2026,), T, ("gdp",), "zh"),
    ("内蒙古2025年固定资产投资增长目标", None, "内蒙古自治区", (2025,), T, ("fixed_asset_investment",), "zh"),
    ("广西2025年外贸进出口目标", None, "广西壮族自治区", (2025,), T, ("foreign_trade",), "zh"),
    ("新疆2026年城镇调查失业率目标", None, "新疆维吾尔自治区", (2026,), T, ("unemployment",), "zh"),
    ("2024年全国GDP增长目标", None, "全国", (2024,), T, ("gdp",), "zh"),
    ("我国2025年赤字率安排是多少", None, "全国", (2025,), T, ("deficit_ratio",), "zh"),
    ("国务院2024年专项债安排多少", None, "全国", (2024,), T, ("special_bonds",), "zh"),
    ("2023年国内生产总值实际增长多少", None, None, (2023,), A, ("gdp",), "zh"),
    ("2025年实际使用外资目标", None, None, (2025,), T, ("fdi",), "zh"),
    # Chinese, year forms
    ("二〇二四年赣州GDP目标", None, "赣州市", (2024,), T, ("gdp",), "zh"),
    ("二零二三年萍乡GDP增长多少", None, "萍乡市", (2023,), A, ("gdp",), "zh"),
    ("24年赣州GDP增长目标", None, "赣州市", (2024,), T, ("gdp",), "zh"),
    ("赣州明年GDP目标", 2024, "赣州市", (2025,), T, ("gdp",), "zh"),
    ("赣州前年GDP增长多少", 2024, "赣州市", (2022,), A, ("gdp",), "zh"),
    ("赣州今年GDP增长目标", None, "赣州市", (), T, ("gdp",), "zh"),
    ("赣州2023年和2024年GDP增长目标对比", None, "赣州市", (2023, 2024), T, ("gdp",), "zh"),
    ("赣州“十四五”GDP目标", None, "赣州市", (), T, ("gdp",), "zh"),
    ("赣州2024年实际利用省外2000万元以上项目资金目标", None, "赣州市", (2024,), T,
     ("outside_investment",), "zh"),
    # Chinese, places outside Jiangxi (the gazetteer knows every division of China)
    ("海淀区2024年GDP增长目标", None, "北京市海淀区", (2024,), T, ("gdp",), "zh"),
    ("北京市海淀区2024年GDP增长目标", None, "北京市海淀区", (2024,), T, ("gdp",), "zh"),
    ("深圳2024年GDP增长目标", None, "深圳市", (2024,), T, ("gdp",), "zh"),
    # Chinese, an ambiguous region (朝阳区: Beijing's or Changchun's) and a name that is no place
    ("请问朝阳区的GDP是多少", None, None, (), A, ("gdp",), "zh"),
    ("火星市2024年GDP增长目标", None, None, (2024,), T, ("gdp",), "zh"),
    # English
    ("What was Ganzhou's 2024 GDP target?", None, "赣州市", (2024,), T, ("gdp",), "en"),
    ("What is Gan Zhou's GDP growth goal for 2024?", None, "赣州市", (2024,), T, ("gdp",), "en"),
    ("How much did Ganzhou's GDP grow in 2023?", None, "赣州市", (2023,), A, ("gdp",), "en"),
    ("Ganzhou City retail sales growth target 2024", None, "赣州市", (2024,), T, ("retail_sales",), "en"),
    ("What is Ganzhou's planned growth of fixed-asset investment in 2024?", None, "赣州市", (2024,), T,
     ("fixed_asset_investment",), "en"),
    ("Qingshanhu District 2022 actual GDP growth", None, "南昌市青山湖区", (2022,), A, ("gdp",), "en"),
    ("What was the 2023 GDP growth target of Qingshanhu?", None, "南昌市青山湖区", (2023,), T, ("gdp",), "en"),
    ("Zhushan District GDP in 2023", None, "景德镇市珠山区", (2023,), A, ("gdp",), "en"),
    ("What did Zhushan District achieve in industrial value added in 2023?", None, "景德镇市珠山区", (2023,), A,
     ("industrial_value_added",), "en"),
    ("Yuehu District's 2024 GDP growth target", None, "鹰潭市月湖区", (2024,), T, ("gdp",), "en"),
    ("What is Pingxiang's target for energy consumption per unit of GDP this year?", 2024, "萍乡市", (2024,),
     T, ("energy_intensity",), "en"),
    ("Pingxiang estimated GDP growth in 2023", None, "萍乡市", (2023,), E, ("gdp",), "en"),
    ("What was Nanchang's GDP target for 2024?", None, "南昌市", (2024,), T, ("gdp",), "en"),
    ("Jingdezhen retail sales 2023", None, "景德镇市", (2023,), A, ("retail_sales",), "en"),
    ("Yingtan fiscal revenue target 2024", None, "鹰潭市", (2024,), T, ("budget_revenue",), "en"),
    ("Jiangxi's 2025 target for urban per capita disposable income", None, "江西省", (2025,), T,
     ("urban_income",), "en"),
    ("What is Jiangxi Province's CPI target for 2025?", None, "江西省", (2025,), T, ("cpi",), "en"),
    ("Beijing 2025 economic growth target", None, "北京市", (2025,), T, ("gdp",), "en"),
    ("What was China's GDP growth target last year?", 2025, "全国", (2024,), T, ("gdp",), "en"),
    ("National deficit ratio target for 2024", None, "全国", (2024,), T, ("deficit_ratio",), "en"),
    ("Inner Mongolia fixed asset investment goal 2025", None, "内蒙古自治区", (2025,), T,
     ("fixed_asset_investment",), "en"),
    ("What was Springfield's GDP growth in 2023?", None, None, (2023,), A, ("gdp",), "en"),
    ("GDP target of Haidian District in 2024", None, "北京市海淀区", (2024,), T, ("gdp",), "en"),
    ("GDP target of Springfield District in 2024", None, None, (2024,), T, ("gdp",), "en"),
    ("What were Ganzhou's imports and exports in 2023?", None, "赣州市", (2023,), A, ("foreign_trade",), "en"),
    ("Ganzhou's rural disposable income target for next year", 2023, "赣州市", (2024,), T,
     ("rural_income",), "en"),
    ("How many new urban jobs does Pingxiang plan for 2024?", None, "萍乡市", (2024,), T,
     ("new_urban_jobs",), "en"),
    ("What is Ganzhou's R&D intensity goal?", None, "赣州市", (), T, ("rd_intensity",), "en"),
    ("What was Ganzhou's actual FDI in 2023?", None, "赣州市", (2023,), A, ("fdi",), "en"),
]


@pytest.mark.parametrize(("question", "reference_year", "region", "years", "kind", "indicators", "language"),
                         CASES, ids=[case[0] for case in CASES])
def test_question_forms(question, reference_year, region, years, kind, indicators, language) -> None:
    parsed = parse(question, reference_year=reference_year)
    assert (parsed.region.name if parsed.region else None) == region
    assert parsed.years == years
    assert parsed.kind is kind
    assert parsed.indicators == indicators
    assert parsed.language == language


def test_there_are_at_least_eighty_question_forms() -> None:
    assert len(CASES) >= 80


@pytest.mark.parametrize(
    ("question", "mention"),
    [
        ("请问朝阳区的GDP是多少", "朝阳区"),
        ("请问鼓楼区2024年的GDP目标", "鼓楼区"),
        ("What was Springfield's GDP growth in 2023?", "Springfield"),
        ("GDP target of Springfield District in 2024", "Springfield District"),
    ],
)
def test_unknown_region_is_reported_by_its_words_without_a_region(question: str, mention: str) -> None:
    parsed = parse(question)
    assert parsed.region is None
    assert parsed.region_mention == mention


@pytest.mark.parametrize(
    "question",
    ["截至2月10日，全省累计排查多少人的报告", "那个区的GDP是多少", "确保43个市完成改造", "全区GDP增长多少",
     "火星市2024年GDP增长目标", "北京市火星区2024年GDP增长目标"],
)
def test_words_that_are_no_real_place_are_no_region_mention(question: str) -> None:
    parsed = parse(question)
    assert parsed.region_mention in ("", "北京市") and (parsed.region is None or parsed.region.name == "北京市")


def test_known_region_mention_is_the_words_used() -> None:
    assert parse("南昌市青山湖区2023年GDP目标").region_mention == "南昌市青山湖区"
    assert parse("What is Gan Zhou's GDP growth goal for 2024?").region_mention == "Gan Zhou"


@pytest.mark.parametrize(
    "question",
    ["推动城市更新的目标是什么", "全市2024年GDP增长目标", "园区建设目标", "中心城区GDP目标", "今年GDP目标",
     "规上工业增加值2024年增长多少", "What was the GDP growth target in 2024?"],
)
def test_generic_words_ending_in_city_or_district_are_not_unknown_regions(question: str) -> None:
    parsed = parse(question)
    assert parsed.region is None
    assert parsed.region_mention == ""


def test_a_generic_zone_does_not_hide_the_known_city() -> None:
    assert parse("赣州经开区2024年GDP目标").region.name == "赣州市"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("赣州和萍乡2024年GDP增长目标哪个高", True),
        ("对比赣州2023年和2024年GDP目标", True),
        ("江西各市2024年GDP增长目标", True),
        ("Compare Ganzhou and Pingxiang GDP targets", True),
        ("Which city had the highest GDP growth in 2023?", True),
        ("Rank the cities by retail sales growth", True),
        ("赣州2024年GDP增长目标", False),
        ("What was Ganzhou's 2024 GDP target?", False),
    ],
)
def test_comparison_questions_are_flagged(question: str, expected: bool) -> None:
    assert parse(question).comparison is expected


def test_english_keywords_are_the_lexicons_chinese_names_without_region_year_or_kind() -> None:
    parsed = parse("What was Ganzhou's 2024 GDP target?")
    assert "地区生产总值" in parsed.keywords
    for word in ("赣州市", "赣州", "2024年", "目标"):
        assert word not in parsed.keywords
    assert all(not word.isascii() or word == "GDP" for word in parsed.keywords)


def test_chinese_keywords_are_content_words_without_question_words() -> None:
    parsed = parse("请问萍乡今年万元GDP能耗下降目标是多少？", reference_year=2024)
    assert {"万元GDP能耗", "单位地区生产总值能耗", "下降"} <= set(parsed.keywords)
    for stop in ("萍乡", "萍乡市", "目标", "2024年", "请问", "是", "多少", "今年", "？"):
        assert stop not in parsed.keywords


def test_relative_years_are_left_out_without_a_reference_year() -> None:
    assert parse("赣州去年GDP增长多少").years == ()
    assert parse("赣州去年GDP增长多少", reference_year=2025).years == (2024,)


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("2024年", (2024,)),
        ("2021—2023年", (2021, 2022, 2023)),
        ("from 2021 to 2023", (2021, 2022, 2023)),
        ("二〇二五年", (2025,)),
        ("98年", (1998,)),
        ("引进2000万元以上项目", ()),
        ("增长2024.5亿元", ()),
        ("“十四五”规划", ()),
        ("近10年", ()),
        ("2023年和2024年", (2023, 2024)),
    ],
)
def test_year_forms(text: str, years: tuple[int, ...]) -> None:
    assert extract_years(text) == years


def test_language_is_english_only_when_latin_letters_dominate() -> None:
    assert detect_language("GDP是多少") == "zh"
    assert detect_language("What was 赣州's GDP target in 2024?") == "en"
    assert detect_language("2024") == "zh"


@pytest.mark.parametrize("text", ["", "   \n\t", "？？！", "😀😀", "\x00\x07", "……", None])
def test_is_meaningful_rejects_empty_punctuation_emoji_and_control_text(text) -> None:
    assert not is_meaningful(text)


@pytest.mark.parametrize("text", ["GDP", "赣州", "2024", "a?"])
def test_is_meaningful_accepts_words_and_numbers(text: str) -> None:
    assert is_meaningful(text)


def test_parse_question_refuses_an_empty_question() -> None:
    with pytest.raises(EmptyQuestionError):
        parse_question("  ？ ", Gazetteer.builtin())


def test_parse_question_uses_regions_registered_from_the_index() -> None:
    gazetteer = Gazetteer.builtin()
    gazetteer.add("内蒙古自治区呼伦贝尔市海拉尔区")
    parsed = parse_question("海拉尔区2015年GDP增长目标", gazetteer)
    assert parsed.region is not None
    assert parsed.region.name == "内蒙古自治区呼伦贝尔市海拉尔区"
    assert parsed.region_mention == "海拉尔区"
    assert parse_question("Hailar District 2015 GDP target", gazetteer).region == parsed.region


def test_question_text_is_kept_and_full_width_digits_are_understood() -> None:
    parsed = parse("  赣州２０２４年ＧＤＰ目标 ")
    assert parsed.text == "赣州２０２４年ＧＤＰ目标"
    assert parsed.years == (2024,)
    assert parsed.indicators == ("gdp",)


def test_a_bare_unknown_english_name_does_not_displace_a_known_region() -> None:
    parsed = parse("What is Jiangxi's GDP target for 2025 as reported in Xinhua?")
    assert parsed.region is not None and parsed.region.name == "江西省"
    parsed = parse("What is the GDP target of Springfield District, Beijing for 2025?")
    assert parsed.region is None and parsed.region_mention == "Springfield District"


# (question, reference_year, keywords that must be there, words that must not)
KEYWORD_CASES = [
    ("景德镇2025年计划改造城镇老旧小区多少个？", None, ("老旧小区", "改造"), ("景德镇", "2025年", "计划", "多少")),
    ("南昌市2023年新建高标准农田多少万亩", None, ("高标准农田", "农田", "新建"), ("南昌", "南昌市", "万亩", "2023年")),
    ("鹰潭2024年力争新增上云企业多少家", None, ("上云企业", "上云", "新增"), ("鹰潭", "力争", "多少")),
    ("萍乡今年目标新增学位几个？", 2024, ("学位", "新增"), ("今年", "目标", "几个", "2024年", "萍乡")),
    ("赣州去年认定高新技术企业多少家", 2024, ("高新技术企业", "认定"), ("赣州", "去年", "2023年")),
    ("宜春市2024年发放创业担保贷款预期多少亿元", None, ("创业担保贷款", "发放"), ("宜春", "亿元", "预期")),
    ("上饶2023年实现市场主体净增多少户？", None, ("市场主体", "净增"), ("上饶", "实现", "多少")),
    ("青山湖区2023年完成保障性租赁住房筹集多少套", None, ("保障性租赁住房", "筹集"), ("青山湖区", "青山湖", "完成")),
    ("海淀区2024年新建5G基站多少个", None, ("5G基站", "基站"), ("海淀区", "海淀")),
]


@pytest.mark.parametrize(("question", "reference_year", "present", "absent"), KEYWORD_CASES,
                         ids=[case[0] for case in KEYWORD_CASES])
def test_chinese_keywords_are_the_questions_content_words(question, reference_year, present, absent) -> None:
    keywords = parse(question, reference_year=reference_year).keywords
    assert set(present) <= set(keywords)
    assert not set(absent) & set(keywords)


def test_a_glossary_phrase_comes_with_the_glossary_terms_inside_it_in_question_order() -> None:
    assert parse("赣州2024年计划建设高标准农田多少亩？").keywords == ("建设", "高标准农田", "标准", "农田")


# (English question, Chinese terms that must be among the keywords)
ENGLISH_KEYWORD_CASES = [
    ("How many 5G base stations does Jingdezhen plan to build in 2025?", ("5G基站", "基站", "建设")),
    ("How many old residential communities will Yingtan renovate this year?", ("老旧小区", "改造")),
    ("How many old neighbourhoods did Nanchang renovate in 2023?", ("老旧小区", "改造")),
    ("How many school places did Nanchang add in 2023?", ("学位", "新增")),
    ("What is Pingxiang's target for affordable rental housing in 2025?", ("保障性租赁住房",)),
    ("How many pigs were slaughtered in Ganzhou in 2023?", ("生猪", "出栏")),
    ("How many high-tech enterprises were recognised in Shangrao in 2023?", ("高新技术企业", "认定")),
    ("How much in start-up guarantee loans will Yichun issue in 2024?", ("创业担保贷款", "发放")),
    ("How many new projects did Zhushan District sign in 2023?", ("新引进项目", "签约")),
    ("What were the deposits and loans of Jiangxi's financial institutions in 2024?", ("存贷款", "金融机构")),
    ("What is Ganzhou's target for 新增上云企业 in 2024?", ("上云企业", "新增")),
]


@pytest.mark.parametrize(("question", "expected"), ENGLISH_KEYWORD_CASES,
                         ids=[case[0] for case in ENGLISH_KEYWORD_CASES])
def test_english_questions_get_the_glossarys_chinese_keywords(question: str, expected: tuple[str, ...]) -> None:
    parsed = parse(question, reference_year=2024)
    assert parsed.language == "en"
    assert set(expected) <= set(parsed.keywords)
    assert not {"目标", "计划", "2023年", "2024年", "2025年"} & set(parsed.keywords)
    assert all(not word.isascii() or word == "5G" for word in parsed.keywords)


def test_english_keywords_are_the_glossary_terms_in_question_order_without_region_or_year() -> None:
    parsed = parse("How many 5G base stations will Ganzhou City build in 2024?")
    assert parsed.region is not None and parsed.region.name == "赣州市"
    assert parsed.keywords == ("5G基站", "基站", "建设")


def test_an_indicators_words_are_not_read_again_by_the_glossary() -> None:
    # "new urban jobs" names the indicator: "new" (新增) and "jobs" (就业) add nothing of their own.
    parsed = parse("How many new urban jobs does Pingxiang plan for 2024?")
    assert parsed.indicators == ("new_urban_jobs",)
    assert parsed.keywords == search_terms("new_urban_jobs")


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
    assert detect_wanted(question, language) == expected
    assert parse(question).wanted == expected


def test_an_indicator_word_inside_a_longer_english_term_is_that_term() -> None:
    parsed = parse_question("How large does the government want the low-altitude economy to be in 2025?", Gazetteer.builtin())
    assert parsed.indicators == () and parsed.topic == ("低空经济",)
    trade = parse_question("Did China reach its 2015 foreign trade growth target?", Gazetteer.builtin())
    assert trade.indicators == ("foreign_trade",)


def test_a_year_named_as_a_reports_year_is_searched_in_that_report() -> None:
    parsed = parse_question("How did the 2009 report respond to the international financial crisis?", Gazetteer.builtin())
    assert parsed.report_named and parsed.report_years() == (2009,)
    assert parse_question("2024年政府工作报告怎么发展新质生产力？", Gazetteer.builtin()).report_years() == (2024,)
    assert not parse_question("2023年赣州在科技创新方面做了什么？", Gazetteer.builtin()).report_named


def test_a_deadline_or_a_requirement_asks_for_a_target() -> None:
    for question in ("2023年底前，山东要推动全省数据中心在用标准机架数达到多少？", "数字山东2021行动方案要求全省充电桩保有量达到多少？"):
        assert parse_question(question, Gazetteer.builtin()).kind is Kind.TARGET, question
    assert parse_question("2022年全省充电桩保有量达到多少？", Gazetteer.builtin()).kind is Kind.ACTUAL


@pytest.mark.parametrize(
    ("question", "indicators"),
    [
        ("规上工业增长多少？", ("industrial_value_added",)),
        ("那规上工业呢？", ("industrial_value_added",)),
        ("月湖区规模以上工业企业有多少家？", ()),
        ("规上工业营业收入增长多少？", ()),
    ],
)
def test_a_name_people_use_only_in_questions_names_the_indicator_where_nothing_else_follows_it(question, indicators) -> None:
    assert parse_question(question, Gazetteer.builtin()).indicators == indicators


def test_a_generic_name_asks_for_every_indicator_it_may_mean() -> None:
    generic = parse_question("2019年失业率目标是多少？", Gazetteer.builtin())
    assert generic.indicators == ("unemployment", "registered_unemployment") and generic.any_indicator
    exact = parse_question("2019年城镇调查失业率目标是多少？", Gazetteer.builtin())
    assert exact.indicators == ("unemployment",) and not exact.any_indicator


def test_a_part_of_an_indicator_named_in_the_question_is_kept() -> None:
    assert parse_question("萍乡2023年非公有制工业增加值增长多少？", Gazetteer.builtin()).indicator_part == "非公有制"
    assert parse_question("萍乡2023年“四大赛道”规模以上工业增加值增长多少？", Gazetteer.builtin()).indicator_part == "四大赛道"
    assert parse_question("萍乡2023年规上工业增加值增长多少？", Gazetteer.builtin()).indicator_part == ""


@pytest.mark.parametrize(
    "question",
    ["What was the passenger throughput of Hailar airport in 2017?", "What was Hailar's afforestation area in 2015?"],
)
def test_what_was_a_measure_asks_for_a_figure(question) -> None:
    assert parse_question(question, Gazetteer.builtin()).answer_kind is AnswerKind.FIGURE


def test_will_and_would_ask_for_the_plan() -> None:
    parsed = parse_question("What was the number of 5G base stations Ganzhou would build in 2024?", Gazetteer.builtin())
    assert parsed.kind is Kind.TARGET


@pytest.mark.parametrize("question", ["江西省2025年在民生方面取得了哪些成绩？", "海拉尔区2014年城市建设取得了哪些成效？"])
def test_achievements_ask_for_results(question) -> None:
    assert parse_question(question, Gazetteer.builtin()).kind is Kind.ACTUAL


@pytest.mark.parametrize(
    "question",
    [
        "How many AI application demonstration projects will Qingdao build by 2022?",
        "What growth target did the 2024 report propose?",
        "Which department must the platform rules be submitted to, and by what date?",
    ],
)
def test_common_words_of_policy_questions_are_translated_or_frame_words(question) -> None:
    assert parse_question(question, Gazetteer.builtin()).untranslated == ()
