"""The indicator table for people: rows with bilingual columns, bars across regions, CSV.

Feeds the page's indicators tab (``page/indicators.py``) and the ``indicators`` CLI command.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from assistant.core.datatypes import Kind
from assistant.interfaces.display import CHANGE_ZH, TableView, csv_text, indicator_label, kind_label, one_line, table_view
from assistant.readers.table import one_per_region
from index.indicators import IndicatorRow

__all__ = ["DISPLAY_COLUMNS", "IndicatorView", "chart_data", "indicator_view", "rows_for_display", "to_csv"]

DISPLAY_COLUMNS = (
    "地区 Region", "年份 Year", "指标 Indicator", "类型 Kind", "数值 Value", "上限 Upper", "单位 Unit",
    "限定 Qualifier", "增减 Change", "原文 Quote", "来源 Source", "报告年份 Report year",
)


def rows_for_display(rows: Iterable[IndicatorRow]) -> list[dict]:
    """One dict per row with bilingual column names (``DISPLAY_COLUMNS``), for a table or a CSV."""
    display = []
    for row in rows:
        display.append(
            {
                "地区 Region": row.region,
                "年份 Year": row.year,
                "指标 Indicator": indicator_label(row.indicator),
                "类型 Kind": kind_label(row.kind),
                "数值 Value": row.value,
                "上限 Upper": row.upper,
                "单位 Unit": row.unit,
                "限定 Qualifier": row.qualifier,
                "增减 Change": f"{CHANGE_ZH[row.direction]} {row.direction}" if row.direction in CHANGE_ZH else "",
                "原文 Quote": one_line(row.quote),
                "来源 Source": row.source,
                "报告年份 Report year": row.report_year,
            }
        )
    return display


def chart_data(
    rows: Sequence[IndicatorRow], indicator: str, year: int | None, kind: Kind | str | None
) -> list[dict]:
    """``[{"region", "value", "unit"}]``, one bar per region, highest first (growth rates preferred)."""
    kind = Kind(kind) if kind else None
    selected = [
        row for row in rows
        if row.indicator == indicator and (year is None or row.year == year) and (kind is None or row.kind is kind)
    ]
    chosen = one_per_region(selected)
    chosen.sort(key=lambda r: (-r.value, r.region))
    return [{"region": row.region, "value": row.value, "unit": row.unit} for row in chosen]


def to_csv(rows: Iterable[IndicatorRow]) -> str:
    """The rows as CSV text with the display columns (UTF-8 without BOM; open with encoding='utf-8')."""
    return csv_text(DISPLAY_COLUMNS, rows_for_display(rows))


IndicatorView = TableView  # the table, chart_data() (one bar per region) and the CSV


def indicator_view(
    rows: Sequence[IndicatorRow], indicator: str | None, year: int | None, kind: Kind | str | None
) -> IndicatorView:
    """The filtered table, the bars across regions (when one indicator is chosen) and the CSV."""
    kind = Kind(kind) if kind else None
    selected = [
        row for row in rows
        if (indicator is None or row.indicator == indicator) and (year is None or row.year == year)
        and (kind is None or row.kind is kind)
    ]
    chart = chart_data(selected, indicator, year, kind) if indicator else []
    return table_view(DISPLAY_COLUMNS, rows_for_display(selected), chart)
