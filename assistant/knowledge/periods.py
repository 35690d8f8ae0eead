"""The year a figure is for, and its kind: every figure knows what it describes.

A 2024 report states 2023 results and 2024 targets, so the report year alone cannot label a
figure. :func:`period_of` reads the figure's contexts nearest first — its clause, its sentence, the
list's lead-in line, then the section headings from the innermost out — and takes:

* the kind from the nearest context with a cue (``data/kind_cues.toml``: [passage] for the text
  around the figure, [section] for headings). A heading that names both a review and a plan (the
  title "2023年…执行情况与2024年…计划草案") says nothing;
* the year from the nearest context that names one ("2023年…", "2024年工作安排", "一、2016年工作回顾").
  A base year ("比2020年", "较2015年", "2020年以来") is not the figure's year; "到2025年" is, for a target.

Without a year in the contexts, the report year decides (:func:`default_year`): a target is for the
report's year, an actual or an estimate for the year before (the year the report reviews); the other
way round, a year's result is stated by the next year's report (:func:`stating_report`). A statistical
bulletin (统计公报) states the results of its own year.

The rules both readings of a figure share live here: this one, from the figure's own contexts (the
readers), and the indicator table's, from the section cues before it in the whole document
(``index.figure_kinds``): the default year, a year before the report's is reviewed (:func:`reviewed`),
a title naming a review and a plan says nothing (:func:`review_and_plan`), and the words of a review or
plan of several years (:data:`PERIOD_CUES`, :data:`FIVE_YEAR_PLAN`, :data:`MULTI_YEAR`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from assistant.core.datatypes import Kind
from assistant.knowledge.cues import met_target_pattern, passage_cues, section_cues
from assistant.knowledge.tables import cached
from assistant.knowledge.documents import REPORT_TYPES
from assistant.knowledge.years import BY_YEAR_NEAR, YEAR

_YEAR_SAID = re.compile(rf"(?<![\d.])({YEAR})\s*年(?!代)")  # "2000亩", "2000万元" are no years
_HEADING_YEAR = re.compile(rf"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])?\s*({YEAR})(?![\d.%％万亿千百])")
# A figure for several years, not one: a five-year plan's, an average, a total.
FIVE_YEAR_PLAN = re.compile(r"十[一二三四五六七八九]五|[一二三四五六七八九十]五(?:规划|计划|时期)")
MULTI_YEAR = re.compile(rf"{FIVE_YEAR_PLAN.pattern}|五年|年均|[两三四五六七八九十]年(?:来|累计|间)")
# A heading that reviews one year together with the plan period it closes ("2025年和“十四五”时期工作回顾",
# "“十四五”时期和2025年工作回顾", "2025年工作回顾和“十四五”发展主要成就"):
# its figures are that year's unless their own text says they are the period's.
YEAR_AND_PERIOD = re.compile(
    rf"{YEAR}\s*年[\u4e00-\u9fff]{{0,6}}?(?:和|及|暨|与)\s*[“\"]?(?:{FIVE_YEAR_PLAN.pattern})"
    rf"|(?:{FIVE_YEAR_PLAN.pattern})[”\"]?(?:时期|期间)?\s*(?:和|及|暨|与)\s*{YEAR}\s*年"
)
# A run of years said of one figure ("粮食产量连年稳定在1.3万亿斤以上"): holds for its sentence only.
# One year named by its place in a plan period ("今年是“十五五”起步之年", "确保“十五五”良好开局"): no
# period of several years, whatever the plan's name.
YEAR_OF_PERIOD = re.compile(
    rf"[“\"]?(?:{FIVE_YEAR_PLAN.pattern})[”\"]?(?:规划)?的?(?:起步|开局|收官|关键|攻坚|冲刺|中期|承上启下)之年"
    rf"|[“\"]?(?:{FIVE_YEAR_PLAN.pattern})[”\"]?(?:规划)?(?:良好开局|开好局|起好步|圆满收官|顺利收官)"
)
YEARS_RUNNING = re.compile(r"连年|连续[两三四五六七八九十\d]{1,2}年")
# A review or plan of several years heading its text (a section, a sentence): its figures are five-year
# totals, averages and end points.
PERIOD_CUES = re.compile(
    r"五年来|过去五年|这五年|五年间|以来的五年|今后五年|未来五年|十年来|过去十年|[“\"]?十[一二三四五六七八九]五[”\"]?(?:时期|期间)"
)
_BASE_BEFORE = ("比", "较", "自", "从")  # "与2019年相比" is caught by what follows the year
_BASE_AFTER = re.compile(r"^\s*年?\s*(?:以来|来|相比|同期|基础上|价格|不变价|水平)")
BULLETIN_TYPES = ("统计公报", "公报")


def years_said(text: str, heading: bool = False) -> list[tuple[int, int]]:
    """``(position, year)`` of the years ``text`` gives as a figure's year, in order (base years left out).

    A year is written with 年 ("2023年"); a heading may also start with a bare year ("2023 成就鼓舞人心").
    """
    found = []
    if heading and (lead := _HEADING_YEAR.match(text)):
        found.append((lead.start(1), int(lead.group(1))))
    for match in _YEAR_SAID.finditer(text):
        before = text[max(0, match.start() - 1) : match.start()]
        if before in _BASE_BEFORE or _BASE_AFTER.match(text[match.end() :]):
            continue
        if (match.start(), int(match.group(1))) not in found:
            found.append((match.start(), int(match.group(1))))
    return found


def default_year(kind: Kind, report_year: int | None) -> int | None:
    """The year a figure of ``kind`` in the report of ``report_year`` is for when nothing else says: a
    target is for the report's year, an actual or an estimate for the year before."""
    if report_year is None:
        return None
    return report_year if kind is Kind.TARGET else report_year - 1


def stating_report(kind: Kind, year: int) -> int:
    """The year of the report that states a figure of ``kind`` for ``year``: a target in that year's own
    report, a result (an actual) in the next year's."""
    return year if kind is Kind.TARGET else year + 1


def reviewed(year: int, report_year: int | None) -> bool:
    """A year before the report's is reviewed (its results), not planned."""
    return report_year is not None and year < report_year


def review_and_plan(kinds: Collection[Kind | None]) -> bool:
    """Cues of both a review and a plan (the title "2023年…执行情况与2024年…计划草案"): they say nothing."""
    return Kind.TARGET in kinds and Kind.ACTUAL in kinds


def announced_kind(text: str) -> Kind | None:
    """The kind of figure a piece of context announces by its words ([passage] cues), if it announces one.
    A target it says was met ("全面实现年初确定的主要目标") announces a result."""
    text = met_target_pattern().sub("完成", text)
    for kind, cues in passage_cues():
        if any(cue in text for cue in cues):
            return kind
    return None


def _heading_kind(text: str) -> Kind | None:
    cues = section_cues()
    kinds = [kind for kind in (Kind.TARGET, Kind.ACTUAL) if any(cue in text for cue in cues[kind.value])]
    return None if review_and_plan(kinds) or not kinds else kinds[0]


def spans_years(around: Sequence[str], headings: Sequence[str], paragraph: str = "") -> bool:
    """Whether a figure is for several years (年均, 五年, 三年来, a five-year plan's target), not for one.

    Its clause and sentence (``around``) or its paragraph so far ("五年来，…") say so, or a heading names a
    five-year plan ("十三五"时期主要目标) — unless its sentence names a single year ("刚刚过去的2017年，…").
    """
    if any(years_said(text) for text in around[:2] if text):
        return False
    if any(MULTI_YEAR.search(YEAR_OF_PERIOD.sub("", text)) for text in (*around[:2], paragraph) if text):
        return True
    if any(YEARS_RUNNING.search(text) for text in around[:2] if text):
        return True
    return any(FIVE_YEAR_PLAN.search(heading) and not YEAR_AND_PERIOD.search(heading) for heading in headings)


def period_of(
    around: Sequence[str], headings: Sequence[str], report_year: int | None, doc_type: str = ""
) -> tuple[Kind | None, int | None]:
    """``(kind, year)`` of a figure. ``around``: its clause (up to the figure), sentence and lead-in
    line, nearest first; ``headings``: its section headings, innermost first."""
    kind: Kind | None = None
    year: int | None = None
    plan_word = False  # the kind came from a word that tells a result under a review's heading (控制在)
    for text in around:
        if not text:
            continue
        if kind is None:
            kind = announced_kind(text)
            plan_word = kind is Kind.TARGET and _only_review_words(text)
        if year is None:
            by_year = BY_YEAR_NEAR.findall(text)
            said = years_said(text)
            if by_year and kind in (None, Kind.TARGET):
                year, kind = int(by_year[-1]), Kind.TARGET
            elif said:
                year = said[-1][1]
    if plan_word and _reviewed_under(headings, report_year):
        kind = Kind.ACTUAL
    for heading in headings:
        if kind is None:
            kind = _heading_kind(heading)
        if year is None:
            distinct = {y for _, y in years_said(heading, heading=True)}
            if len(distinct) == 1:  # a title naming the review year and the plan year says nothing
                year = distinct.pop()
        if kind is not None and year is not None:
            break
    if any(word in doc_type for word in BULLETIN_TYPES):
        return kind or Kind.ACTUAL, year or report_year
    if kind is None and year is not None and reviewed(year, report_year):
        kind = Kind.ACTUAL
    if kind is Kind.ACTUAL and year is not None and report_year is not None and year > report_year:
        kind = Kind.TARGET  # "到2020年，将实现…达到30%以上" in a text of 2018: a year not yet come has no result
    if year is None and kind is not None and _dated_by_its_year(doc_type):
        year = default_year(kind, report_year)
    return kind, year


@cached
def _target_words() -> tuple[str, ...]:
    return dict(passage_cues())[Kind.TARGET]


def _only_review_words(text: str) -> bool:
    """The target words ``text`` holds are all ones a review uses for results (控制在, not 预期目标)."""
    said = [word for word in _target_words() if word in text]
    in_review = section_cues()["in_review"]
    return bool(said) and all(any(word in review or review in word for review in in_review) for word in said)


def _reviewed_under(headings: Sequence[str], report_year: int | None) -> bool:
    """The innermost heading that announces a kind announces a review ("一、2013年工作回顾")."""
    for heading in headings:
        kind = _heading_kind(heading)
        if kind is not None:
            said = {y for _, y in years_said(heading, heading=True)}
            return kind is Kind.ACTUAL and all(reviewed(y, report_year) for y in said)
    return False


def _dated_by_its_year(doc_type: str) -> bool:
    """A report's unlabelled target is for its own year; a plan's or a notice's is for whenever the
    plan runs to ("再培育100个以上示范企业" in a plan of 2021 is no 2021 target): its year stays unknown."""
    return not doc_type or "报告" in doc_type or doc_type in REPORT_TYPES


__all__ = [
    "BULLETIN_TYPES", "FIVE_YEAR_PLAN", "MULTI_YEAR", "PERIOD_CUES", "YEARS_RUNNING", "announced_kind", "default_year", "period_of",
    "review_and_plan", "reviewed", "spans_years", "stating_report", "years_said",
]
