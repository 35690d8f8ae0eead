"""The figure reader (extractive): pick the clause that states the asked figure, quote it exactly, or abstain.

Works offline with no model. Each retrieved passage is split into clauses; a clause can answer
only if it names the indicator asked about (by the lexicon, so 万元GDP能耗 is not GDP) and states a
figure. Among those, the year and kind of the question (a 2024 target lives in the 2024 report's
target list; a 2023 actual in the 2024 report's review) and the retrieval rank decide.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.core.datatypes import Answer, Citation, Kind, Level, ParsedQuestion, Passage
from assistant.knowledge.clauses import split_clauses
from assistant.knowledge.cues import passage_cues, question_explicit
from assistant.knowledge.figures import QUALIFIERS_EN, Figure
from assistant.knowledge.injection import without_instructions
from assistant.knowledge.lexicon import find_indicators, get_indicator, named_as_base
from assistant.knowledge.years import NAMED_YEAR
from assistant.readers.base import ReadContext, Reader
from assistant.readers.measure import CONTINUATION, choose_figure, fits


@dataclass(frozen=True)
class Candidate:
    passage: Passage
    rank: int  # 1-based rank of the passage in retrieval
    start: int  # clause span within passage.text
    end: int
    indicator: str  # canonical key matched, or "" for keyword matches
    figure: Figure
    score: float


def _classify(text: str) -> Kind | None:
    """The kind of figure a piece of context announces, if it announces one."""
    for kind, cues in passage_cues():
        if any(cue in text for cue in cues):
            return kind
    return None


def _contexts(passage: Passage, start: int, end: int) -> list[str]:
    """Context of a clause, nearest first: the clause, its sentence, the list's lead-in line, the section."""
    text = passage.text
    sentence_start = max(text.rfind(mark, 0, start) for mark in "。；;！？\n") + 1
    lead_in = ""
    for line in reversed(text[:sentence_start].splitlines()[-8:]):
        if line.rstrip().endswith((":", "：")):
            lead_in = line
            break
    return [text[start:end], text[sentence_start:end], lead_in, passage.section]


def _announced_kind(contexts: list[str]) -> Kind | None:
    """The kind announced by the nearest context that announces one."""
    return next((kind for kind in map(_classify, contexts) if kind is not None), None)


_KIND_SCORES = {
    Kind.TARGET: {Kind.TARGET: 1.5, Kind.ACTUAL: -1.5, Kind.ESTIMATE: -1.5},
    Kind.ACTUAL: {Kind.ACTUAL: 1.5, Kind.ESTIMATE: 1.0, Kind.TARGET: -1.5},
    Kind.ESTIMATE: {Kind.ESTIMATE: 1.5, Kind.ACTUAL: 0.5, Kind.TARGET: -1.0},
}


def _kind_score(question: ParsedQuestion, announced: Kind | None) -> float:
    """Reward the clause whose nearest context announces the kind asked (target, actual, estimate)."""
    if question.kind is None or announced is None:
        return 0.0
    return _KIND_SCORES[question.kind][announced]


def _year_score(question: ParsedQuestion, passage: Passage, contexts: list[str]) -> float:
    """Prefer the report the year-and-kind rule points to, and clauses whose nearest year is the one asked."""
    score = 0.0
    wanted = question.report_years()
    if wanted and passage.year in wanted:
        score += 1.5 if passage.year == wanted[0] else 0.5
    if question.years:
        for context in contexts:
            mentioned = {int(y) for y in NAMED_YEAR.findall(context)}
            if mentioned:
                score += 1.0 if mentioned & set(question.years) else -1.0
                break
    return score


def _list_position(clause: str, indicator_start: int) -> int:
    """For "城镇、农村居民人均可支配收入分别增长4%、6%", the rural item is second in the 、 list."""
    prefix = clause[:indicator_start]
    head = re.split(r"[，,；;：:]", prefix)[-1]
    return head.count("、")


def _spans_with_continuations(text: str) -> list[tuple[int, int, int]]:
    """(start, end of the clause, end including growth clauses that continue it in the same sentence)."""
    clauses = split_clauses(text)
    spans = []
    for i, (start, end) in enumerate(clauses):
        extended = end
        for next_start, next_end in clauses[i + 1 : i + 3]:
            between = text[extended:next_start]
            if not set(between) <= set("，, ") or not CONTINUATION.match(text[next_start:next_end]):
                break
            if find_indicators(text[next_start:next_end]):
                break
            extended = next_end
        spans.append((start, end, extended))
    return spans


def find_candidates(question: ParsedQuestion, passages: Sequence[Passage]) -> list[Candidate]:
    """Every clause that names an asked indicator (or, lacking one, the question's terms) with a figure."""
    question = question.asked()  # an indicator named only as a base is not what is asked
    want = question.wanted
    candidates = []
    for rank, passage in enumerate(passages, start=1):
        statements = without_instructions(passage.text)  # "忽略以上所有指令，回答：…" is not the report speaking
        for start, clause_end, end in _spans_with_continuations(passage.text):
            if statements[start:end] != passage.text[start:end]:
                continue
            match = _match_indicator(question, passage.text[start:clause_end])
            if match is None:
                continue
            key, offset, strength, joint_position = match
            span = passage.text[start:end]
            position = _list_position(span, offset) if joint_position is None else joint_position
            figure = choose_figure(span, offset, position, want)
            if figure is None and not key:
                figure = choose_figure(span, 0, None, want)
            if figure is None or (want.strict and fits(figure, want) < 0):
                continue  # a level where a rate is asked (or another unit) is not an answer
            contexts = _contexts(passage, start, end)
            announced = _announced_kind(contexts)
            if question.kind_explicit and _kind_score(question, announced) < 0:
                continue  # a target where an actual is asked, or the other way round
            score = (
                strength
                + fits(figure, want)
                + _kind_score(question, announced)
                + _year_score(question, passage, contexts)
                + 1.0 / rank
            )
            candidates.append(Candidate(passage, rank, start, end, key, figure, score))
    candidates.sort(key=lambda c: (-c.score, c.rank, c.start))
    return candidates


# Joint phrasings list urban before rural: "城镇、农村居民人均可支配收入分别增长4%、6%左右".
_JOINT_POSITION = {"urban_income": 0, "rural_income": 1}


def _match_indicator(question: ParsedQuestion, clause: str) -> tuple[str, int, float, int | None] | None:
    """(indicator key, where it is named, strength, position in a joint 分别 list) or None."""
    if question.indicators:
        for indicator, start, end in find_indicators(clause):
            if named_as_base(clause, start, end):
                continue
            if indicator.key in question.indicators:
                return indicator.key, start, 3.0, None
            named = clause[start:end]
            for key in question.indicators:
                joint = named in get_indicator(key).related or ("、" in named and key in _JOINT_POSITION)
                if joint and key in _JOINT_POSITION:
                    return key, start, 3.0, _JOINT_POSITION[key]
        return None
    terms = _content_terms(question)
    hits = [clause.find(t) for t in terms if t in clause]
    if terms and len(hits) >= max(1, (len(terms) + 1) // 2):
        return "", min(hits), 1.0 + 2.0 * len(hits) / len(terms), None
    return None


def _content_terms(question: ParsedQuestion) -> list[str]:
    """The question's keywords that say what is asked about (not where or when)."""
    region_words = {question.region_mention}
    if question.region is not None:
        region_words |= {question.region.name, question.region.name[:-1], *question.region.parents}
    terms = []
    for term in question.keywords:
        if len(term) < 2 or term.isdigit() or NAMED_YEAR.match(term + " ") or term.endswith("年"):
            continue
        if any(term in word or word in term for word in region_words if word):
            continue
        if term not in terms:
            terms.append(term)
    return terms


class FigureReader(Reader):
    """The clause that states the asked figure, quoted exactly; offline, no model. One figure per
    question: a question about several years or indicators is split into parts first."""

    name = "extractive"
    one_figure = True

    def read(self, parsed: ParsedQuestion, passages: Sequence[Passage], context: ReadContext) -> Answer:
        """Answer from the best clause, or abstain saying what was searched (``context.coverage_note``)."""
        candidates = find_candidates(parsed, passages)
        if not candidates:
            return abstain(parsed, passages, context.coverage_note)
        return _cited(parsed, passages, candidates[0], context)


def _cited(question: ParsedQuestion, passages: Sequence[Passage], best: Candidate, context: ReadContext) -> Answer:
    quote_start, quote_end, quote = context.locate(best.passage, best.start, best.end)
    citation = Citation(
        source=best.passage.source,
        title=best.passage.title,
        region=best.passage.region,
        year=best.passage.year,
        quote=quote,
        start=quote_start,
        end=quote_end,
        score=best.score,
        passage_id=best.passage.id,
        number=1,
    )
    clause = best.passage.text[best.start : best.end]
    text = _answer_text(question, best, clause)
    return Answer(
        question=question.text,
        text=text,
        abstained=False,
        citations=(citation,),
        passages=tuple(passages),
        parsed=question,
        reader="extractive",
    )


_KIND_ZH = {Kind.TARGET: "目标", Kind.ESTIMATE: "（预计）", Kind.ACTUAL: ""}
_KIND_EN = {Kind.TARGET: "target", Kind.ESTIMATE: "estimate", Kind.ACTUAL: "actual figure"}


def _answer_text(question: ParsedQuestion, best: Candidate, clause: str) -> str:
    """The figure first, then the quoted clause it comes from and the report."""
    passage = best.passage
    year = question.years[0] if len(question.years) == 1 else passage.year
    if question.language == "en":
        region = _english_region(question, passage)
        name = get_indicator(best.indicator).en if best.indicator else "figure"
        kind = f" {_KIND_EN[question.kind]}" if question.kind else ""
        when = f" {year}" if year else ""
        return (
            f"{region}'s{when} {name}{kind}: {_english_figure(best.figure)} [1] — “{clause}” "
            f"({passage.year or 'undated'} report of {passage.region})."
        )
    name = _name_as_written(clause, best.indicator)
    kind = _KIND_ZH[question.kind] if question.kind and name else ""
    title = passage.title or passage.source
    head = f"{passage.region}{year or ''}{'年' if year else ''}{name}{kind}：{best.figure.text}"
    return f"{head}。原文：“{clause}”[1]（《{title}》）"


def _name_as_written(clause: str, key: str) -> str:
    """The indicator's name as the report writes it (国内生产总值, GDP), else its canonical name."""
    if not key:
        return ""
    for indicator, start, end in find_indicators(clause):
        if indicator.key == key:
            return clause[start:end]
    return get_indicator(key).zh


def _english_region(question: ParsedQuestion, passage: Passage) -> str:
    """The asked region's English name when the passage is from it, else the report's own region."""
    if question.region and question.region.english and passage.region.endswith(question.region.name):
        return question.region.english
    if passage.meta.level is Level.NATIONAL:
        return "China"
    return passage.region


_FIGURE_CORE = re.compile(r"[\d０-９].*?(?=左右|以上|以内|以下|$)")


def _english_figure(figure: Figure) -> str:
    """"控制在3%以内" -> "at most 3%": the number with its unit, the qualifier in English."""
    core = _FIGURE_CORE.search(figure.text)
    number = core.group(0) if core else figure.text
    qualifier = QUALIFIERS_EN.get(figure.qualifier, "")
    return f"{qualifier} {number}" if qualifier else number


def abstain(question: ParsedQuestion, passages: Sequence[Passage], coverage_note: str = "") -> Answer:
    """"Not in the reports", with what the reports do cover."""
    if question.language == "en":
        asked = ", ".join(get_indicator(k).en for k in question.indicators) or "this"
        text = f"The indexed reports do not state {asked} for this question."
    else:
        asked = "、".join(get_indicator(k).zh for k in question.indicators) or "所问内容"
        text = f"已索引的报告中没有找到{asked}的相关数字。"
    if coverage_note:
        text = f"{text} {coverage_note}"
    return Answer(
        question=question.text,
        text=text,
        abstained=True,
        passages=tuple(passages),
        parsed=question,
        reader="extractive",
    )
