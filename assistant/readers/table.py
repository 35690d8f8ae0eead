"""Answers from the indicator table: comparisons, rankings, cross-checks, and rows for display.

* :func:`answer_from_table` answers "2024年各地GDP增长目标对比", "哪个地区2024年社会消费品零售总额
  增长目标最高" or "Compare the 2024 GDP targets of Ganzhou and Pingxiang" from the rows of
  ``index.indicators``: one figure per region, each with its own citation (the exact original
  quote), best first (lowest first when the question asks for the lowest).
* :func:`cross_check` compares a single-figure answer with the table row for the same region,
  year, indicator and kind, and returns notices when they disagree.
* :func:`rows_for_display`, :func:`chart_data` and :func:`to_csv` feed the page's indicators tab
  and the ``indicators`` CLI command.

Which rows are compared: the question's first indicator; its years (or else the latest year
the table has for it); its kind (or else target, then actual, then estimate, whichever the
table has first); the regions the question names (or every region). Growth rates (%) are
preferred over levels (亿元) when a region has both, so figures of one unit are ranked.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from assistant.core.datatypes import Answer, Citation, Kind, ParsedQuestion
from assistant.knowledge.figures import extract_figures, figures_equal
from assistant.knowledge.lexicon import get_indicator
from index.indicators import IndicatorRow, find_mentions

__all__ = [
    "answer_from_table", "cross_check", "select_rows", "regions_named", "rows_for_display", "chart_data",
    "to_csv", "indicator_view", "IndicatorView", "DISPLAY_COLUMNS",
]

_ASCENDING = re.compile(r"最低|最少|最小|最慢|最差|\b(?:lowest|smallest|least|slowest|fewest|minimum)\b", re.I)
_SUPERLATIVE = re.compile(
    r"最高|最低|最多|最少|最大|最小|最快|最慢|哪个|哪些|哪一|排名|排行"
    r"|\b(?:highest|lowest|largest|smallest|fastest|slowest|most|least|which|rank(?:ed|ing)?|top)\b",
    re.I,
)
_KIND_ZH = {Kind.TARGET: "目标", Kind.ACTUAL: "实际", Kind.ESTIMATE: "预计"}
_KIND_EN = {Kind.TARGET: "target", Kind.ACTUAL: "actual", Kind.ESTIMATE: "estimate"}
_KIND_PREFERENCE = (Kind.TARGET, Kind.ACTUAL, Kind.ESTIMATE)
_QUALIFIER_EN = {"左右": "about", "以上": "at least", "以内": "at most", "以下": "below", "力争": "aiming for",
                 "突破": "over", "约": "about", "超过": "over", "近": "nearly"}

DISPLAY_COLUMNS = (
    "地区 Region", "年份 Year", "指标 Indicator", "类型 Kind", "数值 Value", "上限 Upper", "单位 Unit",
    "限定 Qualifier", "增减 Change", "原文 Quote", "来源 Source", "报告年份 Report year",
)


# ---------------------------------------------------------------------------------------------
# Choosing the rows


def regions_named(text: str, gazetteer, index_regions: Iterable[str]) -> tuple[str, ...]:
    """Index region names the text mentions, in text order (every mention, not just the most specific).

    The gazetteer finds the mentions ("Ganzhou", "萍乡", "青山湖区"); a mention stands for the
    index regions with that name or ending with it ("青山湖区" -> "南昌市青山湖区").
    """
    index_regions = list(index_regions)
    found: list[str] = []
    for match in gazetteer.find_all(text):
        name = match.region.name
        for region in index_regions:
            if (region == name or region.endswith(name)) and region not in found:
                found.append(region)
    return tuple(found)


def _kind_for(parsed: ParsedQuestion, rows: Sequence[IndicatorRow]) -> Kind | None:
    if parsed.kind is not None:
        return parsed.kind
    kinds = {row.kind for row in rows}
    return next((kind for kind in _KIND_PREFERENCE if kind in kinds), None)


def _preferred_unit(rows: Sequence[IndicatorRow]) -> str:
    units = [row.unit for row in rows]
    if not units:
        return ""
    return "%" if "%" in units else max(sorted(set(units)), key=units.count)


def _one_per_region(rows: Sequence[IndicatorRow], kind: Kind | None = None) -> list[IndicatorRow]:
    """Per region: the growth rate (%) if any region has one (else the commonest unit), the
    asked kind before an estimate standing in for it, the latest year, the newest report."""
    unit = _preferred_unit(rows)
    by_region: dict[str, list[IndicatorRow]] = {}
    for row in rows:
        if row.unit == unit:
            by_region.setdefault(row.region, []).append(row)
    return [
        min(region_rows, key=lambda r: (r.kind is not kind, -(r.year or 0), -(r.report_year or 0), r.start))
        for region_rows in by_region.values()
    ]


def select_rows(
    parsed: ParsedQuestion, rows: Sequence[IndicatorRow], regions: Sequence[str] | None = None
) -> tuple[list[IndicatorRow], dict]:
    """The rows a comparison of ``parsed`` ranks (one per region, best first) and what was compared.

    Without a year in the question each region's latest year is used. An actual figure a
    region's report only estimates (预计) is stood in for by the estimate, which the text marks.
    """
    if not parsed.indicators:
        return [], {}
    indicator = parsed.indicators[0]
    candidates = [row for row in rows if row.indicator == indicator]
    if regions:
        candidates = [row for row in candidates if row.region in regions]
    if parsed.years:
        candidates = [row for row in candidates if row.year in parsed.years]
    kind = _kind_for(parsed, candidates)
    accepted = (Kind.ACTUAL, Kind.ESTIMATE) if kind is Kind.ACTUAL else (kind,)
    chosen = _one_per_region([row for row in candidates if row.kind in accepted], kind)
    ascending = bool(_ASCENDING.search(parsed.text))
    chosen.sort(key=lambda r: (r.value if ascending else -r.value, r.region))
    described = {
        "indicator": indicator,
        "years": sorted({row.year for row in chosen if row.year}),
        "kind": kind.value if kind else None,
        "regions": [row.region for row in chosen],
        "unit": chosen[0].unit if chosen else "",
        "order": "ascending" if ascending else "descending",
        "source": "indicator table",
    }
    return chosen, described


# ---------------------------------------------------------------------------------------------
# Answering


def _citation(row: IndicatorRow, number: int, titles: Mapping[str, str]) -> Citation:
    return Citation(
        source=row.source,
        title=titles.get(row.source, row.source),
        region=row.region,
        year=row.report_year,
        quote=row.quote,
        start=row.start,
        end=row.end,
        number=number,
    )


def _figure_zh(row: IndicatorRow, described: dict | None = None) -> str:
    change = {"up": "增长", "down": "下降"}.get(row.direction, "")
    year = f"{row.year}年" if described and len(described["years"]) > 1 and row.year else ""
    estimate = "预计" if described and row.kind.value != described["kind"] else ""
    return f"{year}{estimate}{change}{row.figure_text}"


def _figure_en(row: IndicatorRow, described: dict | None = None) -> str:
    marks = []
    if described and len(described["years"]) > 1 and row.year:
        marks.append(str(row.year))
    if described and row.kind.value != described["kind"]:
        marks.append("estimated")
    prefix = f"({', '.join(marks)}) " if marks else ""
    qualifier = _QUALIFIER_EN.get(row.qualifier, row.qualifier)
    number = f"{row.value:g}" + (f"-{row.upper:g}" if row.upper is not None else "")
    change = {"up": "growth of ", "down": "a decline of "}.get(row.direction, "")
    amount = f"{number}{row.unit}" if row.unit in ("%", "") else f"{number} {row.unit}"
    return f"{prefix}{change}{qualifier + ' ' if qualifier else ''}{amount}"


def answer_from_table(
    parsed: ParsedQuestion,
    rows: Sequence[IndicatorRow],
    language: str,
    *,
    regions: Sequence[str] | None = None,
    english_names: Mapping[str, str] | None = None,
    titles: Mapping[str, str] | None = None,
) -> Answer | None:
    """A comparison or ranking answered from the table, one citation per figure; None if no row fits.

    ``regions`` are the index regions the question names (see :func:`regions_named`): with none,
    every region is compared; with two or more, only those, and a named region without a figure
    is said so; with exactly one, None (the question compares years or indicators of one region,
    which the extractive reader handles).
    ``english_names`` maps index regions to English names; ``titles`` maps sources to titles.
    """
    named = list(regions or ())
    if len(named) == 1:
        return None  # one region named: a comparison across years or indicators, not across regions
    chosen, described = select_rows(parsed, rows, named or None)
    if not chosen:
        return None
    english_names, titles = english_names or {}, titles or {}
    citations = tuple(_citation(row, number, titles) for number, row in enumerate(chosen, start=1))
    missing = [region for region in named if region not in described["regions"]]
    superlative = bool(_SUPERLATIVE.search(parsed.text)) and len(chosen) > 1
    if language == "en":
        text = _text_en(chosen, described, superlative, missing, english_names)
    else:
        text = _text_zh(chosen, described, superlative, missing)
    return Answer(
        question=parsed.text,
        text=text,
        abstained=False,
        citations=citations,
        parsed=parsed,
        reader="table",
        filters=described,
    )


def _text_zh(chosen: list[IndicatorRow], described: dict, superlative: bool, missing: list[str]) -> str:
    name = get_indicator(described["indicator"]).zh
    kind = _KIND_ZH[Kind(described["kind"])]
    years = "、".join(str(y) for y in described["years"])
    subject = f"{years}年{name}{kind}" if years else f"{name}{kind}"
    items = "；".join(f"{row.region}{_figure_zh(row, described)} [{n}]" for n, row in enumerate(chosen, start=1))
    if superlative:
        first = chosen[0]
        ascending = described["order"] == "ascending"
        word, order = ("最低", "从低到高") if ascending else ("最高", "从高到低")
        text = f"{subject}{word}的是{first.region}：{_figure_zh(first, described)} [1]。各地区{order}：{items}。"
    else:
        text = f"{subject}对比：{items}。"
    if missing:
        text += f"{'、'.join(missing)}的报告中没有这一数字。"
    return text


def _text_en(
    chosen: list[IndicatorRow], described: dict, superlative: bool, missing: list[str], names: Mapping[str, str]
) -> str:
    def region(name: str) -> str:
        return f"{names[name]} ({name})" if names.get(name) else name

    name = get_indicator(described["indicator"]).en
    kind = _KIND_EN[Kind(described["kind"])]
    years = ", ".join(str(y) for y in described["years"])
    subject = f"{years} {name} {kind}".strip()
    items = "; ".join(f"{region(row.region)}: {_figure_en(row, described)} [{n}]" for n, row in enumerate(chosen, start=1))
    if superlative:
        word = "lowest" if described["order"] == "ascending" else "highest"
        order = "lowest to highest" if described["order"] == "ascending" else "highest to lowest"
        text = (
            f"The {word} {subject} is {region(chosen[0].region)}'s: {_figure_en(chosen[0], described)} [1]. "
            f"All regions, {order}: {items}."
        )
    else:
        text = f"{subject[0].upper() + subject[1:]} by region: {items}."
    if missing:
        text += f" The reports of {', '.join(region(m) for m in missing)} do not state this figure."
    return text


# ---------------------------------------------------------------------------------------------
# Cross-checking a single answer


def _answer_figure(quote: str, indicator: str):
    """The figure that follows the indicator's name in a quote, else the quote's first figure."""
    figures = extract_figures(quote)
    if not figures:
        return None
    for mention in find_mentions(quote):
        if mention.value == indicator:
            after = [f for f in figures if f.start >= mention.end]
            if after:
                return after[0]
    return figures[0]


def cross_check(answer: Answer, rows: Sequence[IndicatorRow]) -> tuple[str, ...]:
    """Notices when the answer's figure disagrees with the table row of the same region, year, kind.

    Nothing is said when the answer abstained, the question names no indicator or year, the table
    has no row for it, or the rows measure another unit (a level where the answer gives a rate).
    """
    parsed = answer.parsed
    if answer.abstained or parsed is None or not parsed.indicators or not parsed.years or not answer.citations:
        return ()
    citation = answer.citations[0]
    indicator = parsed.indicators[0]
    figure = _answer_figure(citation.quote, indicator)
    if figure is None:
        return ()
    same = [
        row for row in rows
        if row.indicator == indicator and row.region == citation.region and row.year in parsed.years
        and (parsed.kind is None or row.kind is parsed.kind)
    ]
    comparable = [row for row in same if row.figure().unit == figure.unit]
    if not comparable or any(figures_equal(row.figure(), figure) for row in comparable):
        return ()
    notices = []
    for row in comparable:
        if parsed.language == "en":
            notices.append(
                f"Check: the indicator table has {row.region}'s {row.year} {get_indicator(indicator).en} "
                f"{_KIND_EN[row.kind]} as {row.figure_text} ({row.source}: “{row.quote}”), not "
                f"{figure.text} as quoted from {citation.source}."
            )
        else:
            notices.append(
                f"核对：指标表中{row.region}{row.year}年{get_indicator(indicator).zh}{_KIND_ZH[row.kind]}为"
                f"{row.figure_text}（{row.source}：“{row.quote}”），与回答引用的{figure.text}"
                f"（{citation.source}）不一致。"
            )
    return tuple(notices)


# ---------------------------------------------------------------------------------------------
# Display


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
                "类型 Kind": f"{_KIND_ZH[row.kind]} {_KIND_EN[row.kind]}",
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
    chosen = _one_per_region(selected)
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
