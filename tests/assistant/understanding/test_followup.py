"""Follow-ups take what they leave out from the question before; unexplained ones ask back."""

from __future__ import annotations

from assistant.core.datatypes import AnswerKind, Kind
from assistant.knowledge.gazetteer import Gazetteer
from assistant.understanding.followup import resolve, resolve_conversation
from assistant.understanding.parser import parse_question


def _parse(question: str):
    return parse_question(question, Gazetteer.builtin(), reference_year=2024)


def _after(*questions: str):
    return resolve_conversation(_parse(q) for q in questions)


def test_another_region_asks_the_same_figure() -> None:
    parsed = _after("赣州2024年GDP增长目标是多少？", "萍乡呢？")
    assert parsed.region.name == "萍乡市"
    assert parsed.indicators == ("gdp",) and parsed.years == (2024,) and parsed.kind is Kind.TARGET
    assert parsed.inherited == ("what", "years", "kind")


def test_an_english_follow_up_of_a_chinese_question() -> None:
    parsed = _after("赣州2024年GDP增长目标是多少？", "and Pingxiang?")
    assert parsed.region.name == "萍乡市" and parsed.indicators == ("gdp",) and parsed.language == "en"


def test_another_year_keeps_the_region_and_the_figure() -> None:
    parsed = _after("赣州2024年GDP增长目标是多少？", "那2023年呢？")
    assert parsed.region.name == "赣州市" and parsed.years == (2023,) and parsed.indicators == ("gdp",)


def test_another_kind_of_the_same_figure() -> None:
    parsed = _after("赣州2023年GDP增长了多少？", "目标呢？")
    assert parsed.kind is Kind.TARGET and parsed.years == (2023,) and parsed.indicators == ("gdp",)


def test_another_indicator_keeps_the_measure_and_kind_asked() -> None:
    parsed = _after("月湖区2024年规模以上工业增加值增长目标是多少？", "固定资产投资呢？")
    assert parsed.indicators == ("fixed_asset_investment",)
    assert parsed.wanted.measure == "rate" and parsed.kind is Kind.TARGET and parsed.region.name.endswith("月湖区")
    assert not parsed.wanted.strict  # preferred: a new thing may be counted, not grown ("城镇新增就业呢？": 1361万人)


def test_the_same_thing_elsewhere_keeps_the_measure_strictly() -> None:
    parsed = _after("赣州2024年GDP增长目标是多少？", "萍乡呢？")
    assert parsed.wanted.measure == "rate" and parsed.wanted.strict


def test_a_passage_question_follows_too() -> None:
    parsed = _after("萍乡2024年有哪些重点工作？", "赣州呢？")
    assert parsed.answer_kind is AnswerKind.PASSAGES and parsed.region.name == "赣州市"


def test_a_follow_up_nothing_explains_is_unresolved() -> None:
    assert resolve(_parse("那个呢？"), None).unresolved
    assert _after("赣州2024年GDP增长目标是多少？", "萍乡呢？", "那个区的呢？").unresolved
    assert _after("你好", "那2023年呢？").unresolved


def test_a_full_question_is_never_a_follow_up() -> None:
    parsed = _after("赣州2024年GDP增长目标是多少？", "萍乡2024年一般公共预算收入增长目标是多少？")
    assert parsed.indicators == ("budget_revenue",) and parsed.inherited == ()


def test_it_after_a_question_about_one_place_stands_for_that_place() -> None:
    parsed = _after("What is Sichuan's GDP growth target for 2026?", "And what did it achieve in 2025?")
    assert not parsed.unresolved
    assert parsed.region.name == "四川省" and parsed.indicators == ("gdp",) and parsed.years == (2025,)
    assert _after("这些报告都是哪年的？", "它的目标完成了吗？").unresolved  # nothing for 它 to stand for


def test_a_short_question_that_points_back_at_a_list_asks_what_is_meant() -> None:
    parsed = _after("江西省2026年有哪些民生实事？", "这个要花多少钱？")
    assert parsed.unresolved


def test_another_year_after_a_named_report_is_that_years_report() -> None:
    parsed = _after("2024年政府工作报告怎么发展新质生产力？", "2025年呢？")
    assert parsed.years == (2025,) and parsed.report_named and parsed.report_years() == (2025,)


def test_the_result_asks_for_the_actual_of_the_same_figure() -> None:
    for follow_up in ("And the actual result?", "What about the outcome?", "那结果呢？"):
        parsed = _after("What was China's GDP growth target for 2023?", follow_up)
        assert parsed.indicators == ("gdp",) and parsed.years == (2023,) and parsed.kind is Kind.ACTUAL, follow_up
        assert parsed.answer_kind is AnswerKind.FIGURE and not parsed.untranslated


def test_another_region_keeps_the_part_of_the_indicator_asked() -> None:
    parsed = _after("萍乡2023年非公有制工业增加值增长多少？", "宜春市呢？")
    assert parsed.indicator_part == "非公有制" and parsed.indicators == ("industrial_value_added",)


def test_a_question_naming_neither_place_nor_year_keeps_the_conversations() -> None:
    parsed = _after("黑龙江省2026年的主要预期目标有哪些？", "粮食产量目标是多少？", "城镇新增就业呢？")
    assert parsed.region.name == "黑龙江省" and parsed.years == (2026,) and parsed.indicators == ("new_urban_jobs",)
    own_year = _after("黑龙江省2026年的主要预期目标有哪些？", "2019年全国粮食产量目标是多少？")
    assert own_year.region.name == "全国" and own_year.years == (2019,)
    alone = _parse("粮食产量目标是多少？")
    assert alone.region is None and not alone.years
