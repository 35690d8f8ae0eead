"""The indicator table for people: rows with bilingual columns, bars across regions, CSV.

Feeds the page's indicators tab (``page/indicators.py``) and the ``indicators`` CLI command.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assistant.core.datatypes import Kind
from assistant.knowledge.lexicon import get_indicator
from assistant.readers.table import KIND_EN, KIND_ZH, one_per_region
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
        indicator = get_indicator(row.indicator)
        display.append(
            {
                "地区 Region": row.region,
                "年份 Year": row.year,
                "指标 Indicator": f"{indicator.zh} {indicator.en}",
                "类型 Kind": f"{KIND_ZH[row.kind]} {KIND_EN[row.kind]}",
                "数值 Value": row.value,
                "上限 Upper": row.upper,
                "单位 Unit": row.unit,
                "限定 Qualifier": row.qualifier,
                "增减 Change": {"up": "增长 up", "down": "下降 down"}.get(row.direction, ""),
                "原文 Quote": " ".join(row.quote.split()),
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
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(DISPLAY_COLUMNS))
    writer.writeheader()
    writer.writerows(rows_for_display(rows))
    return buffer.getvalue()


@dataclass(frozen=True)
class IndicatorView:
    """What the page's indicators tab shows for one choice of indicator, year and kind."""

    headers: tuple[str, ...]
    table: list[list]  # rows of DISPLAY_COLUMNS values
    chart: list[dict]  # chart_data(): one bar per region
    csv: str  # the table as CSV text


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
    display = rows_for_display(selected)
    return IndicatorView(
        headers=DISPLAY_COLUMNS,
        table=[[item[column] for column in DISPLAY_COLUMNS] for item in display],
        chart=chart_data(selected, indicator, year, kind) if indicator else [],
        csv=to_csv(selected),
    )
