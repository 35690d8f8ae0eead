"""The ledger in the indicators tab, in a real browser: Hailar's GDP growth target against its result."""

from __future__ import annotations

import pytest

from tests.browser.conftest import open_page
from tests.browser.server import page_settings, running_page
from tests.conftest import hailar_embedder

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def ledger_page_url(hailar_all_index_dir):
    from assistant.api import Assistant

    settings = page_settings(hailar_all_index_dir)
    with running_page(Assistant(settings=settings, embedder=hailar_embedder()), settings) as url:
        yield url


@pytest.fixture
def ledger_page(browser, ledger_page_url):
    with open_page(browser, ledger_page_url, height=1400) as tab:
        yield tab


def test_the_hailar_gdp_target_against_result_chart_and_table(ledger_page, tmp_path):
    page = ledger_page
    page.get_by_role("tab", name="指标 Indicators").click()
    table = page.locator("#ledger-table")
    table.get_by_text("未完成 missed").first.wait_for()
    text = table.inner_text()
    for expected in ("内蒙古自治区呼伦贝尔市海拉尔区", "增长7.5%", "增长7.2%", "-0.3个百分点", "完成 met", "尚无结果 no result"):
        assert expected in text, expected

    chart = page.locator("#ledger-chart")
    chart.locator("svg, canvas").first.wait_for()
    marks = chart.locator("[role='graphics-symbol'], [role='graphics-object']")
    labels = " ".join(marks.evaluate_all("nodes => nodes.map(n => n.getAttribute('aria-label') || '')"))
    assert "目标 Target" in labels and "实际 Result" in labels, labels[:400]
    assert "2016" in labels and "2019" in labels
    page.locator("#ledger-table").scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "ledger.png"), full_page=True)
    assert page.locator("#ledger-csv").is_visible()
