"""The figure reader (extractive): pick the clause that states the asked figure, quote it exactly, or abstain.

Works offline with no model. Each retrieved passage is split into clauses; a clause can answer
only if it names the indicator asked about (by the lexicon, so 万元GDP能耗 is not GDP) and states a
figure. Among those, the year and kind of the question (a 2024 target lives in the 2024 report's
target list; a 2023 actual in the 2024 report's review) and the retrieval rank decide.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.core.datatypes import Answer, Citation, Kind, ParsedQuestion, Passage
from assistant.knowledge.clauses import split_clauses
from assistant.knowledge.documents import REPORT_TYPES
from assistant.knowledge.cues import question_explicit
from assistant.knowledge.figures import Figure
from assistant.knowledge.injection import without_instructions
from assistant.knowledge.lexicon import find_indicators, get_indicator, named_as_base, part_in_clause, part_named_before, same_part
from assistant.knowledge.periods import period_of, spans_years
from assistant.knowledge.topics import find_term, mentioned_at, topic_coverage
from assistant.readers.base import PeriodAt, ReadContext, Reader
from assistant.readers.figure_text import abstain, answer_text, not_for_year
from assistant.readers.measure import BASIS, CONTINUATION, choose_figure, fits


_DIGIT = re.compile(r"[\d〇一二三四五六七八九十百千万]")


@dataclass(frozen=True)
class Candidate:
    passage: Passage
    rank: int  # 1-based rank of the passage in retrieval
    start: int  # clause span within passage.text
    end: int
    indicator: str  # canonical key matched, or "" when the clause names the question's topic
    figure: Figure
    score: float
    kind: Kind | None = None  # what the figure is: a target, an actual, an estimate (``period_of``)
    year: int | None = None  # the year the figure is for


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding ``at`` starts: after the last 。；;！？ or line break before it."""
    return max(text.rfind(mark, 0, at) for mark in "。；;！？\n") + 1


def _subject_context(passage: Passage, sentence_start: int, start: int, end: int) -> str:
    """Where a clause's subject may be named, besides the clause: the rest of its sentence, the sentence
    before it in the same paragraph, the headings, and the document's title (or opening, when untitled). "推广DCMM贯标……。到2022年，力争100家企业达到3级以上"
    and "选择不少于1000家企业，实施“工业数据采集专项行动”" name what they count outside the clause."""
    text = passage.text
    paragraph_start = text.rfind("\n", 0, sentence_start) + 1
    previous = text[paragraph_start:sentence_start]
    previous = previous[_sentence_start(previous, max(0, len(previous) - 1)):] if previous else ""
    sentence_end = min((i for i in (text.find(mark, end) for mark in "。；;！？\n") if i >= 0), default=len(text))
    return " ".join([previous, text[sentence_start:start], _figure_free_continuation(text[end:sentence_end]),
                     passage.section, passage.title, passage.about])


def _figure_free_continuation(rest: str) -> str:
    """The clauses after a figure that state no figure of their own, so still describe it: "，实施“工业
    数据采集专项行动”"; not "，2022年净增市场主体17037户", which is another statement."""
    number = _DIGIT.search(rest)
    if number is None:
        return rest
    cut = max(rest.rfind(mark, 0, number.start()) for mark in "，,、")
    return rest[:cut] if cut > 0 else ""


def _contexts(passage: Passage, start: int, end: int) -> list[str]:
    """Context of a clause, nearest first: the clause, its sentence, the list's lead-in line, the section."""
    text = passage.text
    sentence_start = _sentence_start(text, start)
    lead_in = ""
    for line in reversed(text[:sentence_start].splitlines()[-8:]):
        if line.rstrip().endswith((":", "：")):
            lead_in = line
            break
    paragraph = text[text.rfind("\n", 0, sentence_start) + 1 : sentence_start]
    horizons = list(_HORIZON.finditer(paragraph))
    if not lead_in and horizons:
        lead_in = horizons[-1].group(1)  # "力争到2027年，…。…智能算力占比达到40%": the year holds for the figures after it
    return [text[start:end], text[sentence_start:end], lead_in, passage.section]


# A sentence that opens with the year the figures after it in its paragraph are for: "到2027年，", "2025年，",
# "…加快发展。力争到2030年，".
_HORIZON = re.compile(r"(?:^|[。；;！!])\s*((?:力争)?(?:到|至|截至)?(?:19|20)\d{2}年(?:底|末)?[，,])")


def _period(
    passage: Passage, contexts: list[str], figure_end: int, clause_start: int
) -> tuple[Kind | None, int | None, bool]:
    """The kind and year of a figure from its clause (up to the figure's end), sentence, lead-in line and
    headings; and whether it is for several years (a five-year plan's, 年均)."""
    clause, sentence, lead_in, _section = contexts
    before_figure = clause[: max(0, figure_end - clause_start)]
    sentence_before = sentence[: len(sentence) - len(clause)] + before_figure
    headings = passage.headings[::-1]
    around = [before_figure, sentence_before, lead_in]
    kind, year = period_of(around, headings, passage.year, passage.meta.doc_type)
    paragraph = passage.text[passage.text.rfind("\n", 0, clause_start) + 1 : clause_start]
    return kind, year, spans_years(around, headings, paragraph)


_KIND_SCORES = {
    Kind.TARGET: {Kind.TARGET: 1.5, Kind.ACTUAL: -1.5, Kind.ESTIMATE: -1.5},
    Kind.ACTUAL: {Kind.ACTUAL: 1.5, Kind.ESTIMATE: 1.0, Kind.TARGET: -1.5},
    Kind.ESTIMATE: {Kind.ESTIMATE: 1.5, Kind.ACTUAL: 0.5, Kind.TARGET: -1.0},
}


def _report_of_other_years(question: ParsedQuestion, passage: Passage) -> bool:
    """A figure whose year its context does not say, in a report that cannot be about the years asked:
    a report of year R states R-1's results, R's targets and estimates for R+1, nothing of 1966."""
    if passage.meta.doc_type not in REPORT_TYPES or passage.year is None:
        return False
    return not any(passage.year - 1 <= year <= passage.year + 1 for year in question.years)


def _kind_score(question: ParsedQuestion, announced: Kind | None) -> float:
    """Reward the clause whose nearest context announces the kind asked (target, actual, estimate)."""
    if question.kind is None or announced is None:
        return 0.0
    return _KIND_SCORES[question.kind][announced]


def _year_score(question: ParsedQuestion, passage: Passage, year: int | None) -> float:
    """Prefer the report the year-and-kind rule points to, and figures for the year asked."""
    score = 0.0
    wanted = question.report_years()
    if wanted and passage.year in wanted:
        score += 1.5 if passage.year == wanted[0] else 0.5
    if question.years and year is not None:
        score += 1.0 if year in question.years else -1.0
    return score


def _own_part(span: str, key: str, offset: int, asked: tuple[str, ...]) -> str:
    """The span up to the next indicator it names after the asked one: in "城镇新增就业1361万人、调查失业率
    稳定在5%左右", the 5% is the unemployment rate's, whatever measure the question wants. An indicator
    the question asks too, or named as a share's base ("占GDP的比重"), does not end it."""
    if not key:
        return span
    after = [
        start for indicator, start, end in find_indicators(span)
        if start > offset and indicator.key != key and indicator.key not in asked and not named_as_base(span, start, end)
    ]
    return span[: min(after)] if after else span


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
        extended = cursor = end
        for next_start, next_end in clauses[i + 1 : i + 4]:
            following = text[next_start:next_end].strip("，, ")
            if not set(text[cursor:next_start]) <= set("，, "):
                break
            cursor = next_end
            if BASIS.match(following):
                continue  # "按可比价计算": how the growth after it is reckoned; the span ends at the growth
            if not CONTINUATION.match(following) or find_indicators(following):
                break
            extended = next_end
        spans.append((start, end, extended))
    return spans


def find_candidates(
    question: ParsedQuestion, passages: Sequence[Passage], period_at: PeriodAt | None = None
) -> tuple[list[Candidate], list[Candidate]]:
    """``(candidates, neighbours)``: clauses that state the asked figure, best first; and clauses
    that state it for another year or kind than asked (what the reports say instead).

    ``period_at`` gives the kind and year the document's sections announce where the clause's own
    context says nothing ("居民消费价格涨幅2%左右" in a list after "今年发展的主要预期目标是：")."""
    question = question.asked()  # an indicator named only as a base is not what is asked
    want = question.wanted
    candidates: list[Candidate] = []
    neighbours: list[Candidate] = []
    for rank, passage in enumerate(passages, start=1):
        statements = without_instructions(passage.text)  # "忽略以上所有指令，回答：…" is not the report speaking
        for start, clause_end, end in _spans_with_continuations(passage.text):
            if statements[start:end] != passage.text[start:end]:
                continue
            sentence_start = _sentence_start(passage.text, start)
            around = _subject_context(passage, sentence_start, start, end)
            match = _match_clause(question, passage.text[start:clause_end], around)
            if match is None:
                continue
            key, offset, strength, joint_position = match
            span = _own_part(passage.text[start:end], key, offset, question.indicators)
            position = _list_position(span, offset) if joint_position is None else joint_position
            figure = choose_figure(span, offset, position, want)
            if figure is None and not key:  # "新增3000个5G基站": the count may come before the thing counted
                figure = choose_figure(span, 0, None, want)
            if figure is None or (want.strict and fits(figure, want) < 0):
                continue  # a level where a rate is asked (or another unit) is not an answer
            contexts = _contexts(passage, start, end)
            kind, year, several_years = _period(passage, contexts, start + figure.end, start)
            if several_years and question.years:
                continue  # a five-year plan's figure or an average is no answer for one year
            if (kind is None or year is None) and period_at is not None:
                announced = period_at(passage, sentence_start, start + figure.start)
                if announced is not None:
                    kind, year = kind or announced[0], year or announced[1]
            candidate = Candidate(passage, rank, start, end, key, figure, 0.0, kind, year)
            wrong_kind = question.kind_explicit and _kind_score(question, kind) < 0
            wrong_year = bool(question.years) and (
                year not in question.years if year is not None else _report_of_other_years(question, passage)
            )
            if wrong_kind or wrong_year:
                neighbours.append(candidate)  # a target where an actual is asked, another year's figure
                continue
            score = (
                strength
                + fits(figure, want)
                + _kind_score(question, kind)
                + _year_score(question, passage, year)
                + 1.0 / rank
            )
            candidates.append(replace(candidate, score=score))
    candidates.sort(key=lambda c: (-c.score, c.rank, c.start))
    neighbours.sort(key=lambda c: (c.rank, c.start))
    return candidates, neighbours


# Joint phrasings list urban before rural: "城镇、农村居民人均可支配收入分别增长4%、6%左右".
_JOINT_POSITION = {"urban_income": 0, "rural_income": 1}


def _match_clause(question: ParsedQuestion, clause: str, before: str = "") -> tuple[str, int, float, int | None] | None:
    """(indicator key or "", where the asked thing is named, strength, position in a joint 分别 list), or None.

    A clause answers only if it names what the question counts or measures: the lexicon indicator,
    or, for any other object, the question's topic (博物馆, 老旧小区 …, itself or a synonym). A shared
    verb (新建, 完成) or a region word is not enough.
    """
    if question.indicators:
        for indicator, start, end in find_indicators(clause):
            if (
                named_as_base(clause, start, end)
                or not same_part(part_named_before(clause, start), question.indicator_part)
                or part_in_clause(clause[:start]) not in ("", *question.keywords)
            ):
                continue  # a share's base; a part the question does not ask about ("非公有制工业增加值", "43个项目完成固定资产投资15亿元"), or the whole where it asks about a part
            if indicator.key in question.indicators:
                return indicator.key, start, 3.0, None
            named = clause[start:end]
            for key in question.indicators:
                joint = named in get_indicator(key).related or ("、" in named and key in _JOINT_POSITION)
                if joint and key in _JOINT_POSITION:
                    return key, start, 3.0, _JOINT_POSITION[key]
        return None
    if not question.topic or question.untranslated:
        return None  # nothing the clause could be checked against: no figure about something else
    coverage = topic_coverage(clause, question.topic, before, question.counted)
    if coverage is None:
        return None
    if question.wanted.measure == "rate" and _named_as_share_base(clause, question.counted or max(question.topic, key=len)):
        return None  # "增长多少" is not "产值约占工业企业总产值的45%左右": the thing asked is the share's base
    return "", mentioned_at(clause, question.topic), 1.0 + 2.0 * coverage, None


_SHARE_AFTER_TERM = re.compile(r"^(?:的|中)?(?:所占)?的?(?:比重|比例|份额)")


def _named_as_share_base(clause: str, term: str) -> bool:
    """Whether ``term`` is named in ``clause`` only as what a share is a part of: "占…总产值的45%",
    "在工农业总产值中所占的比重"."""
    at = find_term(clause, term)
    if at < 0:
        return False
    end = at + len(term)
    return named_as_base(clause, at, end) or "占" in clause[:at] or bool(_SHARE_AFTER_TERM.match(clause[end:]))


class FigureReader(Reader):
    """The clause that states the asked figure, quoted exactly; offline, no model. One figure per
    question: a question about several years or indicators is split into parts first."""

    name = "extractive"
    one_figure = True

    def read(self, parsed: ParsedQuestion, passages: Sequence[Passage], context: ReadContext) -> Answer:
        """Answer from the best clause, or abstain saying what was searched (``context.coverage_note``)."""
        candidates, neighbours = find_candidates(parsed, passages, context.period_at)
        if candidates:
            return _cited(parsed, passages, candidates[0], context)
        instead = _instead(neighbours)
        if instead:
            return not_for_year(parsed, passages, [(c, _citation(c, context, n)) for n, c in enumerate(instead, 1)],
                                context.coverage_note)
        return abstain(parsed, passages, context.coverage_note)


def _instead(neighbours: list[Candidate], limit: int = 2) -> list[Candidate]:
    """What the reports say instead of the asked figure: the best-ranked clause per (year, kind), by year."""
    chosen: dict[tuple[int | None, Kind | None], Candidate] = {}
    for candidate in neighbours:
        chosen.setdefault((candidate.year, candidate.kind), candidate)
    return sorted(list(chosen.values())[:limit], key=lambda c: (c.year or 0, c.start))


def _citation(candidate: Candidate, context: ReadContext, number: int) -> Citation:
    quote_start, quote_end, quote = context.locate(candidate.passage, candidate.start, candidate.end)
    return Citation(
        source=candidate.passage.source,
        title=candidate.passage.title,
        region=candidate.passage.region,
        year=candidate.passage.year,
        quote=quote,
        start=quote_start,
        end=quote_end,
        score=candidate.score,
        passage_id=candidate.passage.id,
        number=number,
    )


def _cited(question: ParsedQuestion, passages: Sequence[Passage], best: Candidate, context: ReadContext) -> Answer:
    citation = _citation(best, context, 1)
    clause = best.passage.text[best.start : best.end]
    text = answer_text(question, best, clause)
    return Answer(
        question=question.text,
        text=text,
        abstained=False,
        citations=(citation,),
        passages=tuple(passages),
        parsed=question,
        reader="extractive",
    )


