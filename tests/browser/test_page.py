"""The page in a real browser: ask, filter, open a source, upload a report, empty question."""

from __future__ import annotations

import os
import re

import pytest

from tests.browser.controls import choose_option
from tests.conftest import PROJECT_ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# The README's screenshot is refreshed only on request, so a test run leaves the work tree clean.
README_SCREENSHOT = PROJECT_ROOT / "docs" / "screenshot.png"


def screenshot_path(tmp_path):
    return README_SCREENSHOT if os.environ.get("ASSISTANT_UPDATE_SCREENSHOT") else tmp_path / "screenshot.png"


def ask(page, question: str) -> None:
    """Type a question, press Ask, wait until a new answer (with its search scope line) is shown."""
    before = page.locator("#chat .message.bot").count()
    page.locator("#question textarea").fill(question)
    page.locator("#ask-button").click()
    page.wait_for_function(
        """n => {
            const bots = document.querySelectorAll("#chat .message.bot");
            return bots.length > n && bots[bots.length - 1].innerText.includes("检索范围 searched");
        }""",
        arg=before,
    )


def last_answer(page) -> str:
    return page.locator("#chat .message.bot").last.inner_text()


def choose(page, elem_id: str, option: str) -> None:
    choose_option(page, elem_id, option)


def test_answer_with_citation_and_highlighted_quote(page, tmp_path):
    ask(page, "赣州2024年GDP增长目标是多少？")
    sources = page.locator("#sources")
    sources.locator(".src-doc summary").first.click()  # open the first source: the document around the quote
    window = sources.locator(".src-window").first
    window.wait_for()
    answer = last_answer(page)
    assert "6%" in answer.split("\n")[0]  # the answer itself, not a notice below it
    assert "[1]" in answer and "赣州" in answer
    assert "检索范围 searched: 赣州市" in answer
    assert "赣州" in sources.locator(".src-card").first.inner_text()
    assert "6%" in sources.locator(".src-passage mark").first.inner_text()
    assert "6%" in window.locator("mark").inner_text()


def test_region_filter_is_applied_and_visible(page):
    choose(page, "region-filter", "萍乡市")
    ask(page, "2024年GDP增长目标是多少？")
    answer = last_answer(page)
    assert "检索范围 searched: 萍乡市" in answer
    cards = page.locator("#sources .src-meta")
    for i in range(cards.count()):
        assert "萍乡市" in cards.nth(i).inner_text()


def test_empty_question_shows_a_clear_message(page):
    page.locator("#question textarea").fill("   ")
    page.locator("#ask-button").click()
    page.locator("#notice").get_by_text("请输入问题 Please type a question").wait_for()
    assert "Traceback" not in page.content()
    assert page.locator("#chat .message.bot").count() == 0


def test_markup_in_a_question_is_shown_as_text(page):
    page.evaluate("window.__xss = 0")
    ask(page, '<img src=x onerror="window.__xss=1">赣州2024年GDP增长目标')
    assert page.evaluate("window.__xss") == 0
    assert "<img src=x" in page.locator("#chat").inner_text()


def test_clear_empties_the_chat(page):
    ask(page, "萍乡2024年万元GDP能耗下降目标")
    page.locator("#clear-button").click()
    page.wait_for_function('() => document.querySelectorAll("#chat .message.bot").length === 0')


def test_upload_a_report_and_ask_it(page, tmp_path):
    report = tmp_path / "测试市2025年政府工作报告.txt"
    report.write_text(
        "测试市2025年政府工作报告\n二、2025年主要目标\n"
        "2025年经济社会发展的主要预期目标是：地区生产总值增长7%左右，一般公共预算收入增长4%。\n",
        encoding="utf-8",
    )
    page.get_by_role("tab", name="报告 Documents").click()
    page.locator("#upload input[type=file]").set_input_files(str(report))
    page.locator("#upload-note").get_by_text("Inferred from the text").wait_for()
    page.locator("#upload-region textarea, #upload-region input").first.fill("测试市")
    page.locator("#upload-year textarea, #upload-year input").first.fill("2025")
    page.locator("#ingest-button").click()
    page.locator("#ingest-result").get_by_text("已入库 added").wait_for()
    page.locator("#documents-table").get_by_text("测试市", exact=True).first.wait_for()
    page.get_by_role("tab", name="问答 Ask").click()
    ask(page, "测试市2025年地区生产总值增长目标是多少？")
    assert "7%" in last_answer(page)
    assert "测试市" in page.locator("#sources .src-card").first.inner_text()
    assert re.search(r"增长7%", page.locator("#sources .src-passage mark").first.inner_text())


def test_issue_12_questions_through_the_page(page, tmp_path):
    """What staff ask besides headline figures, answered on the page as through the API. The README's
    screenshot (ASSISTANT_UPDATE_SCREENSHOT=1) shows a figure answer and a passage answer."""
    ask(page, "珠山区2024年怎么优化营商环境？")
    assert "珠事顺利" in last_answer(page) and "[1]" in last_answer(page)
    ask(page, "赣州2024年GDP增长目标是多少？")
    page.locator("#sources .src-doc summary").first.click()
    page.screenshot(path=str(screenshot_path(tmp_path)), full_page=True)
    ask(page, "赣州2024年新建多少个博物馆？")
    answer = last_answer(page)
    assert "没有" in answer and "博物馆" in answer and "3000" not in answer
    ask(page, "赣州2024年GDP实际增长了多少？")
    answer = last_answer(page)
    assert "2025年报告" in answer and "2023年实际5.3%左右" in answer
    ask(page, "萍乡2024年GDP增长目标是多少？")
    ask(page, "那2023年呢？")  # a follow-up: the chat passes the conversation
    assert "萍乡" in last_answer(page)
    ask(page, "赣州2024年GDP增长目标是多少？")
    ask(page, "萍乡呢？")
    assert "5.5%左右" in last_answer(page).split("\n")[0]
