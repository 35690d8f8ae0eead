"""The table reader: comparisons and rankings answered from the indicator table.

"2024年各地GDP增长目标对比", "哪个地区2024年社会消费品零售总额增长目标最高" or "Compare the 2024 GDP
targets of Ganzhou and Pingxiang" are answered from the rows of ``index.indicators``: one figure
per region, each with its own citation (the exact original quote), best first (lowest first when
the question asks for the lowest).

Which rows are compared: the question's first indicator; its years (or else the latest year
the table has for it); its kind (or else target, then actual, then estimate, whichever the
table has first); the regions the question names (or every region). Growth rates (%) are
preferred over levels (亿元) when a region has both, so figures of one unit are ranked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from assistant.core.datatypes import Answer, Citation, Kind, ParsedQuestion, Passage, Region
from assistant.knowledge.cues import KIND_EN, KIND_ZH
from assistant.knowledge.figures import QUALIFIERS_EN
from assistant.knowledge.lexicon import get_indicator
from assistant.readers.base import ReadContext, Reader
from index.indicators import IndicatorRow

__all__ = ["KIND_EN", "KIND_ZH", "TableReader", "answer_from_table", "one_per_region", "regions_named", "select_rows"]

_KIND_PREFERENCE = (Kind.TARGET, Kind.ACTUAL, Kind.ESTIMATE)


class TableReader(Reader):
    """A comparison or ranking from the indicator table; nothing (None) when the table has no rows for it."""

    name = "table"
    reads_passages = False

    def read(self, parsed: ParsedQuestion, passages: Sequence[Passage], context: ReadContext) -> Answer | None:
        """The regions compared are every region the question names, matched to the index's region names."""
        if not parsed.indicators or context.index is None:
            return None
        rows = context.index.indicator_rows(indicator=parsed.indicators[0])
        if context.report_year:
            rows = [row for row in rows if row.report_year == context.report_year]
        if not rows:
            return None
        records = context.index.documents()
        gazetteer = context.index.gazetteer()
        index_regions = sorted({r.meta.region for r in records if r.meta.region})
        english = {name: region.english for name in index_regions if (region := gazetteer.get(name))}
        return answer_from_table(
            parsed,
            rows,
            parsed.language,
            regions=regions_named(parsed.regions, index_regions),
            english_names=english,
            titles={r.meta.source: r.meta.title for r in records},
        )


# ---------------------------------------------------------------------------------------------
# Choosing the rows


def regions_named(regions: Iterable[Region], index_regions: Iterable[str]) -> tuple[str, ...]:
    """Index region names for the regions a question names (``ParsedQuestion.regions``), in order.

    A region stands for the index regions with its name or ending with it ("青山湖区" ->
    "南昌市青山湖区"), so every region named counts, not just the most specific.
    """
    index_regions = list(index_regions)
    found: list[str] = []
    for named in regions:
        name = named.name
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


def one_per_region(rows: Sequence[IndicatorRow], kind: Kind | None = None) -> list[IndicatorRow]:
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
    chosen = one_per_region([row for row in candidates if row.kind in accepted], kind)
    ascending = parsed.lowest_first
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
    qualifier = QUALIFIERS_EN.get(row.qualifier, row.qualifier)
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
    superlative = parsed.superlative and len(chosen) > 1
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
    kind = KIND_ZH[Kind(described["kind"])]
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
    kind = KIND_EN[Kind(described["kind"])]
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
