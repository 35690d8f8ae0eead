"""The 指标 Indicators tab in a real browser: the 2024 GDP targets of the bundled regions."""

from __future__ import annotations

import pytest

from tests.browser.controls import choose_option

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Every bundled report that sets a 2024 GDP target, with the figure as its report writes it.
GDP_TARGETS_2024 = {"赣州市": "6", "萍乡市": "5.5", "景德镇市珠山区": "5.0", "鹰潭市月湖区": "6.5"}


def test_indicators_tab_shows_the_2024_gdp_targets_in_the_table_and_the_chart(page, tmp_path):
    page.get_by_role("tab", name="指标 Indicators").click()
    table = page.locator("#indicator-table")
    table.get_by_text("赣州市").first.wait_for()
    choose_option(page, "indicator-year", "2024")
    page.wait_for_timeout(500)
    table.get_by_text("萍乡市").first.wait_for()
    text = table.inner_text()
    for region, value in GDP_TARGETS_2024.items():
        assert region in text, region
        assert value in text
    assert "南昌市青山湖区" not in text  # its targets are for 2023

    chart = page.locator("#indicator-chart")
    chart.locator("svg, canvas").first.wait_for()
    marks = chart.locator("[role='graphics-symbol']")
    labels = " ".join(marks.evaluate_all("nodes => nodes.map(n => n.getAttribute('aria-label') || '')"))
    for region in GDP_TARGETS_2024:
        assert region in labels, f"{region} has no bar: {labels[:300]}"
    page.screenshot(path=str(tmp_path / "indicators.png"), full_page=True)
