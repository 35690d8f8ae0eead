"""The ledger reader: "did it meet its target?" and "targets against results over the years".

Answered from the ledger (``index.ledger``): each year's target (from that year's report) against its
result (from the next year's report), each figure cited to its own report, so a status answer has
two citations. Three shapes:

* status, one region and year: "海拉尔区2016年地区生产总值增长目标为7.5%[1]，实际增长7.2%[2]：未完成目标，差0.3个百分点。"
* series, one region over years: one line per year, target and result, each cited;
* regions, one year across regions: which met, which met within the 左右 tolerance, which missed,
  which have no result yet.

What is missing is said, not guessed: "2019年的实际数尚未索引（应见2020年报告）", "2018年报告未设定…目标".
The composition here is pure (rows in, text and citations out); the reader class adapts it to the
question and the index.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from assistant.core.datatypes import (
    Answer, AnswerKind, Citation, DocumentMeta, LedgerFigure, LedgerRow, LedgerStatement, LedgerStatus, Level, ParsedQuestion,
    Passage, content_hash,
)
from assistant.core.settings import Settings
from assistant.knowledge.gazetteer import split_compound
from assistant.knowledge.lexicon import get_indicator
from assistant.readers.base import ReadContext, Reader
from assistant.readers.table import regions_named

if TYPE_CHECKING:
    from assistant.knowledge.gazetteer import Gazetteer
    from index.store import DocumentRecord

__all__ = [
    "LedgerAnswer",
    "LedgerReader",
    "ledger_shape",
    "compose_regions",
    "compose_series",
    "compose_status",
    "rows_for",
]

_QUALIFIER_EN = {"左右": "about", "以上": "at least", "以内": "at most", "以下": "below", "力争": "aiming for"}
_STATUS_ZH = {
    LedgerStatus.MET: "完成",
    LedgerStatus.MET_WITHIN_TOLERANCE: "基本完成（在容差内）",
    LedgerStatus.MISSED: "未完成",
    LedgerStatus.NO_RESULT: "尚无实际数",
    LedgerStatus.NO_TARGET: "未设目标",
}
_STATUS_EN = {
    LedgerStatus.MET: "met",
    LedgerStatus.MET_WITHIN_TOLERANCE: "met within tolerance",
    LedgerStatus.MISSED: "missed",
    LedgerStatus.NO_RESULT: "no result yet",
    LedgerStatus.NO_TARGET: "no target",
}


@dataclass(frozen=True)
class LedgerAnswer:
    """What a ledger answer says: its text, its citations (numbered as the text cites them), the rows
    it was read from, and whether it abstains (nothing in the ledger for the question)."""

    text: str
    citations: tuple[Citation, ...]
    rows: tuple[LedgerRow, ...]
    abstained: bool = False
    reader: str = "ledger"
    notices: tuple[str, ...] = ()


# ---------------------------------------------------------------------------------------------
# Choosing rows


def rows_for(
    ledger: Iterable[LedgerRow],
    regions: Sequence[str] = (),
    indicator: str | None = None,
    years: Sequence[int] = (),
    measure: str | None = None,
) -> list[LedgerRow]:
    """One row per (region, indicator, year) of the ledger that the question is about.

    ``measure`` "rate" or "level" picks that measure where the ledger has it (a question about 增长
    asks for the rate); otherwise the headline row: a paired row before an unpaired one, a target
    before a result alone, a growth rate before a level.
    """
    best: dict[tuple, LedgerRow] = {}
    for row in ledger:
        if regions and row.region not in regions:
            continue
        if indicator and row.indicator != indicator:
            continue
        if years and row.year not in years:
            continue
        key = (row.region, row.indicator, row.year)
        if key not in best or _rank(row, measure) < _rank(best[key], measure):
            best[key] = row
    return [best[key] for key in sorted(best)]


def _rank(row: LedgerRow, measure: str | None) -> tuple:
    return (
        measure is not None and row.measure != measure,
        row.target is None or row.result is None,
        row.target is None,
        row.measure != "rate",
    )


# ---------------------------------------------------------------------------------------------
# Figures and citations


class _Citations:
    """Numbers figures in the order the text cites them; a figure cited twice keeps its number."""

    def __init__(self, titles: Mapping[str, str]) -> None:
        self.titles = titles
        self.items: list[Citation] = []

    def cite(self, region: str, figure: LedgerFigure | LedgerStatement) -> int:
        for citation in self.items:
            if (citation.source, citation.start, citation.end) == (figure.source, figure.start, figure.end):
                return citation.number
        number = len(self.items) + 1
        self.items.append(
            Citation(
                source=figure.source,
                title=self.titles.get(figure.source, figure.source),
                region=region,
                year=figure.report_year,
                quote=figure.quote,
                start=figure.start,
                end=figure.end,
                number=number,
            )
        )
        return number


_PRICE_INDICATORS = ("cpi",)  # prices rise (涨幅, 上涨) rather than grow


def _change_zh(figure: LedgerFigure, result: bool = False, indicator: str = "") -> str:
    if figure.direction == "up":
        if indicator in _PRICE_INDICATORS:
            return "上涨" if result else "涨幅"
        return "增长"
    if figure.direction == "down":
        return "下降"
    return "为" if result else ""


def _figure_text_zh(figure: LedgerFigure) -> str:
    return "".join(figure.figure_text.split())


def _figure_text_en(figure: LedgerFigure) -> str:
    number = f"{figure.value:g}" + (f"-{figure.upper:g}" if figure.upper is not None else "")
    amount = f"{number}{figure.unit}" if figure.unit in ("%", "") else f"{number} {figure.unit}"
    qualifier = _QUALIFIER_EN.get(figure.qualifier, "")
    return f"{qualifier} {amount}".strip()


def _change_en(figure: LedgerFigure) -> str:
    return {"up": "growth", "down": "decline"}.get(figure.direction, "")


def _margin_zh(row: LedgerRow) -> str:
    amount = abs(row.margin or 0)
    unit = row.margin_unit or ""
    return f"{amount:g}{unit}"


def _margin_en(row: LedgerRow) -> str:
    amount = abs(row.margin or 0)
    if row.measure == "rate":
        return f"{amount:g} percentage point{'s' if amount != 1 else ''}"
    return f"{amount:g} {row.margin_unit}".strip()


# ---------------------------------------------------------------------------------------------
# One row


def _subject_zh(row: LedgerRow, name: str, with_year: bool = True) -> str:
    indicator = get_indicator(row.indicator).zh
    year = f"{row.year}年" if with_year else ""
    return f"{name}{year}{indicator}"


def _row_zh(row: LedgerRow, name: str, cite: _Citations, with_subject: bool = True) -> str:
    """One row in Chinese: target and result, each cited, then the verdict or what is missing."""
    subject = _subject_zh(row, name) if with_subject else f"{row.year}年"
    indicator = get_indicator(row.indicator).zh
    parts = []
    if row.target is not None:
        change = _change_zh(row.target, indicator=row.indicator)
        parts.append(f"{subject}{change}目标为{_figure_text_zh(row.target)}[{cite.cite(row.region, row.target)}]")
    if row.result is not None:
        said = "预计" if row.estimated else "实际"
        change = _change_zh(row.result, result=True, indicator=row.indicator)
        result = f"{said}{change}{_figure_text_zh(row.result)}[{cite.cite(row.region, row.result)}]"
        if row.estimated:
            result += f"（{row.result.report_year}年报告的预计数，尚无实际数）"
        parts.append(result if row.target is not None else f"{subject}{result}")
    if row.statement is not None:
        said = "".join(row.statement.quote.split())
        parts.append(f"{row.statement.report_year}年报告称“{said}”[{cite.cite(row.region, row.statement)}]")
    text = "，".join(parts)
    verdict = _verdict(row, indicator, "zh")
    return f"{text}：{verdict}" if text else verdict


def _row_en(row: LedgerRow, name: str, cite: _Citations, with_subject: bool = True) -> str:
    indicator = get_indicator(row.indicator).en
    parts = []
    if row.target is not None:
        change = f" {_change_en(row.target)}" if _change_en(row.target) else ""
        if with_subject:
            parts.append(f"{name}'s {row.year} {indicator}{change} target was {_figure_text_en(row.target)} "
                         f"[{cite.cite(row.region, row.target)}]")
        else:
            parts.append(f"{row.year}: target {_figure_text_en(row.target)} [{cite.cite(row.region, row.target)}]")
    if row.result is not None:
        said = "estimate" if row.estimated else "result"
        figure = f"{_change_en(row.result)} of {_figure_text_en(row.result)}" if _change_en(row.result) else _figure_text_en(row.result)
        if with_subject:
            lead = f"the {said} was" if row.target is not None else f"{name}'s {row.year} {indicator} {said} was"
        else:
            lead = said if row.target is not None else f"{row.year}: {said}"
        result = f"{lead} {figure} [{cite.cite(row.region, row.result)}]"
        if row.estimated:
            result += f" (estimated in the {row.result.report_year} report; no actual figure yet)"
        parts.append(result)
    if row.statement is not None:
        parts.append(f"the {row.statement.report_year} report says it was not met "
                     f"[{cite.cite(row.region, row.statement)}]")
    text = "; ".join(parts)
    verdict = _verdict(row, indicator, "en")
    return f"{text}: {verdict}" if text else verdict


# What the ledger concludes, per status and side (a floor: at least; a ceiling: at most), per language.
_VERDICTS = {
    "zh": {
        "estimated": "按预计数，",
        "exact": "完成目标（恰好达到）",
        "met_floor": "完成目标（超出目标{margin}）",
        "met_ceiling": "完成目标（比目标低{margin}）",
        "within_floor": "基本完成：低于“左右”目标{margin}，在{tolerance}的容差内",
        "within_ceiling": "基本完成：高于“左右”目标{margin}，在{tolerance}的容差内",
        "missed_floor": "未完成目标，差{margin}",
        "missed_ceiling": "未完成目标，超出目标{margin}",
        "missed_in_words": "未完成目标（报告未给出实际数）",
        "not_stated": "尚无实际数：{expected}年报告未给出{year}年的{indicator}实际数",
        "not_indexed": "尚无实际数：{year}年的实际数尚未索引（应见{expected}年报告）",
        "no_target": "{year}年报告未设定这一指标的量化目标",
        "no_target_report": "{year}年报告尚未索引，没有可比的目标",
    },
    "en": {
        "estimated": "on the estimate, ",
        "exact": "met (exactly on target)",
        "met_floor": "met ({margin} above the target)",
        "met_ceiling": "met ({margin} below the ceiling)",
        "within_floor": "met within tolerance ({margin} below an \"about\" target; the tolerance is {tolerance})",
        "within_ceiling": "met within tolerance ({margin} above an \"about\" target; the tolerance is {tolerance})",
        "missed_floor": "missed by {margin}",
        "missed_ceiling": "missed ({margin} above the ceiling)",
        "missed_in_words": "missed (the report gives no figure)",
        "not_stated": "no result yet: the {expected} report states no {year} figure",
        "not_indexed": "no result yet: the {year} result is not indexed (it would be in the {expected} report)",
        "no_target": "the {year} report sets no numeric target for {indicator}",
        "no_target_report": "the {year} report is not indexed, so there is no target to compare",
    },
}


def _verdict(row: LedgerRow, indicator: str, language: str) -> str:
    """What the ledger concludes for ``row`` (``indicator`` named in ``language``)."""
    words = _VERDICTS["en" if language == "en" else "zh"]
    side = "ceiling" if row.ceiling else "floor"
    status = row.status
    if status is LedgerStatus.MET:
        key = f"met_{side}" if row.margin else "exact"
    elif status is LedgerStatus.MET_WITHIN_TOLERANCE:
        key = f"within_{side}"
    elif status is LedgerStatus.MISSED:
        key = f"missed_{side}" if row.result is not None else "missed_in_words"
    elif status is LedgerStatus.NO_RESULT:
        key = "not_stated" if row.result_report_indexed else "not_indexed"
    else:
        key = "no_target" if row.target_report_indexed else "no_target_report"
    margin = _margin_en(row) if language == "en" else _margin_zh(row)
    tolerance = "" if row.tolerance is None else _margin_en(replace(row, margin=row.tolerance)) if language == "en" \
        else f"{row.tolerance:g}{row.margin_unit}"
    text = words[key].format(margin=margin, tolerance=tolerance, year=row.year, expected=row.result_expected_in,
                             indicator=indicator)
    judged = status in (LedgerStatus.MET, LedgerStatus.MET_WITHIN_TOLERANCE, LedgerStatus.MISSED)
    return words["estimated"] + text if row.estimated and judged else text


def _sentence(text: str, language: str) -> str:
    if language == "en":
        text = text[0].upper() + text[1:] if text else text
        return text if text.endswith(".") else text + "."
    return text if text.endswith("。") else text + "。"


# ---------------------------------------------------------------------------------------------
# Answers


def compose_status(
    rows: Sequence[LedgerRow], language: str, names: Mapping[str, str], titles: Mapping[str, str] | None = None
) -> LedgerAnswer:
    """One sentence per row (usually one): target, result, verdict; each figure cited to its report."""
    cite = _Citations(titles or {})
    write = _row_en if language == "en" else _row_zh
    sentences = [_sentence(write(row, names.get(row.region, row.region), cite), language) for row in rows]
    separator = " " if language == "en" else ""
    return LedgerAnswer(separator.join(sentences), tuple(cite.items), tuple(rows))


def compose_series(
    rows: Sequence[LedgerRow], language: str, names: Mapping[str, str], titles: Mapping[str, str] | None = None
) -> LedgerAnswer:
    """A heading, then one line per year: target, result, verdict (rows of one region and indicator)."""
    cite = _Citations(titles or {})
    rows = sorted(rows, key=lambda row: row.year)
    first = rows[0]
    name = names.get(first.region, first.region)
    span = f"{rows[0].year}–{rows[-1].year}"
    if language == "en":
        heading = f"{name}: {get_indicator(first.indicator).en} targets against results, {span}"
        lines = [_sentence(_row_en(row, name, cite, with_subject=False), language) for row in rows]
    else:
        measure = "增长" if first.measure == "rate" and (first.target or first.result).direction == "up" else ""
        heading = f"{name}{get_indicator(first.indicator).zh}{measure}目标与实际（{span}年）"
        lines = [_sentence(_row_zh(row, name, cite, with_subject=False), language) for row in rows]
    return LedgerAnswer("\n".join([heading + ("：" if language != "en" else ":"), *lines]), tuple(cite.items), tuple(rows))


def compose_regions(
    rows: Sequence[LedgerRow], language: str, names: Mapping[str, str], titles: Mapping[str, str] | None = None
) -> LedgerAnswer:
    """Regions grouped by status (met, within tolerance, missed, no result, no target), each with its
    target and result cited (rows of one indicator and year)."""
    cite = _Citations(titles or {})
    first = rows[0]
    groups: dict[LedgerStatus, list[str]] = {}
    for row in sorted(rows, key=lambda r: (list(LedgerStatus).index(r.status), -(r.margin or 0), r.region)):
        english = language == "en"
        labels = ("target ", "estimate ", "result ") if english else ("目标", "预计", "实际")
        written = _figure_text_en if english else _figure_text_zh
        bits = []
        if row.target is not None:
            bits.append(f"{labels[0]}{written(row.target)}{' ' if english else ''}[{cite.cite(row.region, row.target)}]")
        if row.result is not None:
            label = labels[1] if row.estimated else labels[2]
            bits.append(f"{label}{written(row.result)}{' ' if english else ''}[{cite.cite(row.region, row.result)}]")
        name = names.get(row.region, row.region)
        item = (f"{name} ({', '.join(bits)})" if english else f"{name}（{'，'.join(bits)}）") if bits else name
        groups.setdefault(row.status, []).append(item)
    if language == "en":
        heading = f"{first.year} {get_indicator(first.indicator).en} targets, {len(rows)} regions"
        lines = [f"{_STATUS_EN[status].capitalize()} ({len(items)}): {'; '.join(items)}." for status, items in groups.items()]
        text = "\n".join([heading + ":", *lines])
    else:
        heading = f"{first.year}年{get_indicator(first.indicator).zh}目标完成情况（{len(rows)}个地区）"
        lines = [f"{_STATUS_ZH[status]}（{len(items)}个）：{'；'.join(items)}。" for status, items in groups.items()]
        text = "\n".join([heading + "：", *lines])
    return LedgerAnswer(text, tuple(cite.items), tuple(rows))


# ---------------------------------------------------------------------------------------------
# The reader


_ACROSS_REGIONS = re.compile(r"哪些|哪几个|各地|各省|各市|各区|各县|which|what regions|what provinces", re.I)
_PROVINCES = re.compile(r"省份|各省|省区市|provinces", re.I)


def ledger_shape(parsed: ParsedQuestion) -> str | None:
    """"status" (did it meet its target), "series" (targets against results over the years) or None,
    from the parser's answer kind."""
    if parsed.answer_kind in (AnswerKind.STATUS, AnswerKind.SERIES):
        return parsed.answer_kind.value
    return None


class LedgerReader(Reader):
    """Status and series questions answered from the ledger (``context.index.ledger``); None when the
    question is not one or names no indicator, so the next reader answers."""

    name = "ledger"
    reads_passages = False

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings

    def read(self, parsed: ParsedQuestion, passages: Sequence[Passage], context: ReadContext) -> Answer | None:
        shape = ledger_shape(parsed)
        asked = parsed.asked()
        if shape is None or context.index is None or not asked.indicators:
            return None
        indicator = asked.indicators[0]
        records = context.index.documents()
        gazetteer = context.index.gazetteer()
        regions, across = self._regions(parsed, records)
        ledger = [row for row in context.index.ledger(indicator=indicator) if row.region in regions] if regions else []
        names = _names(regions, parsed.language, gazetteer)
        titles = {record.meta.source: record.meta.title for record in records}
        measure = asked.wanted.measure or None
        if shape == "series" and not across:
            years = _year_span(parsed.years)
            rows = rows_for(ledger, regions[:1], indicator, years, measure)
            composed = compose_series(rows, parsed.language, names, titles) if rows else None
        elif across:
            year = parsed.years[-1] if parsed.years else _latest_judged(ledger)
            rows = rows_for(ledger, regions, indicator, [year] if year else (), measure)
            composed = compose_regions(rows, parsed.language, names, titles) if rows else None
        else:
            years = parsed.years or _latest_year(ledger)
            rows = rows_for(ledger, regions[:1], indicator, years, measure)
            composed = compose_status(rows, parsed.language, names, titles) if rows else None
            if composed is not None and len(rows) == 1 and self.settings is not None and self.settings.llm_enabled:
                composed = _written_by_llm(parsed, rows[0], composed, self.settings, names, titles)
        if composed is None:
            return _abstain(parsed, regions, indicator, records, names)
        return Answer(
            question=parsed.text,
            text=composed.text,
            abstained=False,
            citations=composed.citations,
            parsed=parsed,
            reader=composed.reader,
            notices=composed.notices,
        )

    @staticmethod
    def _regions(parsed: ParsedQuestion, records: Sequence[DocumentRecord]) -> tuple[list[str], bool]:
        """The index regions asked about, and whether the question asks across regions ("哪些省份…")."""
        indexed = sorted({record.meta.region for record in records if record.meta.region})
        named = list(regions_named(parsed.regions, indexed))
        if len(named) > 1:
            return named, True
        if named:
            return named, False
        if _ACROSS_REGIONS.search(parsed.text):
            if _PROVINCES.search(parsed.text):
                provinces = {r.meta.region for r in records if r.meta.level is Level.PROVINCE}
                return [region for region in indexed if region in provinces], True
            national = {r.meta.region for r in records if r.meta.level is Level.NATIONAL}
            return [region for region in indexed if region not in national], True
        national = sorted({r.meta.region for r in records if r.meta.level is Level.NATIONAL})
        return national, False


def _year_span(years: Sequence[int]) -> range | tuple[int, ...]:
    """"2012到2019年" is every year from 2012 to 2019; no year is every year."""
    return range(min(years), max(years) + 1) if len(years) > 1 else tuple(years)


def _latest_year(ledger: Sequence[LedgerRow]) -> tuple[int, ...]:
    """Without a year: the latest year judged (a target and a result), else the latest with a target."""
    judged = [row.year for row in ledger if row.target is not None and (row.result or row.statement)]
    targeted = [row.year for row in ledger if row.target is not None]
    latest = max(judged or targeted or [row.year for row in ledger] or [0])
    return (latest,) if latest else ()


def _latest_judged(ledger: Sequence[LedgerRow]) -> int | None:
    judged = [row.year for row in ledger if row.target is not None and row.result is not None]
    return max(judged) if judged else None


def _names(regions: Sequence[str], language: str, gazetteer: Gazetteer) -> dict[str, str]:
    """How an answer names each region: its English name, or its own last part in Chinese (海拉尔区)."""
    names = {}
    for region in regions:
        known = gazetteer.get(region)
        if language == "en":
            names[region] = known.english if known is not None and known.english else region
        else:
            names[region] = split_compound(region)[-1] if region else region
    return names


def _abstain(
    parsed: ParsedQuestion, regions: Sequence[str], indicator: str, records: Sequence[DocumentRecord],
    names: Mapping[str, str],
) -> Answer:
    """Nothing in the ledger for the question: say which reports it would need and which are indexed."""
    name = get_indicator(indicator)
    region = regions[0] if regions else ""
    shown = names.get(region, region)
    years = sorted({r.meta.year for r in records if r.meta.year and (not region or r.meta.region == region)})
    covered = f"{years[0]}–{years[-1]}" if len(years) > 1 else "、".join(map(str, years))
    asked = "、".join(map(str, parsed.years))
    if parsed.language == "en":
        what = f"{shown}'s {asked + ' ' if asked else ''}{name.en} target and result".strip()
        text = f"The indexed reports give no {what}"
        text += f" (reports indexed for {shown or 'this region'}: {covered})." if years else "; no report of that region is indexed."
        if asked:
            text += f" A year's target is in that year's report and its result in the next year's report."
    else:
        what = f"{shown}{asked + '年' if asked else ''}{name.zh}的目标与实际"
        text = f"已索引的报告中没有{what}"
        text += f"（{shown or '该地区'}已索引{covered}年的报告）。" if years else "；该地区的报告尚未索引。"
        if asked:
            text += "某年的目标见当年报告，实际数见次年报告。"
    return Answer(question=parsed.text, text=text, abstained=True, parsed=parsed, reader="ledger")


# ---------------------------------------------------------------------------------------------
# The LLM writes the two figures; the ledger gives the verdict


class _Composed(Reader):
    """The extractive ledger answer, as the LLM reader's fallback."""

    name = "ledger"
    reads_passages = False

    def __init__(self, answer: Answer) -> None:
        self.answer = answer

    def read(self, parsed: ParsedQuestion, passages: Sequence[Passage], context: ReadContext) -> Answer:
        return self.answer


def _passage(region: str, said: LedgerFigure | LedgerStatement, titles: Mapping[str, str]) -> Passage:
    meta = DocumentMeta(source=said.source, title=titles.get(said.source, said.source), region=region,
                        year=said.report_year)
    return Passage(content_hash(said.doc_id, str(said.start), said.quote), said.doc_id, said.quote, meta,
                   start=said.start, end=said.end)


def _exact(passage: Passage, start: int, end: int) -> tuple[int, int, str]:
    """A ledger passage is an exact quote of its report, so a span of it is one of the original."""
    return passage.start + start, passage.start + end, passage.text[start:end]


def _written_by_llm(
    parsed: ParsedQuestion, row: LedgerRow, composed: LedgerAnswer, settings: Settings, names: Mapping[str, str],
    titles: Mapping[str, str],
) -> LedgerAnswer:
    """The configured model writes the target and the result from their two quotes (prompts/ledger_*.txt),
    its figures verified like any LLM answer; the ledger's verdict follows it. When the endpoint fails
    or the answer fails verification twice, the extractive answer stands, with the LLM reader's notice."""
    from assistant.readers.llm import LLMReader  # langchain loads only when a model is configured

    evidence = row.result or row.statement
    if row.target is None or evidence is None:
        return composed
    passages = [_passage(row.region, row.target, titles), _passage(row.region, evidence, titles)]
    extractive = Answer(question=parsed.text, text=composed.text, abstained=False, citations=composed.citations,
                        parsed=parsed, reader="ledger")
    reader = LLMReader(settings, fallback=_Composed(extractive), prompt="ledger")
    answer = reader.read(parsed, passages, ReadContext(_exact))
    if answer.reader == "ledger":
        return LedgerAnswer(composed.text, composed.citations, composed.rows, notices=answer.notices)
    indicator = get_indicator(row.indicator)
    if parsed.language == "en":
        verdict = _sentence(_verdict(row, indicator.en, "en"), "en")
        text = f"{answer.text} {verdict[0].upper()}{verdict[1:]}"
    else:
        text = f"{answer.text}{_sentence('结论：' + _verdict(row, indicator.zh, 'zh'), 'zh')}"
    return LedgerAnswer(text, answer.citations, composed.rows, reader=answer.reader)
