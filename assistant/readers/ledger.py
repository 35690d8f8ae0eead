"""The ledger reader: "did it meet its target?" and "targets against results over the years".

Answered from the ledger (``index.ledger``): each year's target (from that year's report) against its
result (from the next year's report), each figure cited to its own report, so a status answer has
two citations. Three shapes:

* status, one region and year: "海拉尔区2016年地区生产总值增长目标为7.5%[1]，实际增长7.2%[2]：未完成目标，差0.3个百分点。"
* series, one region over years: one line per year, target and result, each cited;
* regions, one year across regions: which met, which met within the 左右 tolerance, which missed,
  which have no result yet.

What is missing is said, not guessed: "2019年的实际数尚未索引（应见2020年报告）", "2018年报告未设定…目标".
The composition is pure (``ledger_text``: rows in, text and citations out); the reader class here
adapts it to the question and the index.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from assistant.core.datatypes import (
    Answer, AnswerKind, DocumentMeta, LedgerFigure, LedgerRow, LedgerStatement, Level, ParsedQuestion, Passage, content_hash,
)
from assistant.core.settings import Settings
from assistant.knowledge.gazetteer import split_compound
from assistant.knowledge.lexicon import get_indicator
from assistant.readers.base import ReadContext, Reader
from assistant.readers.ledger_text import (
    LedgerAnswer, as_sentence, compose_regions, compose_series, compose_status, verdict_of,
)
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
        verdict = as_sentence(verdict_of(row, indicator.en, "en"), "en")
        text = f"{answer.text} {verdict[0].upper()}{verdict[1:]}"
    else:
        text = f"{answer.text}{as_sentence('结论：' + verdict_of(row, indicator.zh, 'zh'), 'zh')}"
    return LedgerAnswer(text, answer.citations, composed.rows, reader=answer.reader)
