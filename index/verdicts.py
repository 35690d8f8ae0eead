"""A report's own words that last year's target was missed, where it gives no figure.

"政府工作仍存在一些缺点和不足，节能减排、物价调控目标没有完成" (2012), "去年我国进出口总额出现下降，预期增长
目标未能实现" (2016): the ledger (``index.ledger``) has a target and no result figure for these, and
without this it would say "no result" where the report says "missed". ``extract_verdicts(document)``
returns one :class:`Verdict` per indicator named in such a sentence, for the year the sentence
reviews. Only failures are read: a success is always stated with its figure.

A sentence counts when it says a target or plan was not met (没有完成, 未能实现, 没有实现, 未完成,
没有达到 … 目标/计划/指标/任务), names a lexicon indicator before those words, and reviews one year
(its section or its own words: 去年, "2011年，"). A sentence about several years ("没有完成“十一五”规划
目标") does not count, nor an indicator after 占 (a denominator).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.core.datatypes import Document
from assistant.knowledge.clauses import split_sentences
from assistant.knowledge.injection import without_instructions
from assistant.knowledge.periods import PERIOD_CUES
from index.cleaning import CleanText, clean
from index.figure_kinds import reviewed_year, section_contexts
from index.indicators import find_mentions

__all__ = ["Verdict", "extract_verdicts"]

_FAILED = re.compile(r"(?:没有|未能|未)(?:完成|实现|达到)")
_TARGET_WORDS = re.compile(r"目标|计划|指标|任务")
_CLAUSE = re.compile(r"[，,：:]")
_SEVERAL_YEARS = re.compile(PERIOD_CUES.pattern + r"|十[一二三四五六七八九]五|年均|累计")


@dataclass(frozen=True)
class Verdict:
    """``indicator``'s target for ``year`` was missed, as the report says in ``quote`` (no figure)."""

    doc_id: str
    source: str
    region: str
    report_year: int | None
    year: int
    indicator: str
    quote: str  # exactly original[start:end]: from the clause naming the indicator to the words saying it was missed
    start: int
    end: int


def _named(sentence: str, failed: re.Match[str]) -> list[tuple[int, str]]:
    """``(position, indicator)`` of what was not met: the subject of "…目标没有完成" (its own clause, or the
    clause before when its own names none: "进出口总额出现下降，预期增长目标未能实现"), or the object of
    "没有实现…能耗降低4%左右…的目标"."""
    target = _TARGET_WORDS.search(sentence, failed.end())
    if target is not None and not _CLAUSE.search(sentence, failed.end(), target.start()):
        named = find_mentions(sentence[failed.end() : target.start()])
        if named:
            return [(failed.end() + m.start, m.value) for m in named]
    cuts = [0] + [m.end() for m in _CLAUSE.finditer(sentence, 0, failed.start())]
    subject = cuts[-1]
    if not find_mentions(sentence[subject : failed.start()]) and len(cuts) > 1:
        subject = cuts[-2]
    return [(subject + m.start, m.value) for m in find_mentions(sentence[subject : failed.start()])]


def extract_verdicts(document: Document, clean_text: CleanText | None = None) -> list[Verdict]:
    """Every "target not met" sentence of ``document``, one verdict per indicator it names, in text order."""
    cleaned = clean_text if clean_text is not None else clean(document.original)
    text = without_instructions(cleaned.text)
    report_year = document.meta.year
    contexts = section_contexts(text, report_year)
    verdicts: list[Verdict] = []
    seen: set[tuple[str, int]] = set()
    for sentence_start, sentence_end in split_sentences(text):
        sentence = text[sentence_start:sentence_end]
        failed = _FAILED.search(sentence)
        if failed is None or not _TARGET_WORDS.search(sentence) or _SEVERAL_YEARS.search(sentence):
            continue
        for offset, indicator in _named(sentence, failed):
            position = sentence_start + offset
            year = reviewed_year(text, contexts, sentence_start, position, position, report_year)
            if year is None or (indicator, year) in seen:
                continue
            seen.add((indicator, year))
            said = _TARGET_WORDS.search(sentence, failed.end())
            quote_end = max(failed.end(), said.end() if said and not _CLAUSE.search(sentence, failed.end(), said.start()) else 0)
            first = min(offset, failed.start())
            quote_start = max([0] + [m.end() for m in _CLAUSE.finditer(sentence, 0, first)])
            start, end = cleaned.original_span(sentence_start + quote_start, sentence_start + quote_end)
            verdicts.append(
                Verdict(
                    doc_id=document.doc_id,
                    source=document.meta.source,
                    region=document.meta.region,
                    report_year=report_year,
                    year=year,
                    indicator=indicator,
                    quote=document.original[start:end],
                    start=start,
                    end=end,
                )
            )
    return verdicts
