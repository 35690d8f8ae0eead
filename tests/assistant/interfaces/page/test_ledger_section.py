"""The page's ledger section without a browser: choices and outputs for one region and indicator."""

from __future__ import annotations

from assistant.interfaces.page.ledger import CHART_COLUMNS, ledger_choices, ledger_outputs


def test_choices_put_the_most_judged_region_and_gdp_first(hailar_assistant):
    regions, indicators = ledger_choices(hailar_assistant.ledger())
    assert regions == ["内蒙古自治区呼伦贝尔市海拉尔区"] and indicators[0] == "gdp"


def test_outputs_are_the_table_the_chart_and_a_csv_file(hailar_assistant):
    table, chart, csv_path = ledger_outputs(hailar_assistant, "内蒙古自治区呼伦贝尔市海拉尔区", "gdp")
    assert [row[1] for row in table] == [2015, 2016, 2017, 2018]
    assert list(chart.columns) == CHART_COLUMNS and set(chart["series"]) == {"目标 Target", "实际 Result"}
    with open(csv_path, encoding="utf-8-sig") as handle:
        assert "未完成 missed" in handle.read()
    empty_table, empty_chart, _ = ledger_outputs(hailar_assistant, "", "gdp")
    assert empty_table == [] and empty_chart.empty
