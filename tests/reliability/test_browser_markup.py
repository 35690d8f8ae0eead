"""Markup and script fragments typed into the real page, in Debian's chromium: shown as text,
never executed (a ``window.__xss`` flag the fragments would set stays 0)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.api import Assistant
from tests.browser.server import page_settings, running_page
from tests.conftest import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is absent: run `make browser`"),
]

FRAGMENTS = [
    "<script>window.__xss=1</script>测试市2025年GDP增长目标",
    '<img src=x onerror="window.__xss=2">测试市2025年GDP增长目标',
    "<svg/onload=window.__xss=3>测试市2025年GDP增长目标'; DROP TABLE passages; --",
    '[点我](javascript:window.__xss=4) 测试市2025年GDP增长目标',
]


def test_markup_questions_render_as_text_in_the_browser(tiny_settings_factory, browser):
    base = tiny_settings_factory()
    settings = page_settings(base.index_dir, data_dir=base.data_dir)
    with running_page(Assistant(settings=settings), settings) as url:
        context = browser.new_context(locale="zh-CN")
        try:
            tab = context.new_page()
            tab.set_default_timeout(60_000)
            tab.goto(url, wait_until="load")
            tab.get_by_text("已索引 indexed").wait_for()
            tab.evaluate("window.__xss = 0")
            for number, question in enumerate(FRAGMENTS, start=1):
                tab.locator("#question textarea").fill(question)
                tab.locator("#ask-button").click()
                tab.wait_for_function(
                    """n => {
                        const bots = document.querySelectorAll("#chat .message.bot");
                        return bots.length >= n && bots[bots.length - 1].innerText.includes("检索范围 searched");
                    }""",
                    arg=number,
                )
            links = tab.locator("#chat a[href^='javascript']").count()
            chat = tab.locator("#chat").inner_text()
            flag = tab.evaluate("window.__xss")
        finally:
            context.close()
    assert flag == 0
    assert links == 0
    assert "<script>window.__xss=1</script>" in chat and '<img src=x onerror="window.__xss=2">' in chat
    assert "<svg/onload=window.__xss=3>" in chat
    assert chat.count("6%左右") >= len(FRAGMENTS)
