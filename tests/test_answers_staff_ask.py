"""Issue #12's table through the public API over the five bundled reports (the real embedder): each
question gets the answer in the table's last column, never a figure about something else."""

from __future__ import annotations

import pytest

from tests.conftest import REPORTS_DIR


def _original(source: str) -> str:
    return (REPORTS_DIR / source).read_text(encoding="utf-8")


def _quotes_are_exact(answer) -> None:
    for citation in answer.citations:
        text = _original(citation.source)
        assert text[citation.start:citation.end] == citation.quote


@pytest.mark.parametrize(
    ("question", "named", "wrong"),
    [
        ("赣州2024年新建多少个博物馆？", "博物馆", "3000"),
        ("How many museums will Ganzhou build in 2024?", "博物馆", "3.02"),
        ("赣州2024年的地铁建设计划是什么？", "地铁", "3家"),
    ],
)
def test_a_thing_the_report_never_names_gets_no_figure(reports_assistant, question, named, wrong):
    answer = reports_assistant.answer(question)
    assert answer.abstained and not answer.citations
    assert named in answer.text and wrong not in answer.text


def test_which_priorities_are_the_headed_sections_of_the_work_plan(reports_assistant):
    answer = reports_assistant.answer("萍乡2024年有哪些重点工作？")
    assert not answer.abstained and answer.reader == "extractive"
    quotes = [c.quote for c in answer.citations]
    assert len(quotes) >= 5 and all(q.startswith("以更大力度") for q in quotes)
    assert "9条" not in answer.text
    _quotes_are_exact(answer)


def test_livelihood_projects_are_the_projects_not_a_budget_share(reports_assistant):
    answer = reports_assistant.answer("赣州2024年有哪些民生实事？")
    assert not answer.abstained and "83%" not in answer.text
    assert 2 <= len(answer.citations) <= 5
    assert any("养老" in c.quote or "就业" in c.quote or "快速路" in c.quote for c in answer.citations)
    _quotes_are_exact(answer)


def test_how_to_improve_the_business_environment_quotes_the_paragraph_headed_so(reports_assistant):
    answer = reports_assistant.answer("珠山区2024年怎么优化营商环境？")
    assert not answer.abstained
    assert any("珠事顺利" in c.quote for c in answer.citations)
    assert all("珠山区" in c.source for c in answer.citations)
    _quotes_are_exact(answer)


def test_a_result_not_yet_reported_is_not_labelled_with_the_asked_year(reports_assistant):
    answer = reports_assistant.answer("赣州2024年GDP实际增长了多少？")
    assert answer.abstained
    assert "2025年报告" in answer.text  # where the 2024 result will be
    assert "2023年实际5.3%左右" in answer.text and "2024年目标6%左右" in answer.text
    assert "2024年GDP：5.3%" not in answer.text and "2024年实际" not in answer.text


def test_a_review_figure_is_the_previous_years(reports_assistant):
    answer = reports_assistant.answer("青山湖区2023年财政收入完成情况如何？")
    assert answer.abstained and "2024年报告" in answer.text
    assert "2022年实际5.6%" in answer.text


def test_a_follow_up_inherits_the_question_and_changes_the_place(reports_assistant):
    first = reports_assistant.answer("赣州2024年GDP增长目标是多少？")
    follow = reports_assistant.answer("萍乡呢？", history=[first])
    assert not follow.abstained and "5.5%左右" in follow.text and "萍乡" in follow.text
    english = reports_assistant.answer("and Pingxiang?", history=[reports_assistant.answer("What was Ganzhou's 2024 GDP target?")])
    assert "5.5%" in english.text
