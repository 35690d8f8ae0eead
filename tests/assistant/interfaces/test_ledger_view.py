"""The ledger for people: display rows, the target-against-result chart data, CSV."""

from __future__ import annotations

import csv
import io

from assistant.core.datatypes import Kind, LedgerFigure, LedgerRow, LedgerStatus
from assistant.interfaces.ledger_view import (
    LEDGER_COLUMNS, RESULT_SERIES, TARGET_SERIES, ledger_chart, ledger_csv, ledger_line, ledger_view,
)

REGION = "内蒙古自治区呼伦贝尔市海拉尔区"


def _figure(text: str, value: float, report_year: int, kind: Kind = Kind.TARGET, unit: str = "%", direction="up"):
    return LedgerFigure(kind, value, None, unit, "", direction, text, f"地区生产总值增长{text}", f"{report_year}.txt", "d",
                        report_year, 0, 9)


ROWS = [
    LedgerRow(REGION, "gdp", 2016, "rate", LedgerStatus.MISSED, _figure("7.5%", 7.5, 2016),
              _figure("7.2%", 7.2, 2017, Kind.ACTUAL), -0.3, "个百分点"),
    LedgerRow(REGION, "gdp", 2016, "level", LedgerStatus.MISSED, _figure("309亿元", 309, 2016, unit="亿元", direction=""),
              _figure("303.6亿元", 303.6, 2017, Kind.ACTUAL, unit="亿元", direction=""), -5.4, "亿元"),
    LedgerRow(REGION, "gdp", 2019, "rate", LedgerStatus.NO_RESULT, _figure("3.5%左右", 3.5, 2019), None,
              result_expected_in=2020),
    LedgerRow(REGION, "gdp", 2015, "rate", LedgerStatus.MET, _figure("8%", 8, 2015), _figure("8.9%", 8.9, 2016, Kind.ACTUAL),
              0.9, "个百分点"),
]


def test_the_chart_has_the_target_and_the_result_of_each_year_of_one_measure_in_year_order():
    assert ledger_chart(ROWS) == [
        {"year": "2015", "series": TARGET_SERIES, "value": 8.0, "status": "完成 met"},
        {"year": "2015", "series": RESULT_SERIES, "value": 8.9, "status": "完成 met"},
        {"year": "2016", "series": TARGET_SERIES, "value": 7.5, "status": "未完成 missed"},
        {"year": "2016", "series": RESULT_SERIES, "value": 7.2, "status": "未完成 missed"},
        {"year": "2019", "series": TARGET_SERIES, "value": 3.5, "status": "尚无结果 no result"},
    ]
    assert ledger_chart([]) == []


def test_the_table_and_the_csv_have_status_margin_reports_and_quotes():
    view = ledger_view(ROWS[:1])
    assert view.headers == LEDGER_COLUMNS
    (row,) = list(csv.DictReader(io.StringIO(ledger_csv(ROWS[:1]))))
    assert row["状态 Status"] == "未完成 missed" and row["差额 Margin"] == "-0.3个百分点"
    assert (row["目标报告 Target report"], row["结果报告 Result report"]) == ("2016", "2017")
    assert view.table[0][LEDGER_COLUMNS.index("目标 Target")] == "增长7.5%"


def test_a_line_per_row_for_the_terminal():
    assert ledger_line(ROWS[0]) == f"{REGION}\t2016\tgdp\t目标 增长7.5% (2016)\t实际 增长7.2% (2017)\tmissed\t-0.3个百分点"
    assert ledger_line(ROWS[2]).endswith("实际 -\tno_result")
