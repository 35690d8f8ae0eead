"""Strict and lenient scoring per expect (eval/scoring.py): pure functions, no index."""

from __future__ import annotations

import pytest

from eval.scoring import (
    Reply,
    asks_back,
    figure_support,
    labelled_figures,
    says_not_found,
    score,
    statement,
    status_said,
)
from tests.eval.helpers import GZ, PX, C, figure_item

figure = figure_item


def strict_lenient(item: dict, text: str, abstained: bool = False, citations=(), clarification=False) -> tuple[bool, bool]:
    strict, lenient = score(item, Reply(text, abstained, tuple(citations), clarification))
    return strict.ok, lenient.ok


EXTRACTIVE = "赣州市2024年GDP目标：6%左右。原文：“GDP增长6%左右”[1]（《赣州市2024年政府工作报告》）"


# --- the statement


def test_statement_drops_quotes_titles_and_markers():
    own = statement(EXTRACTIVE)
    assert "GDP增长6%左右" not in own and "《" not in own and "[1]" not in own
    assert own.startswith("赣州市2024年GDP目标：6%左右。原文：")
    assert statement('He said "GDP grew 5%" and 「增长3%」') == "He said \n and \n"


def test_labels_are_the_nearest_year_and_kind_in_the_sentence():
    (only,) = labelled_figures(statement(EXTRACTIVE))
    assert (only.years, only.kind) == ((2024, 2024), "target")
    first, second = labelled_figures("2023年实现5.2%，2024年目标5%左右")
    assert (first.years, first.kind) == ((2023, 2023), None)
    assert (second.years, second.kind) == ((2024, 2024), "target")


def test_a_year_after_the_figure_labels_it_when_none_comes_before():
    (only,) = labelled_figures("GDP grew 5.2% in 2023.")
    assert only.years == (2023, 2023)


def test_amounts_and_compared_years_are_not_year_labels():
    first, second = labelled_figures("引进省外2000万元以上项目资金760亿元以上")
    assert first.years is None and second.years is None
    (only,) = labelled_figures("2024年GDP比2023年增长5%")
    assert only.years == (2024, 2024)


def test_a_year_range_labels_every_year_in_it():
    (only,) = labelled_figures("月湖区2023—2024年：13个。")
    assert only.years == (2023, 2024)
    item = figure(gold_answers=["13个"], gold_year=2024, gold_kind="target")
    assert strict_lenient(item, "月湖区2023—2024年：13个。") == (True, True)


# --- figure


def test_extractive_answer_with_the_right_figure_is_right_both_ways():
    assert strict_lenient(figure(), EXTRACTIVE) == (True, True)
    assert strict_lenient(figure(), "The 2024 GDP target is about 6% [1].") == (True, True)


def test_figure_only_in_the_quote_is_lenient_only():
    text = "赣州市2024年GDP目标：5%。原文：“GDP增长6%左右”[1]"
    assert strict_lenient(figure(), text) == (False, True)
    strict, _ = score(figure(), Reply(text, False))
    assert "only in a quote" in strict.reason


def test_another_year_label_is_wrong():
    text = "赣州市2023年GDP：6%左右。原文：“GDP增长6%左右”[1]"
    assert strict_lenient(figure(), text) == (False, True)
    assert "labelled 2023" in score(figure(), Reply(text, False))[0].reason


def test_another_kind_label_is_wrong():
    estimate = figure(gold_answers=["3.5%左右"], gold_year=2023, gold_kind="estimate")
    assert strict_lenient(estimate, "Pingxiang's 2023 GDP actual figure: about 3.5% [1].") == (False, True)
    assert strict_lenient(estimate, "萍乡市2023年地区生产总值：3.5%左右。") == (True, True)
    actual = figure(gold_answers=["5.2%"], gold_year=2023, gold_kind="actual")
    assert strict_lenient(actual, "2023年GDP增长目标为5.2%。") == (False, True)


def test_unit_must_match_but_scale_may_differ():
    amount = figure(gold_answers=["287.2亿元"], gold_year=2023, gold_kind="actual")
    assert strict_lenient(amount, "珠山区2023年地区生产总值：2872000万元。") == (True, True)
    assert strict_lenient(amount, "珠山区2023年地区生产总值：287.2%。") == (False, False)


def test_every_gold_figure_must_be_stated():
    both = figure(gold_answers=["3%", "4.06万亿元"], gold_year=2024)
    assert strict_lenient(both, "2024年赤字率3%，赤字规模4.06万亿元。") == (True, True)
    assert strict_lenient(both, "2024年赤字率3%。原文：“赤字规模4.06万亿元”") == (False, True)


def test_a_range_needs_both_ends():
    ranged = figure(gold_answers=["6%-6.5%"], gold_year=2019)
    assert strict_lenient(ranged, "2019年目标：6%－6.5%。") == (True, True)
    assert strict_lenient(ranged, "2019年目标：6%左右。") == (False, False)


def test_abstaining_on_a_figure_question_is_wrong_both_ways():
    assert strict_lenient(figure(), "已索引的报告中没有找到GDP的相关数字。", abstained=True) == (False, False)


def test_must_not_include_makes_strict_wrong():
    trap = figure(must_not_include=["2023年"])
    assert strict_lenient(trap, "赣州市2024年目标6%左右，2023年为5.3%。") == (False, True)


# --- other expects


def test_abstain_needs_an_abstention_without_forbidden_strings():
    item = {"expect": "abstain", "answerable": False, "must_not_include": ["5.2%"]}
    assert strict_lenient(item, "报告中没有南昌市的数据。", abstained=True) == (True, True)
    assert strict_lenient(item, "没有找到；但全国2023年增长5.2%。", abstained=True) == (False, True)
    assert strict_lenient(item, "南昌市目标为8%。") == (False, False)


def test_a_forbidden_figure_said_as_another_years_is_the_neighbour_stated_rightly():
    item = {"expect": "abstain", "answerable": False, "question": "赣州2024年GDP实际增长了多少？", "must_not_include": ["5.3%"]}
    right = "已索引的报告中没有赣州市2024年的实际数（应见2025年报告）；2024年的报告给出2023年实际5.3%左右[1]。"
    assert strict_lenient(item, right, abstained=True) == (True, True)
    assert strict_lenient(item, "没有找到2024年实际数；增长5.3%左右。", abstained=True) == (False, True)
    assert strict_lenient(item, "已索引的报告中没有；2024年实际5.3%。", abstained=True) == (False, True)


def test_clarify_is_an_api_flag_or_a_question_back_without_figures():
    item = {"expect": "clarify", "answerable": False}
    assert strict_lenient(item, "您问的是哪个地区？", clarification=False) == (True, True)
    assert strict_lenient(item, "Which region do you mean?") == (True, True)
    assert strict_lenient(item, "…", clarification=True) == (True, True)
    assert strict_lenient(item, "是赣州的6%吗？") == (False, False)
    assert strict_lenient(item, "已索引的报告中没有找到。", abstained=True) == (False, True)
    assert asks_back(Reply("您问的是哪一年？[1]", False))


def test_passage_needs_a_gold_source_citation_quoting_evidence():
    item = {"expect": "passage", "answerable": True, "gold_sources": [GZ], "evidence": ["加快建设革命老区高质量发展示范区"]}
    right = [C("要加快建设革命老区 高质量发展示范区，", GZ)]
    assert strict_lenient(item, "措施：……[1]", citations=right) == (True, True)
    assert strict_lenient(item, "措施：……[1]", citations=[C("加快建设革命老区高质量发展示范区", PX)]) == (False, False)
    assert strict_lenient(item, "……", citations=[C("革命老区高质量发展", GZ)]) == (False, True)
    assert strict_lenient(item, "……", abstained=True, citations=right) == (False, False)


def test_text_must_be_in_the_statement():
    item = {"expect": "text", "answerable": True, "gold_text": ["工业和信息化部"], "evidence": [], "gold_sources": []}
    assert strict_lenient(item, "由工业和信息化部印发。") == (True, True)
    assert strict_lenient(item, "见原文：“工业和信息化部”") == (False, True)


def test_comparison_needs_every_figure_and_every_report_cited():
    item = {"expect": "comparison", "answerable": True, "gold_answers": ["6%左右", "5.5%左右"],
            "gold_sources": [GZ, PX], "evidence": ["GDP增长6%左右", "地区生产总值增长5.5%左右"]}
    both = [C("GDP增长6%左右", GZ), C("地区生产总值增长5.5%左右", PX)]
    assert strict_lenient(item, "赣州6%左右[1]，萍乡5.5%左右[2]", citations=both) == (True, True)
    assert strict_lenient(item, "赣州6%左右[1]，萍乡5.5%左右", citations=both[:1]) == (False, True)
    assert strict_lenient(item, "赣州6%左右", citations=both) == (False, False)


@pytest.mark.parametrize(
    "text, status",
    [
        ("2016年GDP增长7.2%，未完成7.5%的目标。", "missed"),
        ("The district missed its 7.5% target: growth was 7.2%.", "missed"),
        ("2016年GDP增长8%，完成了7.5%的目标。", "met"),
        ("Growth of 8% exceeded the 7.5% target.", "met"),
        ("增长7.4%，基本完成7.5%左右的目标。", "met_within_tolerance"),
        ("报告没有设定该指标的目标。", "no_target"),
        ("报告中没有该年的实际完成数据。", "no_result"),
        ("增长7.2%。", None),
    ],
)
def test_status_words(text, status):
    assert status_said(text) == status


def test_status_needs_the_words_and_both_figures():
    item = {"expect": "status", "answerable": True, "gold_status": "missed", "gold_target": "7.5%",
            "gold_result": "7.2%", "evidence": [], "gold_sources": []}
    assert strict_lenient(item, "2016年GDP增长7.2%，未完成7.5%的目标。") == (True, True)
    assert strict_lenient(item, "2016年GDP增长7.2%。") == (False, False)
    assert strict_lenient(item, "未完成目标，原文：“增长7.2%，目标7.5%”") == (False, True)
    none = {**item, "gold_status": "no_target", "gold_target": None, "gold_result": "7.2%"}
    assert strict_lenient(none, "已索引的报告中没有找到目标，实际增长7.2%。", abstained=True) == (True, True)


def test_series_needs_every_figure_with_its_year():
    item = {"expect": "series", "answerable": True, "evidence": [], "gold_sources": [],
            "gold_series": [{"year": 2016, "target": "7.5%", "result": "7.2%"}, {"year": 2017, "target": "7%", "result": None}]}
    assert strict_lenient(item, "2016年：目标7.5%，实际7.2%；2017年：目标7%。") == (True, True)
    assert strict_lenient(item, "2016年：目标7.5%，实际7.2%。") == (False, False)
    assert strict_lenient(item, "2017年：目标7.5%，实际7.2%；2016年：目标7%。") == (False, True)


# --- free text and faithfulness


def test_says_not_found_reads_free_text_refusals():
    assert says_not_found("上下文中没有提到南昌市2024年的GDP目标。")
    assert says_not_found("The context does not state this figure.")
    assert not says_not_found("南昌市2024年GDP增长目标为6%。")
    assert not says_not_found("上下文中没有提到全年数字，但一季度增长5%。")  # states a figure: an answer


def test_figure_support_counts_statement_figures_found_in_support():
    assert figure_support("2024年GDP增长6%左右[1]，收入增长5%。", ["GDP增长6%左右"]) == (2, 1)
    assert figure_support("目标6%左右。原文：“增长9%”", ["GDP增长6%左右"]) == (1, 1)  # quotes are not the statement


def test_a_gold_answer_the_number_reader_cannot_read_is_compared_as_text():
    item = figure(gold_answers=["12EFLOPS"], gold_year=2026)
    assert strict_lenient(item, "青岛2026年算力规模达到12EFlops。") == (True, True)
    assert strict_lenient(item, "原文：“算力规模达到12EFLOPS”") == (False, True)
