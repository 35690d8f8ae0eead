"""What the indicator table and the ledger share when shown to people: bilingual labels, quotes on one
line, and a view of dicts by bilingual column as a table, a chart and CSV text."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.core.datatypes import Kind
from assistant.knowledge.cues import KIND_EN, KIND_ZH
from assistant.knowledge.lexicon import get_indicator

CHANGE_ZH = {"up": "增长", "down": "下降"}  # a figure's direction, as a report writes it


def indicator_label(key: str) -> str:
    """An indicator by its Chinese and English names: "地区生产总值 GDP"."""
    indicator = get_indicator(key)
    return f"{indicator.zh} {indicator.en}"


def kind_label(kind: Kind) -> str:
    """A figure's kind in Chinese and English: "目标 target"."""
    return f"{KIND_ZH[kind]} {KIND_EN[kind]}"


def one_line(text: str) -> str:
    """A quote with its line breaks and runs of spaces made single spaces."""
    return " ".join(text.split())


def csv_text(columns: Sequence[str], display: Sequence[dict]) -> str:
    """Display dicts as CSV text with these columns (UTF-8 without BOM; open with encoding='utf-8')."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns))
    writer.writeheader()
    writer.writerows(display)
    return buffer.getvalue()


@dataclass(frozen=True)
class TableView:
    """What the page's indicators tab shows for one choice: the table, the chart and the CSV."""

    headers: tuple[str, ...]
    table: list[list]  # rows of the headers' values
    chart: list[dict]  # the chart's points
    csv: str  # the table as CSV text


def table_view(columns: tuple[str, ...], display: Sequence[dict], chart: list[dict]) -> TableView:
    return TableView(
        headers=columns,
        table=[[item[column] for column in columns] for item in display],
        chart=chart,
        csv=csv_text(columns, display),
    )
