"""The 指标 Indicators tab: the indicator table, a bar chart across regions and a CSV download; below
them the ledger (目标与实际: target against result by year, ``page/ledger.py``).

Built inside the page's ``gr.Tabs`` by ``app.build_app``; the data comes from
``Assistant.indicator_rows()`` through ``assistant.interfaces.indicator_table.indicator_view``.
"""

from __future__ import annotations

import tempfile

from assistant.interfaces.page.forms import ALL, parse_year
from assistant.interfaces.page.ledger import build_ledger_section

KINDS = [("全部 all", ALL), ("目标 target", "target"), ("实际 actual", "actual"), ("预计 estimate", "estimate")]


def indicator_outputs(assistant, indicator: str, year: str, kind: str):
    """(table rows, bar chart data, CSV file to download) for one choice of the tab's dropdowns."""
    import pandas as pd

    from assistant.interfaces.indicator_table import indicator_view

    kind_value = None if kind in ("", ALL) else kind
    view = indicator_view(assistant.indicator_rows(), indicator or None, parse_year(year), kind_value)
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8-sig", suffix=".csv", prefix="indicators-", delete=False
    ) as handle:
        handle.write(view.csv)
    return view.table, pd.DataFrame(view.chart, columns=["region", "value", "unit"]), handle.name


def build_indicators_tab(demo, assistant) -> None:
    """Add the tab (call inside ``gr.Tabs``) and wire its events, including a refresh on page load."""
    import gradio as gr

    from assistant.knowledge.lexicon import get_indicator
    from assistant.interfaces.indicator_table import DISPLAY_COLUMNS

    rows = assistant.indicator_rows()
    keys = sorted({r.indicator for r in rows}, key=lambda k: (k != "gdp", k))
    years = [ALL, *map(str, sorted({r.year for r in rows if r.year}, reverse=True))]
    with gr.Tab("指标 Indicators", id="indicators"):
        with gr.Row():
            indicator = gr.Dropdown(
                [(f"{get_indicator(k).zh} {get_indicator(k).en}", k) for k in keys],
                value="gdp" if "gdp" in keys else None,
                label="指标 Indicator",
                elem_id="indicator-choice",
            )
            year = gr.Dropdown(years, value=ALL, label="年份 Year", elem_id="indicator-year")
            kind = gr.Dropdown(KINDS, value="target", label="类型 Kind", elem_id="indicator-kind")
        chart = gr.BarPlot(
            x="region",
            y="value",
            sort="-y",
            y_lim=[0, None],  # bars start at zero, so their heights compare honestly
            x_label_angle=-45,  # region names stay apart on a phone's 400 px as on a desktop
            x_title="地区 Region",
            y_title="数值 Value",
            label="各地区对比 By region",
            elem_id="indicator-chart",
        )
        table = gr.Dataframe(
            headers=list(DISPLAY_COLUMNS),
            interactive=False,
            wrap=True,
            elem_id="indicator-table",
            label="指标表 Indicator table",
        )
        csv = gr.DownloadButton("下载 CSV Download", elem_id="indicator-csv")
        build_ledger_section(demo, assistant)  # did they meet the target: target against result by year

    def show(indicator_key: str, year_value: str, kind_value: str):
        return indicator_outputs(assistant, indicator_key, year_value, kind_value)

    io = {"inputs": [indicator, year, kind], "outputs": [table, chart, csv], "api_visibility": "private"}
    for control in (indicator, year, kind):
        control.change(show, **io)
    demo.load(show, **io)
