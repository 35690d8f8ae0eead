"""The extractive reader on passages cut from the real reports (no index needed)."""

from __future__ import annotations

import pytest

from assistant.core.datatypes import DocumentMeta, Level, Passage
from assistant.knowledge.gazetteer import Gazetteer
from assistant.readers import FigureReader, ReadContext
from assistant.understanding.parser import parse_question

GZ = DocumentMeta(source="2024_赣州市_政府工作报告要点.txt", title="赣州", region="赣州市", level=Level.CITY, year=2024)
ZS = DocumentMeta(source="2024_珠山区.txt", title="珠山区", region="景德镇市珠山区", level=Level.DISTRICT, year=2024)
QSH = DocumentMeta(source="2023_青山湖区.txt", title="青山湖区", region="南昌市青山湖区", level=Level.DISTRICT, year=2023)
PX = DocumentMeta(source="2024_萍乡市.txt", title="萍乡", region="萍乡市", level=Level.CITY, year=2024)


def _passage(pid: str, text: str, meta: DocumentMeta, section: str = "") -> Passage:
    return Passage(id=pid, doc_id=pid, text=text, meta=meta, section=section, start=0, end=len(text))


def _locate(passage: Passage, start: int, end: int) -> tuple[int, int, str]:
    return start, end, passage.text[start:end]


def _ask(question: str, passages: list[Passage]):
    parsed = parse_question(question, Gazetteer.builtin())
    return FigureReader().read(parsed, passages, ReadContext(_locate))


GZ_REVIEW = _passage("gz-review", "全年GDP增长5.3%左右\n一般公共预算收入增长4.4%", GZ, "2023 成就鼓舞人心")
GZ_TARGETS = _passage("gz-targets", "◆主要目标\nGDP增长6%左右\n规模以上工业增加值增长7.5%以上", GZ, "2024 蓝图催人奋进 > ◆主要目标")


def test_target_question_takes_the_target_list_not_the_review_even_when_the_review_ranks_first():
    answer = _ask("赣州2024年GDP增长目标是多少？", [GZ_REVIEW, GZ_TARGETS])
    assert not answer.abstained
    assert answer.citations[0].quote == "GDP增长6%左右"
    assert answer.citations[0].passage_id == "gz-targets"


def test_actual_question_takes_the_review():
    answer = _ask("赣州2023年GDP增长了多少？", [GZ_TARGETS, GZ_REVIEW])
    assert answer.citations[0].quote == "全年GDP增长5.3%左右"


def test_a_rate_question_takes_the_growth_clause_that_continues_the_level():
    passage = _passage("zs", "2023年，实现地区生产总值287.2亿元，同比增长3.5%，位列全市第2；社会消费品零售总额222.4亿元，同比增长5.8%", ZS)
    answer = _ask("珠山区2023年社会消费品零售总额增长多少？", [passage])
    assert "5.8%" in answer.text and "222.4亿元，同比增长5.8%" in answer.citations[0].quote


@pytest.mark.parametrize("text, figure", [
    ("2023年，全年地区生产总值完成287.2亿元，按可比价计算，同比增长3.5%。", "3.5%"),
    ("2023年，一般公共预算收入完成17亿元,按可比口径增长13%。", "13%"),
])
def test_a_growth_reckoned_at_comparable_prices_continues_the_level_before_it(text, figure):
    indicator = "地区生产总值" if "生产总值" in text else "一般公共预算收入"
    answer = _ask(f"珠山区2023年{indicator}增长多少？", [_passage("zs", text, ZS)])
    assert not answer.abstained and figure in answer.text.split("原文")[0]


def test_a_figure_after_another_indicator_named_in_the_clause_is_that_ones():
    passage = _passage("na", "城镇新增就业1361万人、调查失业率稳定在5%左右的较低水平。", ZS)
    answer = _ask("珠山区2023年城镇新增就业增长多少？", [passage])
    assert answer.abstained or "5%" not in answer.text.split("原文")[0]


def test_a_level_question_takes_the_amount():
    passage = _passage("zs", "2023年，实现地区生产总值287.2亿元，同比增长3.5%", ZS)
    answer = _ask("珠山区2023年地区生产总值是多少？", [passage])
    assert answer.text.split("。")[0].endswith("287.2亿元")


def test_a_rate_question_abstains_when_only_a_level_is_stated():
    passage = _passage("zs", "一般公共预算收入6.61亿元；社会消费品零售总额222.4亿元", ZS)
    assert _ask("珠山区2024年一般公共预算收入增长目标是多少？", [passage]).abstained


def test_a_named_unit_must_match():
    passage = _passage("gz", "全年GDP增长5.3%左右", GZ, "2023 成就鼓舞人心")
    assert _ask("赣州2023年地区生产总值总量是多少亿元？", [passage]).abstained


def test_energy_intensity_is_not_gdp():
    passage = _passage("px", "万元GDP能耗下降3.5%左右", PX, "全市经济社会发展主要预期目标")
    assert _ask("萍乡2024年GDP增长目标", [passage]).abstained
    assert "3.5%" in _ask("萍乡2024年万元GDP能耗下降目标", [passage]).text


def test_an_indicator_named_as_a_denominator_is_not_the_indicator():
    passage = _passage("cn", "服务业增加值占国内生产总值比重上升到51.6%", DocumentMeta(source="cn.txt", title="t", region="全国", level=Level.NATIONAL, year=2017))
    assert _ask("2016年经济增长了多少？", [passage]).abstained


@pytest.mark.parametrize(
    "part",
    ["新动能培育“四大赛道”规模以上工业增加值同比增长8.4%", "非公有制工业增加值增长9.4%", "高技术制造业、轻工业增加值分别增长8.9%、7.7%"],
)
def test_a_part_of_the_industry_named_before_the_indicator_is_not_the_indicator(part):
    passage = _passage("px", f"{part}。规模以上工业增加值同比增长3.8%左右", PX, "2023年工作回顾")
    answer = _ask("萍乡2023年规上工业增加值增长了多少？", [passage])
    assert "3.8%" in answer.text and not any(other in answer.text for other in ("8.4%", "9.4%", "7.7%"))
    assert "8.4%" not in _ask("萍乡2023年规上工业增加值增长了多少？", [_passage("p", part, PX, "2023年工作回顾")]).text


def test_a_question_that_names_the_part_gets_the_parts_figure():
    passage = _passage("px", "规模以上工业增加值同比增长3.8%左右，“四大赛道”规模以上工业增加值同比增长8.4%，非公有制工业增加值增长9.4%", PX, "2023年工作回顾")
    assert "8.4%" in _ask("萍乡2023年“四大赛道”规模以上工业增加值增长多少？", [passage]).text
    assert "9.4%" in _ask("萍乡2023年非公有制工业增加值增长多少？", [passage]).text


def test_joint_urban_and_rural_list_gives_each_its_own_figure():
    passage = _passage("px", "城镇、农村居民人均可支配收入分别增长4%、6%左右", PX, "全市经济社会发展主要预期目标")
    rural = _ask("萍乡2024年农村居民人均可支配收入增长目标", [passage])
    urban = _ask("萍乡2024年城镇居民人均可支配收入增长目标", [passage])
    assert rural.text.split("。")[0].endswith("6%左右")
    assert urban.text.split("。")[0].endswith("4%")


def test_an_estimate_in_the_same_report_does_not_answer_a_target_question():
    estimate = _passage("qsh-est", "预计全年，地区生产总值增长6%左右，规上工业增加值增长7%左右", QSH, "一、2022年计划执行情况")
    target = _passage("qsh-target", "经过测算，对2023年预期目标，初步安排如下:\n地区生产总值增长8%左右;", QSH, "二、2023年国民经济和社会发展预期目标安排")
    answer = _ask("青山湖区2023年地区生产总值增长目标", [estimate, target])
    assert answer.citations[0].quote == "地区生产总值增长8%左右"


def test_question_without_an_indicator_matches_its_content_words_and_unit():
    passage = _passage("gz", "建设高标准农田37.2万亩，推进“旱改水”土地整治，新(改)造油茶林30.8万亩", GZ, "增强稳产保供能力")
    answer = _ask("赣州2024年计划建设高标准农田多少亩？", [passage])
    assert "37.2万亩" in answer.text and "油茶" not in answer.citations[0].quote


def test_english_question_gets_an_english_answer_around_the_chinese_quote():
    answer = _ask("What was Ganzhou's 2024 GDP target?", [GZ_REVIEW, GZ_TARGETS])
    assert answer.text.startswith("Ganzhou's 2024 GDP target: about 6%")
    assert "“GDP增长6%左右”" in answer.text


def test_nothing_relevant_abstains_with_the_coverage_note():
    parsed = parse_question("赣州2024年粮食产量目标", Gazetteer.builtin())
    answer = FigureReader().read(parsed, [GZ_TARGETS], ReadContext(_locate, "检索范围：赣州市（2024）。"))
    assert answer.abstained and answer.citations == ()
    assert answer.text.endswith("检索范围：赣州市（2024）。")


# -- a figure must be about the thing asked, and for the year asked ---------------------------------

GZ_ITEMS = _passage(
    "gz-items", "新建5G基站3000个。抓好31个老旧小区改造,新开工(筹集)8357套保障性租赁住房。", GZ, "2024 蓝图催人奋进 > 民生实事"
)


def test_no_figure_about_something_the_clause_does_not_name() -> None:
    answer = _ask("赣州2024年新建多少个博物馆？", [GZ_ITEMS])
    assert answer.abstained and "博物馆" in answer.text and not answer.citations


def test_the_counted_thing_must_be_named_not_only_its_neighbour() -> None:
    answer = _ask("赣州2024年老旧小区要加装多少部电梯？", [GZ_ITEMS])
    assert answer.abstained


def test_a_figure_about_the_topic_is_quoted() -> None:
    answer = _ask("赣州2024年新建多少个5G基站？", [GZ_ITEMS])
    assert not answer.abstained and "3000个" in answer.text


def test_another_year_s_figure_gives_an_abstention_that_says_what_the_reports_state() -> None:
    answer = _ask("赣州2024年GDP实际增长了多少？", [GZ_REVIEW, GZ_TARGETS])
    assert answer.abstained
    assert "2023年实际5.3%左右" in answer.text and "2024年目标6%左右" in answer.text
    assert "应见2025年报告" in answer.text
    assert [c.quote for c in answer.citations] == ["全年GDP增长5.3%左右", "GDP增长6%左右"]


def test_a_figure_is_labelled_with_its_own_year() -> None:
    answer = _ask("赣州2023年GDP增长了多少？", [GZ_TARGETS, GZ_REVIEW])
    assert not answer.abstained and answer.text.startswith("赣州市2023年")


SD_PLAN = DocumentMeta(source="province_055.txt", title="山东省人工智能行动计划", region="山东省", level=Level.PROVINCE, year=2024,
                       doc_type="行动计划")


def test_a_paragraph_that_opens_with_its_year_gives_that_year_to_its_figures():
    passage = _passage("sd-plan", "到2027年，全省算力算法数据有效支撑，创新体系不断完善。在关键核心技术等方面取得10项以上原创性成果；"
                       "全省算力规模达到14EFlops，智能算力占比达到40%；打造行业级大模型10个以上。", SD_PLAN)
    answer = _ask("到2027年，山东智能算力占比达到多少？", [passage])
    assert not answer.abstained and "2027年" in answer.text.split("原文")[0] and "40%" in answer.text


def test_a_year_opening_a_sentence_mid_paragraph_holds_for_the_figures_after_it():
    passage = _passage("sd-plan-mid", "瞄准人工智能前沿方向，促进全省新质生产力加快发展。力争到2027年，全省算力算法数据有效支撑。"
                       "在关键核心技术等方面取得10项以上原创性成果；全省算力规模达到14EFlops，智能算力占比达到40%。", SD_PLAN)
    answer = _ask("到2027年，山东智能算力占比达到多少？", [passage])
    assert not answer.abstained and "2027年" in answer.text.split("原文")[0] and "40%" in answer.text


def test_a_result_for_a_year_the_text_has_not_reached_is_a_target():
    plan = DocumentMeta(source="national_115.txt", title="车联网产业发展行动计划", region="全国", level=Level.NATIONAL, year=2018,
                        doc_type="行动计划")
    passage = _passage("iov", "第一阶段，到2020年，将实现车联网产业跨行业融合取得突破，车联网用户渗透率达到30%以上。", plan)
    answer = _ask("车联网产业发展行动计划提出到2020年车联网用户渗透率达到多少？", [passage])
    statement = answer.text.split("原文")[0]
    assert not answer.abstained and "30%以上" in statement and "目标" in statement


def test_a_plans_target_that_names_no_year_is_not_labelled_with_the_year_the_plan_was_issued():
    passage = _passage("sd-plan", "（一）发展目标。智慧健康养老产业科技支撑能力显著增强。再培育100个以上示范企业，打造一批服务品牌。", SD_PLAN)
    answer = _ask("山东人工智能行动计划提出再培育多少个示范企业？", [passage])
    statement = answer.text.split("原文")[0]
    assert "100个以上" in statement and "2024" not in statement


def test_a_part_named_anywhere_before_the_indicator_in_its_clause_is_a_part_for_the_reader_too():
    passage = _passage("px", "全市海洋生产总值增长9.1%。地区生产总值增长5.2%", PX, "2023年工作回顾")
    answer = _ask("萍乡2023年GDP增长了多少？", [passage])
    assert "5.2%" in answer.text and "9.1%" not in answer.text


def test_an_indicator_named_as_the_base_of_a_ratio_is_not_the_indicator():
    ratio = _passage("gd", "社会物流总费用与地区生产总值的比率降至13.6%左右。地区生产总值增长3.9%", PX, "2025年工作回顾")
    answer = _ask("萍乡2025年地区生产总值实际增长了多少？", [ratio])
    assert "3.9%" in answer.text and "13.6%" not in answer.text
