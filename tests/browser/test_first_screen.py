"""The page as staff meet it on a 1366×768 laptop: the question box in sight after answers, the sources
of every answer kept, [n] links to their source, Chinese as the page's language, readable source text,
contrast of at least 4.5:1 on every text and button, and a label on every control."""

from __future__ import annotations

import pytest

from tests.browser.audit import contrast_failures, unlabelled_controls

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUESTIONS = ["赣州2024年GDP增长目标是多少？", "萍乡2024年万元GDP能耗下降目标", "珠山区2023年地区生产总值是多少？"]


def ask_with_enter(tab, question: str) -> None:
    """Type a question and press Enter (no click: nothing scrolls the page for us)."""
    before = tab.locator("#chat .message.bot").count()
    tab.locator("#question textarea").fill(question)
    tab.locator("#question textarea").press("Enter")
    tab.wait_for_function(
        """n => {
            const bots = document.querySelectorAll("#chat .message.bot");
            return bots.length > n && bots[bots.length - 1].innerText.includes("检索范围 searched");
        }""",
        arg=before,
    )


def page_bottom(tab, selector: str) -> float:
    """Where an element ends, measured from the top of the document (not of the scrolled window)."""
    return tab.evaluate(f"() => document.querySelector({selector!r}).getBoundingClientRect().bottom + window.scrollY")


def test_the_question_box_and_ask_button_stay_above_the_fold_after_answers(laptop):
    for question in QUESTIONS:
        ask_with_enter(laptop, question)
        for selector in ("#question textarea", "#ask-button"):
            assert page_bottom(laptop, selector) <= 768, f"{selector} is below the fold after {question}"
    assert laptop.evaluate("window.scrollY") == 0


def test_the_sources_panel_keeps_every_answers_sources_newest_first(laptop):
    for question in QUESTIONS:
        ask_with_enter(laptop, question)
    groups = laptop.locator("#sources details.src-group")
    assert groups.count() == 3
    summaries = [groups.nth(i).locator("summary.src-question").inner_text() for i in range(3)]
    assert summaries == [f"第 {n} 问 Q{n}：{QUESTIONS[n - 1]}" for n in (3, 2, 1)]
    assert [groups.nth(i).get_attribute("open") is not None for i in range(3)] == [True, False, False]
    oldest = laptop.evaluate("() => document.querySelector('#src-group-1 .src-card').textContent")
    assert "赣州" in oldest  # the first answer's source is still there, in its closed group


def test_a_citation_marker_opens_and_scrolls_to_its_source(laptop):
    for question in QUESTIONS[:2]:
        ask_with_enter(laptop, question)
    first_answer = laptop.locator("#chat .message.bot").first
    link = first_answer.locator("a[href='#src-1-1']").first
    assert link.inner_text() == "[1]"
    pages_before = len(laptop.context.pages)
    link.click()
    laptop.wait_for_function("() => document.activeElement && document.activeElement.id === 'src-1-1'")
    assert len(laptop.context.pages) == pages_before  # no new tab, no navigation
    card = laptop.locator("#src-1-1")
    assert laptop.locator("#src-group-1").get_attribute("open") is not None  # the older answer's group opened
    assert card.locator("details.src-doc").get_attribute("open") is not None  # and the document around the quote
    box = card.bounding_box()
    panel = laptop.locator("#sources").bounding_box()
    assert panel["y"] - 1 <= box["y"] < panel["y"] + panel["height"], (box, panel)  # scrolled into the panel's view
    assert "6%" in card.locator(".src-passage mark").inner_text()


def test_the_page_language_is_chinese_whatever_the_browser_locale(laptop):
    assert laptop.evaluate("document.documentElement.lang") == "zh-CN"


def test_source_text_is_readable(laptop):
    ask_with_enter(laptop, QUESTIONS[0])
    laptop.locator("#sources .src-doc summary").first.click()
    sizes = laptop.evaluate(
        """() => [".src-passage", ".src-window", ".src-head", ".src-meta"].map(s =>
             parseFloat(getComputedStyle(document.querySelector("#sources " + s)).fontSize))"""
    )
    assert sizes[0] >= 16 and sizes[1] >= 16 and sizes[2] >= 16 and sizes[3] >= 14, sizes


@pytest.mark.parametrize("tab_name", ["问答 Ask", "报告 Documents", "指标 Indicators"])
def test_every_text_and_button_has_contrast_of_at_least_4_5_and_every_control_a_label(laptop, tab_name):
    ask_with_enter(laptop, QUESTIONS[0])  # answers, citation links, marks and source cards are on the page
    laptop.locator("#sources .src-doc summary").first.click()
    if tab_name != "问答 Ask":
        laptop.get_by_role("tab", name=tab_name).click()
        laptop.wait_for_timeout(1500)
    checked, failures = contrast_failures(laptop)
    assert checked >= 20
    assert failures == [], "\n".join(map(str, failures))
    checked, missing = unlabelled_controls(laptop)
    assert checked >= 8
    assert missing == [], "\n".join(map(str, missing))
