"""The 目标与实际 Targets vs results section of the indicators tab: did a region meet its targets?

For one region and indicator: a chart of the target against the result by year, the ledger's table
(status, margin, both reports and quotes) and a CSV download. The data comes from
``Assistant.ledger()`` through ``assistant.interfaces.ledger_view``.
"""

from __future__ import annotations

import tempfile

from assistant.core.datatypes import LedgerRow

CHART_COLUMNS = ["year", "series", "value", "status"]


def ledger_choices(rows: list[LedgerRow]) -> tuple[list[str], list[str]]:
    """Regions and indicator keys the ledger has, the most judged first (their charts say the most)."""
    judged: dict[str, int] = {}
    for row in rows:
        judged[row.region] = judged.get(row.region, 0) + (row.target is not None and row.result is not None)
    regions = sorted(judged, key=lambda region: (-judged[region], region))
    indicators = sorted({row.indicator for row in rows}, key=lambda key: (key != "gdp", key))
    return regions, indicators


def ledger_outputs(assistant, region: str, indicator: str):
    """(table rows, chart data, CSV file to download) for one region and indicator."""
    import pandas as pd

    from assistant.interfaces.ledger_view import ledger_view

    rows = assistant.ledger(region=region or None, indicator=indicator or None) if region else []
    view = ledger_view(rows)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8-sig", suffix=".csv", prefix="ledger-", delete=False) as handle:
        handle.write(view.csv)
    return view.table, pd.DataFrame(view.chart, columns=CHART_COLUMNS), handle.name


def build_ledger_section(demo, assistant) -> None:
    """Add the section (call inside the indicators tab) and wire its events, with a refresh on page load."""
    import gradio as gr

    from assistant.interfaces.ledger_view import LEDGER_COLUMNS, RESULT_SERIES, TARGET_SERIES
    from assistant.knowledge.lexicon import get_indicator

    regions, indicators = ledger_choices(assistant.ledger())
    gr.Markdown("### 目标与实际 Targets vs results", elem_id="ledger-heading")
    with gr.Row():
        region = gr.Dropdown(regions, value=regions[0] if regions else None, label="地区 Region", elem_id="ledger-region")
        indicator = gr.Dropdown(
            [(f"{get_indicator(k).zh} {get_indicator(k).en}", k) for k in indicators],
            value="gdp" if "gdp" in indicators else (indicators[0] if indicators else None),
            label="指标 Indicator",
            elem_id="ledger-indicator",
        )
    chart = gr.LinePlot(
        x="year",
        y="value",
        color="series",
        color_map={TARGET_SERIES: "#9ca3af", RESULT_SERIES: "#2563eb"},
        x_title="年份 Year",
        y_title="数值 Value",
        tooltip=["year", "series", "value", "status"],
        label="目标与实际 Target vs result",
        elem_id="ledger-chart",
    )
    table = gr.Dataframe(
        headers=list(LEDGER_COLUMNS), interactive=False, wrap=True, elem_id="ledger-table", label="目标与实际 Ledger"
    )
    csv = gr.DownloadButton("下载 CSV Download", elem_id="ledger-csv")

    def show(region_name: str, indicator_key: str):
        return ledger_outputs(assistant, region_name, indicator_key)

    io = {"inputs": [region, indicator], "outputs": [table, chart, csv], "api_visibility": "private"}
    for control in (region, indicator):
        control.change(show, **io)
    demo.load(show, **io)
