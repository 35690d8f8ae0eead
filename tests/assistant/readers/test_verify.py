"""Verification of generated answers against real report passages (see assistant/verify.py for the rules)."""

from __future__ import annotations

from assistant.readers.verify import cited_numbers, figures_by_citation, is_abstention, split_sentences, verify
from tests.assistant.readers.test_llm import PASSAGES

# PASSAGES: [1] 赣州 2024 targets (GDP增长6%左右 ...), [2] 萍乡 2024 targets (地区生产总值增长5.5%左右 ...),
# [3] 赣州 2023 results (全年GDP 增长5.3%左右 ...), [4] 萍乡 2023 estimates, [5] 赣州 消费券1.5亿元


def test_correct_answer_passes_and_lists_its_citations():
    result = verify("赣州市2024年GDP增长目标为6%左右[1]。", PASSAGES)
    assert result.ok and result.problems == ()
    assert result.cited == (1,) and result.figures_checked == 1 and not result.abstained


def test_figure_absent_from_the_cited_passage_is_named():
    result = verify("赣州市2024年GDP增长目标为7%左右[1]。", PASSAGES)
    assert not result.ok
    assert result.problems == ("数字“7%左右”不在所引资料[1]中",)


def test_each_sentence_is_checked_against_its_own_citations():
    # 5.5%左右 is in passage 2, but this sentence cites only passage 1
    result = verify("赣州市目标为6%左右[1]。萍乡市目标为5.5%左右[1]。", PASSAGES)
    assert result.problems == ("数字“5.5%左右”不在所引资料[1]中",)
    assert verify("赣州市目标为6%左右[1]。萍乡市目标为5.5%左右[2]。", PASSAGES).ok


def test_sentence_without_citation_is_checked_against_all_cited_passages():
    assert verify("赣州市规上工业增加值目标为7.5%以上。萍乡市为5.5%左右[2]。", PASSAGES).problems == (
        "数字“7.5%以上”不在所引资料[2]中",
    )
    assert verify("赣州市GDP目标为6%左右，见下。资料：[1][2]", PASSAGES).ok


def test_citation_after_the_full_stop_belongs_to_the_sentence():
    assert split_sentences("目标为6%左右。[1] 另有5.5%左右。[2]") == ["目标为6%左右。[1]", "另有5.5%左右。[2]"]
    assert verify("目标为6%左右。[1] 萍乡为5.5%左右。[2]", PASSAGES).ok


def test_citation_to_a_passage_that_was_not_given_is_caught():
    result = verify("目标为6%左右[9]。", PASSAGES)
    assert "引用了资料[9]，但只给出了5条资料" in result.problems
    assert "数字“6%左右”没有标注出处" in result.problems
    assert not verify("目标为6%左右[1][0]。", PASSAGES).ok


def test_answer_without_any_citation_fails():
    result = verify("赣州市2024年GDP增长目标为6%左右。", PASSAGES)
    assert "回答没有用[编号]标注任何出处" in result.problems
    assert not verify("", PASSAGES).ok


def test_full_width_and_scaled_figures_match_the_passage():
    assert verify("ＧＤＰ增长目标为６％左右［1］。", PASSAGES).ok
    assert verify("赣州发放消费券15000万元【5】。", PASSAGES).ok  # 1.5亿元 in the passage
    assert not verify("赣州发放消费券1.5万元[5]。", PASSAGES).ok


def test_years_and_citation_markers_are_not_figures():
    result = verify("赣州市2024年的报告没有提及2025年的目标[1]。", PASSAGES)
    assert result.figures_checked == 0


def test_abstention_passes_without_citations_but_not_with_uncited_figures():
    plain = verify("已索引的报告中没有找到相关数字。", PASSAGES)
    assert plain.ok and plain.abstained and plain.cited == ()
    with_figure = verify("报告中没有找到，估计约为7%。", PASSAGES)
    assert with_figure.abstained and not with_figure.ok
    assert with_figure.problems == ("数字“7%”没有标注出处",)


def test_english_answers_are_checked_and_problems_are_english():
    assert verify("Ganzhou's 2024 GDP growth target is about 6% [1].", PASSAGES, "en").ok
    assert verify("Ganzhou's target is 6.5% for investment [1]. Pingxiang's GDP target is 5.5% [2].",
                  PASSAGES, "en").ok
    result = verify("The target is 8% [1].", PASSAGES, "en")
    assert result.problems == ("the figure 8% is not in the cited passage(s) [1]",)
    assert is_abstention("The indexed reports do not contain this figure.")


def test_citation_forms_are_all_read():
    assert cited_numbers("a[1] b[2,3] c［4］ d【5】 e[1、2]") == [1, 2, 3, 4, 5, 1, 2]


def test_figures_are_attributed_to_the_citation_that_follows_them():
    found = figures_by_citation("赣州市目标为6%左右[1]，萍乡市为5.5%左右[2]。两市合计[1][2]")
    assert [f.text for f in found[1]] == ["6%左右"]
    assert [f.text for f in found[2]] == ["5.5%左右"]
    both = figures_by_citation("目标为6%左右。[1][2]")
    assert [f.text for f in both[1]] == [f.text for f in both[2]] == ["6%左右"]
