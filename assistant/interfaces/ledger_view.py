"""The ledger for people: rows with bilingual columns, target against result by year, CSV.

Feeds the page's indicators tab (``page/indicators.py``, the 目标与实际 section) and the ``ledger``
CLI command. Data: ``Assistant.ledger()`` (typed :class:`~assistant.core.datatypes.LedgerRow`\\ s).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from assistant.core.datatypes import LedgerFigure, LedgerRow, LedgerStatus
from assistant.interfaces.display import CHANGE_ZH, TableView, csv_text, indicator_label, kind_label, one_line, table_view

__all__ = ["LEDGER_COLUMNS", "STATUS_LABELS", "LedgerView", "ledger_chart", "ledger_csv", "ledger_display", "ledger_line",
           "ledger_view"]

LEDGER_COLUMNS = (
    "地区 Region", "年份 Year", "指标 Indicator", "口径 Measure", "目标 Target", "目标报告 Target report",
    "结果 Result", "结果类型 Result kind", "结果报告 Result report", "状态 Status", "差额 Margin",
    "目标原文 Target quote", "结果原文 Result quote",
)
STATUS_LABELS = {
    LedgerStatus.MET: "完成 met",
    LedgerStatus.MET_WITHIN_TOLERANCE: "基本完成 met within tolerance",
    LedgerStatus.MISSED: "未完成 missed",
    LedgerStatus.NO_RESULT: "尚无结果 no result",
    LedgerStatus.NO_TARGET: "未设目标 no target",
}
_MEASURES = {"rate": "增速/比率 rate", "level": "总量 level"}
TARGET_SERIES = "目标 Target"
RESULT_SERIES = "实际 Result"


def _figure(figure: LedgerFigure | None) -> str:
    if figure is None:
        return ""
    change = CHANGE_ZH.get(figure.direction, "")
    return f"{change}{''.join(figure.figure_text.split())}"


def _margin(row: LedgerRow) -> str:
    if row.margin is None:
        return ""
    return f"{row.margin:+g}{row.margin_unit}"


def ledger_display(rows: Iterable[LedgerRow]) -> list[dict]:
    """One dict per row with bilingual column names (``LEDGER_COLUMNS``), for a table or a CSV."""
    display = []
    for row in rows:
        result_quote = row.result.quote if row.result else (row.statement.quote if row.statement else "")
        result_report = row.result.report_year if row.result else (row.statement.report_year if row.statement else None)
        display.append(
            {
                "地区 Region": row.region,
                "年份 Year": row.year,
                "指标 Indicator": indicator_label(row.indicator),
                "口径 Measure": _MEASURES.get(row.measure, row.measure),
                "目标 Target": _figure(row.target),
                "目标报告 Target report": row.target.report_year if row.target else None,
                "结果 Result": _figure(row.result),
                "结果类型 Result kind": kind_label(row.result.kind) if row.result else "",
                "结果报告 Result report": result_report,
                "状态 Status": STATUS_LABELS[row.status],
                "差额 Margin": _margin(row),
                "目标原文 Target quote": one_line(row.target.quote) if row.target else "",
                "结果原文 Result quote": one_line(result_quote),
            }
        )
    return display


def ledger_csv(rows: Iterable[LedgerRow]) -> str:
    """The rows as CSV text with the display columns (UTF-8 without BOM; open with encoding='utf-8')."""
    return csv_text(LEDGER_COLUMNS, ledger_display(rows))


def _plotted(figure: LedgerFigure) -> float:
    """A figure on the chart: signed by its direction (a fall of 4% is -4); a range at its lower end."""
    return -figure.value if figure.direction == "down" else figure.value


def ledger_chart(rows: Sequence[LedgerRow]) -> list[dict]:
    """``[{"year", "series", "value", "status"}]``: the target and the result of each year, of the rows'
    commonest measure and unit (a chart does not mix 7.5% with 309亿元), in year order."""
    units = [(row.measure, (row.target or row.result).unit) for row in rows if row.target or row.result]
    if not units:
        return []
    measure, unit = max(sorted(set(units)), key=units.count)
    points = []
    for row in sorted(rows, key=lambda r: r.year):
        for series, figure in ((TARGET_SERIES, row.target), (RESULT_SERIES, row.result)):
            if figure is not None and (row.measure, figure.unit) == (measure, unit):
                points.append({"year": str(row.year), "series": series, "value": _plotted(figure),
                               "status": STATUS_LABELS[row.status]})
    return points


def ledger_line(row: LedgerRow) -> str:
    """One row as a line of text (the CLI): region, year, target, result, status, margin, reports."""
    target = f"目标 {_figure(row.target)} ({row.target.report_year})" if row.target else "目标 -"
    if row.result is not None:
        said = "预计" if row.estimated else "实际"
        result = f"{said} {_figure(row.result)} ({row.result.report_year})"
    elif row.statement is not None:
        result = f"“{one_line(row.statement.quote)}” ({row.statement.report_year})"
    else:
        result = "实际 -"
    margin = f"\t{_margin(row)}" if row.margin is not None else ""
    return f"{row.region}\t{row.year}\t{row.indicator}\t{target}\t{result}\t{row.status.value}{margin}"


LedgerView = TableView  # the table, ledger_chart() (target and result by year) and the CSV


def ledger_view(rows: Sequence[LedgerRow]) -> LedgerView:
    """What the page shows for one region and indicator: the table, the chart and the CSV."""
    return table_view(LEDGER_COLUMNS, ledger_display(rows), ledger_chart(rows))
