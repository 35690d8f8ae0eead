"""How the figure reader words its answers: the figure, an abstention, and what the reports say instead.

A figure is labelled with the year and the kind it is for (``Candidate.year``, ``Candidate.kind``,
read from its context), never with the year the question asked: 5.3% in a 2024 report's review is
2023's result. When the asked year's figure is not indexed but a neighbour's is, the answer says so:
"已索引的报告中没有赣州市2024年GDP的实际数（应见2025年报告）；2024年的报告给出2023年实际增长5.3%左右[1]、
2024年目标6%左右[2]。"
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant.core.datatypes import Answer, Citation, Kind, Level, ParsedQuestion, Passage
from assistant.knowledge.cues import KIND_EN, KIND_ZH
from assistant.knowledge.figures import QUALIFIERS_EN, Figure
from assistant.knowledge.lexicon import find_indicators, get_indicator
from assistant.knowledge.periods import stating_report

if TYPE_CHECKING:
    from assistant.readers.figure import Candidate

_KIND_ZH = {Kind.TARGET: "目标", Kind.ESTIMATE: "预计", Kind.ACTUAL: ""}
_KIND_EN = {Kind.TARGET: "target", Kind.ESTIMATE: "estimate", Kind.ACTUAL: "actual figure"}
_MISSING_ZH = {Kind.TARGET: "目标", Kind.ESTIMATE: "预计数", Kind.ACTUAL: "实际数"}
_STATED_ZH = {**KIND_ZH, None: ""}
_STATED_EN = {**KIND_EN, None: "figure"}


def answer_text(question: ParsedQuestion, best: Candidate, clause: str) -> str:
    """The figure first, labelled with its own year and kind, then the quoted clause and the report."""
    passage = best.passage
    year = best.year
    if question.language == "en":
        region = english_region(question, passage)
        name = get_indicator(best.indicator).en if best.indicator else _topic_as_written(clause, question)
        kind = f" {_KIND_EN[best.kind]}" if best.kind else " figure"
        when = f" {year}" if year else ""
        return (
            f"{region}'s{when} {name}{kind}: {english_figure(best.figure)} [1] — “{clause}” "
            f"({passage.year or 'undated'} report of {passage.region})."
        )
    name = _name_as_written(clause, best.indicator) if best.indicator else _topic_as_written(clause, question)
    kind = _KIND_ZH[best.kind] if best.kind else ""
    title = passage.title or passage.source
    when = f"{year}年" if year else ""
    head = f"{passage.region}{when}{name}{kind}：{best.figure.text}"
    return f"{head}。原文：“{clause}”[1]（《{title}》）"


def _topic_as_written(clause: str, question: ParsedQuestion) -> str:
    """What a figure about an object outside the lexicon is called in the answer: the question's words
    for it as the clause writes them ("示范企业"), not every word of the question."""
    if question.topic_phrase and question.topic_phrase in clause:
        return question.topic_phrase
    named = [term for term in question.topic if term in clause]
    return max(named, key=len) if named else "、".join(question.topic)


def not_for_year(
    question: ParsedQuestion,
    passages: Sequence[Passage],
    stated: Sequence[tuple[Candidate, Citation]],
    coverage_note: str = "",
) -> Answer:
    """An abstention that says which year and kind is missing and what the reports state instead, cited."""
    first = stated[0][0]
    year = question.years[0] if question.years else None
    kind = question.kind or Kind.ACTUAL
    where = question.region.name if question.region else first.passage.region
    report = first.passage.year
    if question.language == "en":
        name = get_indicator(first.indicator).en if first.indicator else "figure for " + "、".join(question.topic)
        region = english_region(question, first.passage)
        hint = _hint_en(kind, year)
        given = " and ".join(
            f"{c.year or ''} {_STATED_EN[c.kind]}: {english_figure(c.figure)} [{citation.number}]".strip()
            for c, citation in stated
        )
        text = (
            f"The indexed reports do not give {region}'s {year or ''} {name} {_KIND_EN[kind]}{hint}; "
            f"the {report or ''} report gives {given}."
        )
    else:
        name = get_indicator(first.indicator).zh if first.indicator else "、".join(question.topic)
        hint = _hint_zh(kind, year)
        given = "、".join(
            f"{c.year or ''}{'年' if c.year else ''}{_STATED_ZH[c.kind]}{c.figure.text}[{citation.number}]"
            for c, citation in stated
        )
        when = f"{year}年" if year else ""
        text = f"已索引的报告中没有{where}{when}{name}的{_MISSING_ZH[kind]}{hint}；{report or ''}年的报告给出{given}。"
    return _abstained(question, text, passages, coverage_note, tuple(citation for _, citation in stated))


def _hint_zh(kind: Kind, year: int | None) -> str:
    return "" if year is None else f"（应见{stating_report(kind, year)}年报告）"


def _hint_en(kind: Kind, year: int | None) -> str:
    return "" if year is None else f" (it would be in the {stating_report(kind, year)} report)"


def abstain(question: ParsedQuestion, passages: Sequence[Passage], coverage_note: str = "") -> Answer:
    """"Not in the reports", naming what was looked for, with what the reports do cover."""
    if question.language == "en":
        asked = ", ".join(get_indicator(k).en for k in question.indicators)
        if not asked and (question.untranslated or question.topic):
            asked = "a figure for " + ", ".join(question.topic or question.untranslated)
        text = f"The indexed reports do not state {asked or 'this'} for this question."
    else:
        asked = "、".join(get_indicator(k).zh for k in question.indicators)
        if not asked and question.topic:
            asked = "“" + "、".join(question.topic) + "”"
        text = f"已索引的报告中没有找到{asked or '所问内容'}的相关数字。"
    return _abstained(question, text, passages, coverage_note)


def _abstained(
    question: ParsedQuestion, text: str, passages: Sequence[Passage], coverage_note: str, citations: tuple[Citation, ...] = ()
) -> Answer:
    """The figure reader's abstention: ``text``, then what the reports cover (``coverage_note``)."""
    return Answer(
        question=question.text,
        text=f"{text} {coverage_note}" if coverage_note else text,
        abstained=True,
        citations=citations,
        passages=tuple(passages),
        parsed=question,
        reader="extractive",
    )


def _name_as_written(clause: str, key: str) -> str:
    """The indicator's name as the report writes it (国内生产总值, GDP), else its canonical name."""
    for indicator, start, end in find_indicators(clause):
        if indicator.key == key:
            return clause[start:end]
    return get_indicator(key).zh


def english_region(question: ParsedQuestion, passage: Passage) -> str:
    """The asked region's English name when the passage is from it, else the report's own region."""
    if question.region and question.region.english and passage.region.endswith(question.region.name):
        return question.region.english
    if passage.meta.level is Level.NATIONAL:
        return "China"
    return passage.region


_FIGURE_CORE = re.compile(r"[\d０-９].*?(?=左右|以上|以内|以下|$)")


def english_figure(figure: Figure) -> str:
    """"控制在3%以内" -> "at most 3%": the number with its unit, the qualifier in English."""
    core = _FIGURE_CORE.search(figure.text)
    number = core.group(0) if core else figure.text
    qualifier = QUALIFIERS_EN.get(figure.qualifier, "")
    return f"{qualifier} {number}" if qualifier else number


__all__ = ["abstain", "answer_text", "english_figure", "english_region", "not_for_year"]
