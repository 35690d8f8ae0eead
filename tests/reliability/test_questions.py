"""Hostile and unlucky questions: each gets a readable error or an honest, cited answer, fast.

Questions run against the five bundled reports (``reports_assistant``, read-only) and through the
page's handlers (``app.Page``), whose rendering must show markup as text.
"""

from __future__ import annotations

import copy
import re
import time

import pytest

import app
from assistant.core.errors import EmptyQuestionError, QuestionTooLongError
from assistant.interfaces.page import ALL, answer_markdown, sources_html
from assistant.knowledge.figures import extract_figures
from tests.browser.server import page_settings

GANZHOU = "赣州2024年GDP增长目标是多少？"


@pytest.fixture(scope="module")
def page(reports_assistant, reports_index_dir) -> app.Page:
    import gradio  # noqa: F401 - imported here so the timings below measure the handler, not the import

    return app.Page(reports_assistant, page_settings(reports_index_dir))


def final_state(generator) -> tuple:
    return [copy.deepcopy(step) for step in generator][-1]


# -- nothing to answer -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    ["", "   \t\n  ", "？？！！……", "!!!???...", "🤔😀🎉", "\x00\x01\x1b\x7f", "\u200b\u200d\ufeff"],
    ids=["empty", "whitespace", "cjk-punctuation", "ascii-punctuation", "emoji", "control", "zero-width"],
)
def test_question_without_words_is_an_empty_question_error_with_an_example(reports_assistant, question):
    with pytest.raises(EmptyQuestionError, match=r"the question is empty; type a question such as 赣州"):
        reports_assistant.answer(question)


# -- too long --------------------------------------------------------------------------------------


@pytest.mark.parametrize("length", [10_000, 1_000_000], ids=["10k", "1M"])
def test_overlong_question_names_the_limit_and_fails_fast(reports_assistant, length):
    question = ("赣州2024年GDP增长目标是多少？" * (length // 17 + 1))[:length]
    started = time.perf_counter()
    with pytest.raises(QuestionTooLongError) as caught:
        reports_assistant.answer(question)
    elapsed = time.perf_counter() - started
    assert elapsed < 0.5, f"refusing a {length}-character question took {elapsed:.2f}s"
    message = str(caught.value)
    assert f"the question has {length} characters; the limit is 2000" in message
    assert "Ask about one figure at a time" in message


def test_overlong_question_through_the_page_is_a_notice_not_a_trace(page):
    started = time.perf_counter()
    _, messages, _, notice, _ = final_state(page.respond("赣" * 1_000_000, [], ALL, ALL))
    assert time.perf_counter() - started < 2.0
    assert messages == []  # the 1M characters are not left in the chat
    assert "the limit is 2000" in notice and "Traceback" not in notice
    assert "问题过长：1000000 字，上限 2000 字" in notice  # in Chinese too, like the rest of the page


# -- odd but answerable ----------------------------------------------------------------------------


def test_emoji_around_a_real_question_are_ignored(reports_assistant):
    answer = reports_assistant.answer("🤔赣州2024年GDP增长目标是多少？😀🎉")
    assert not answer.abstained and "6%" in answer.text
    assert answer.citations[0].region == "赣州市"


def test_control_and_bidi_characters_inside_a_question_do_not_change_the_answer(reports_assistant):
    answer = reports_assistant.answer("赣州\x00\x1b2024年\u202eGDP\u200b增长目标是多少？\x07")
    assert not answer.abstained and "6%" in answer.text
    assert answer.citations[0].region == "赣州市"


def test_mixed_scripts_still_find_the_region_and_indicator(reports_assistant):
    answer = reports_assistant.answer("Ganzhou 赣州 2024年 GDP growth target Цель ВВП هدف？")
    assert not answer.abstained and "6%" in answer.text
    assert answer.citations[0].region == "赣州市"


@pytest.mark.parametrize(
    "question",
    [
        "Quel est l'objectif de croissance du PIB de Ganzhou pour 2024 ?",
        "Какова цель роста ВВП Ганьчжоу на 2024 год?",
        "ما هو هدف نمو الناتج المحلي الإجمالي لمدينة قانتشو في عام 2024؟",
    ],
    ids=["french", "russian", "arabic"],
)
def test_question_in_an_unknown_language_answers_with_a_citation_or_abstains_without_figures(
    reports_assistant, question
):
    answer = reports_assistant.answer(question)
    if answer.abstained:
        stated = [f.text for f in extract_figures(answer.text) if f.text not in ("2024",)]
        assert not stated, f"an abstention states figures {stated}: {answer.text}"
        assert not answer.citations
    else:
        assert answer.citations, answer.text
        for citation in answer.citations:
            assert reports_assistant.document_text(citation.source)[citation.start : citation.end] == citation.quote


# -- injection-looking questions: text, never code -------------------------------------------------

FRAGMENTS = [
    "赣州2024年GDP增长目标'; DROP TABLE passages; --",
    '赣州2024年GDP增长目标" OR 1=1 --',
    "<script>window.__xss=1</script>赣州2024年GDP增长目标",
    '<img src=x onerror="window.__xss=1">赣州2024年GDP增长目标',
    "javascript:alert(1)//赣州2024年GDP增长目标",
    "赣州2024年GDP增长目标{{7*7}}${7*7}<svg/onload=alert(1)>",
]


@pytest.mark.parametrize("question", FRAGMENTS, ids=["sql-quote", "sql-or", "script", "img-onerror", "js-url", "template-svg"])
def test_sql_html_and_js_fragments_are_answered_and_rendered_as_text(page, reports_assistant, question):
    _, messages, sources, notice, _ = final_state(page.respond(question, [], ALL, ALL))
    assert notice == ""
    shown = messages[0]["content"] + messages[-1]["content"] + sources
    for tag in re.findall(r"<\s*([a-zA-Z]+)", question):  # every tag of the question is escaped
        assert f"<{tag}" not in shown
        assert f"&lt;{tag}" in messages[0]["content"]
    assert "6%" in messages[-1]["content"].split("\n\n")[0]  # still answered from the reports
    assert len(reports_assistant.documents()) == 5  # nothing was dropped


def test_render_functions_escape_markup_from_reports_and_notices(reports_assistant):
    answer = reports_assistant.answer(GANZHOU)
    from dataclasses import replace

    hostile = replace(
        answer,
        text=answer.text + "<script>alert(1)</script>",
        notices=('<img src=x onerror="alert(1)">',),
        citations=tuple(replace(c, title="<b onmouseover=alert(1)>标题</b>") for c in answer.citations),
    )
    chat = answer_markdown(hostile)
    panel = sources_html(hostile, {c.source: reports_assistant.document_text(c.source) for c in hostile.citations})
    for rendered in (chat, panel):
        assert "<script" not in rendered and "<img" not in rendered and "<b " not in rendered
    assert "&lt;script&gt;" in chat and "&lt;img src=x" in chat
    assert "&lt;b onmouseover=alert(1)&gt;" in panel
