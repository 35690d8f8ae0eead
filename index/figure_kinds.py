"""Which kind (target, actual, estimate) and year a figure of a report is, from the text before it.

The rules this reading shares with the readers' (``assistant.knowledge.periods.period_of``) live in
``assistant.knowledge.periods``: the default year of a kind, a year before the report's is reviewed, a
title naming a review and a plan says nothing, the words of a review or plan of several years.

Section cues (``data/kind_cues.toml`` [section]) set the context for the text after them: 预期目标,
主要目标, 计划草案, 工作安排, 主要任务, 蓝图 -> target for the report year; 执行情况, 回顾, 成就, 完成情况,
一年来, 过去一年, 刚刚过去的 -> actual for the year before; a short heading with a year ("2023",
"2024安排") -> actual for an earlier year, target for the report year. A heading that names both
(the report's title "2023年…执行情况与2024年…计划草案") sets nothing. Cues are read in context:

* a target cue that reports completion is a review ("主要目标任务圆满完成", "超过全年预期目标"); in a
  review or a five-year plan a target cue counts only where it announces this year's targets
  ("今年发展主要预期目标是：", "主要预期目标建议为："), not in "擘画了…宏伟蓝图" or "各年度…预期目标";
* an actual cue counts where it heads what follows (a heading, "过去一年，", "完成情况:"), not as a
  noun in a plan sentence ("及时报送投资完成情况");
* 力争 and 确保 (``paragraph``) make their whole paragraph a target, except in a review paragraph that
  speaks of the past (去年, 了), a review paragraph with 确保 and no future word (今年, 要, 将), and a
  review or plan of several years;
* a review or plan of several years (过去五年, 五年来, 今后五年, "十四五"时期, heading its sentence)
  gives no figures until the next cue: its totals, averages and end points are not a year's result or
  target; a heading that names a year too ("一、2025年和“十四五”时期工作回顾") reviews that year;
* a sentence or clause that opens with an earlier year ("2012年，…国内生产总值增长7.8%") or says 去年
  reports that year's result wherever it stands (national reports recall last year in their target part).

预计 in the sentence before a figure makes it an estimate for the reviewed year; 到2020年 before a
target makes it a target for 2020. A figure inside "…的目标" in a review is a target restated, not a
result ("没有实现年初确定的单位GDP能耗降低4%左右…的目标").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.core.datatypes import Kind
from assistant.knowledge.cues import section_cues
from assistant.knowledge.figures import extract_figures
from assistant.knowledge.periods import PERIOD_CUES, default_year, review_and_plan, reviewed
from assistant.knowledge.years import BY_YEAR, YEAR, YEAR_IN_TEXT

__all__ = ["SectionContext", "kind_and_year", "reviewed_year", "section_contexts"]

SHORT_HEADING_CHARS = 40  # a paragraph this short that names a year gives its year to its cue
YEAR_HEADING_CHARS = 20  # a paragraph this short with a year and no cue is a year heading
_CUE_LEAD_CHARS = 6  # "各位代表，刚刚过去的2015年": an actual cue this close to its sentence's start heads it
_PAST = re.compile(r"去年|过去|一年来|五年来|(?<![为除])了(?!解)")
_FUTURE = re.compile(r"今年|明年|(?<![主重需必只])要(?![素求点])|(?<!即)将(?:[^军领士来])")
# A target cue that reports completion ("主要目标任务圆满完成", "超过全年预期目标") is a review.
_COMPLETED_AFTER = re.compile(r"[^。；，,：:]{0,6}?(?:圆满|全面|顺利|超额|基本|胜利)?(?:完成|实现了|未能实现|没有实现|未完成|没有完成)")
_COMPLETED_BEFORE = re.compile(r"(?:超过|超出|完成了?|实现了?|好于|高于|低于|未能实现|没有实现)[^。；，,：:]{0,10}$")
_ANNOUNCES = re.compile(r"[^，,。；;\n]{0,4}?(?:是|为|如下)?\s*[:：]|\s*(?:是|为)")
_NAMED_TARGET = re.compile(r"[^，,。；;\n]{0,30}?的?(?:预期)?目标")  # a figure inside "…的目标"
_MODAL = re.compile(r"确保|力争|要|将|努力|争取|必须|能够|可以")
# A sentence that opens with an earlier year ("2012年，…") or says 去年 reports that year's results,
# wherever it stands (the national reports recall last year's figures in their target sections).
_YEAR_OPENING = re.compile(rf"[\s—\-·•●]*({YEAR})\s*年(?![底末初以来前后度内中])[，,]?")
_LAST_YEAR = re.compile(r"(?<![比较同于与上在])(?:去年|过去一年|刚刚过去的一年)(?!基础|同期|水平|底|末|年底|年末)")
_BY_YEAR_AFTER = re.compile(r"\s*(?:到|至)\s*((?:19|20)\d{2})\s*年")
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
_LEADING_PUNCTUATION = re.compile(r"^[\s—\-–·•●◆▪*]+")


@dataclass(frozen=True)
class SectionContext:
    position: int  # clean-text position from which this context holds
    kind: Kind | None  # None: a review or plan of several years, whose figures are left out
    year: int | None


def section_contexts(text: str, report_year: int | None) -> list[SectionContext]:
    """Context changes in text order (see the module docstring)."""
    contexts: list[SectionContext] = []
    position = 0
    for paragraph in text.split("\n"):
        current = contexts[-1] if contexts else None
        contexts.extend(_paragraph_contexts(paragraph, position, report_year, current))
        position += len(paragraph) + 1
    return contexts


def _paragraph_contexts(
    paragraph: str, position: int, report_year: int | None, current: SectionContext | None = None
) -> list[SectionContext]:
    stripped = paragraph.strip()
    heading = len(stripped) <= SHORT_HEADING_CHARS
    named = list(PERIOD_CUES.finditer(paragraph))  # five-year periods named anywhere
    periods = [m for m in named if heading or _opens_sentence(paragraph, m)]  # …and those heading their text
    if heading and periods:
        earlier = [y for y in map(int, YEAR_IN_TEXT.findall(paragraph)) if reviewed(y, report_year)]
        if earlier:  # "一、2025年和“十四五”时期工作回顾": the year's review; the five years have their own cues
            return [SectionContext(position, Kind.ACTUAL, earlier[0])]
        return [SectionContext(position, None, None)]  # "一、过去五年工作回顾"
    cues: list[tuple[int, Kind | None, str]] = []
    for match in re.finditer("|".join(section_cues()["target"]), paragraph):
        if match.group() in section_cues()["paragraph"] or _in_period_sentence(paragraph, match.start(), named):
            continue  # "今后五年，我国经济增长预期目标是…年均增长7%": a five-year aim
        if current is not None and current.kind is not Kind.TARGET and not heading and not _announces_targets(
            paragraph, match, report_year
        ):
            continue  # in a review, "擘画了…宏伟蓝图", "主要目标质效齐升"; in a five-year plan, "各年度…预期目标"
        cues.append((match.start(), Kind.ACTUAL if _reports_completion(paragraph, match) else Kind.TARGET, match.group()))
    cues += [
        (m.start(), Kind.ACTUAL, m.group())
        for m in re.finditer("|".join(section_cues()["actual"]), paragraph)
        if heading or _opens_sentence(paragraph, m)
    ]
    years = [int(y) for y in YEAR_IN_TEXT.findall(paragraph)]
    if review_and_plan({kind for _, kind, _ in cues}):
        cues = []
    planned = re.search("|".join(section_cues()["paragraph"]), paragraph)
    horizon: int | None = None
    if planned and not _reviews(paragraph, planned, current):
        cues.append((0, Kind.TARGET, planned.group()))  # 力争, 确保: the whole paragraph plans
        by_year = _BY_YEAR_AFTER.match(paragraph, planned.end())
        horizon = int(by_year.group(1)) if by_year else None  # "力争到2027年，…": the year it plans for
    cues += [(m.start(), None, m.group()) for m in periods]
    result = []
    for start, kind, _word in sorted(cues, key=lambda cue: cue[0]):
        if kind is None:
            result.append(SectionContext(position + start, None, None))
            continue
        year = years[0] if years and heading else default_year(kind, report_year)
        if kind is Kind.TARGET and horizon is not None and _word in section_cues()["paragraph"]:
            year = horizon
        result.append(SectionContext(position + start, kind, year))
    if not cues and years and report_year is not None and len(stripped) <= YEAR_HEADING_CHARS and not extract_figures(stripped):
        kind = Kind.ACTUAL if reviewed(years[0], report_year) else Kind.TARGET
        result.append(SectionContext(position, kind, years[0]))
    return result


def _opens_sentence(paragraph: str, cue: re.Match[str]) -> bool:
    """A cue that heads what follows ("过去一年，", "五年来，", "完成情况:"), not a noun inside a sentence
    ("报送投资完成情况", "谋划好未来五年的发展蓝图")."""
    start, _ = _sentence_around(paragraph, cue.start())
    lead = _LEADING_PUNCTUATION.sub("", paragraph[start : cue.start()])
    return len(lead) <= _CUE_LEAD_CHARS or paragraph[cue.end() : cue.end() + 1] in (":", "：")


def _reviews(paragraph: str, cue: re.Match[str], current: SectionContext | None) -> bool:
    """A paragraph of a review: its 力争 and 确保 tell what was done. In a review, a paragraph that speaks
    of the past (去年, 了) reviews; 确保, said of the past as often as of the future ("二是创新宏观调控…，
    确保经济运行处于合理区间"), plans only with a future word (今年, 要, 将). In a review or plan of several
    years, 力争 is a five-year aim."""
    if current is None or current.kind is Kind.TARGET:
        return False
    if current.kind is None or _PAST.search(paragraph):
        return True
    return cue.group() == "确保" and not _FUTURE.search(paragraph)


def _announces_targets(paragraph: str, cue: re.Match[str], report_year: int | None) -> bool:
    """ "今年发展主要预期目标是：…", "主要预期目标建议为：": a target cue that opens this year's targets."""
    start, end = _sentence_around(paragraph, cue.start())
    sentence = paragraph[start:end]
    this_year = "今年" in sentence or (report_year is not None and f"{report_year}年" in sentence)
    return this_year or bool(_ANNOUNCES.match(paragraph, cue.end()))


def _in_period_sentence(paragraph: str, at: int, periods: list[re.Match[str]]) -> bool:
    start, end = _sentence_around(paragraph, at)
    return any(start <= period.start() < end for period in periods)


def _reports_completion(paragraph: str, cue: re.Match[str]) -> bool:
    """ "主要目标任务圆满完成", "超过全年预期目标": the cue reports a result, unless a modal plans it."""
    before = paragraph[max(0, cue.start() - 12) : cue.start()]
    after = _COMPLETED_AFTER.match(paragraph, cue.end())
    if after is not None and not _MODAL.search(after.group()):
        return True
    return bool(_COMPLETED_BEFORE.search(before)) and not _MODAL.search(before)


def _sentence_around(paragraph: str, at: int) -> tuple[int, int]:
    start = max((m.end() for m in _SENTENCE_END.finditer(paragraph, 0, at)), default=0)
    end = next((m.start() for m in _SENTENCE_END.finditer(paragraph, at)), len(paragraph))
    return start, end


def _context_at(contexts: list[SectionContext], position: int) -> SectionContext | None:
    current = None
    for context in contexts:
        if context.position > position:
            break
        current = context
    return current


def reviewed_year(
    text: str, contexts: list[SectionContext], sentence_start: int, clause_start: int, position: int, report_year: int | None
) -> int | None:
    """The year whose results the text at ``position`` reviews: named by its sentence or clause ("2012年，",
    去年), else its section's (一、2023年工作回顾); None in a plan or a review of several years."""
    year = _sentence_year(text, sentence_start, clause_start, position, report_year)
    if year is not None:
        return year
    context = _context_at(contexts, position)
    return context.year if context is not None and context.kind is Kind.ACTUAL else None


def _sentence_year(
    text: str, sentence_start: int, clause_start: int, mention_start: int, report_year: int | None
) -> int | None:
    """The earlier year a sentence or clause reports on by its own words ("2012年，…", "…，2007年单位GDP能耗
    比上年下降3.27%", "去年…"), if any."""
    if report_year is None:
        return None
    for start in (sentence_start, clause_start):
        opening = _YEAR_OPENING.match(text, start, mention_start)
        if opening is not None and reviewed(int(opening.group(1)), report_year):
            return int(opening.group(1))
    if _LAST_YEAR.search(text, sentence_start, mention_start):
        return report_year - 1
    return None


# ---------------------------------------------------------------------------------------------
# Figures


def kind_and_year(
    text: str,
    sentence_start: int,
    mention_start: int,
    figure_start: int,
    contexts: list[SectionContext],
    report_year: int | None,
    *,
    clause_start: int | None = None,
    figure_end: int | None = None,
) -> tuple[Kind, int | None] | None:
    """The kind and year of the figure at ``figure_start`` whose indicator is named at ``mention_start``;
    None when no cue says (text before any cue, a review of several years). With ``clause_start`` a
    year opening the figure's clause counts ("…，2007年单位GDP能耗比上年下降3.27%"); with ``figure_end``
    a figure inside "…的目标" in a review is a target restated, not a result (None)."""
    clause = mention_start if clause_start is None else clause_start
    decided = _context_kind_and_year(text, sentence_start, clause, mention_start, figure_start, contexts, report_year)
    restated = figure_end is not None and _NAMED_TARGET.match(text, figure_end)
    if decided is not None and decided[0] is Kind.ACTUAL and restated:
        return None  # "没有实现年初确定的单位GDP能耗降低4%左右…的目标": a target named in a review
    return decided


def _context_kind_and_year(
    text: str,
    sentence_start: int,
    clause_start: int,
    mention_start: int,
    figure_start: int,
    contexts: list[SectionContext],
    report_year: int | None,
) -> tuple[Kind, int | None] | None:
    context = _context_at(contexts, mention_start)
    if any(cue in text[sentence_start:figure_start] for cue in section_cues()["estimate"]):
        if context is not None and context.kind is Kind.ACTUAL:
            return Kind.ESTIMATE, context.year
        return Kind.ESTIMATE, default_year(Kind.ESTIMATE, report_year)
    if (year := _sentence_year(text, sentence_start, clause_start, mention_start, report_year)) is not None:
        return Kind.ACTUAL, year
    if context is None or context.kind is None:
        return None
    if context.kind is Kind.TARGET and (by_year := BY_YEAR.findall(text[sentence_start:mention_start])):
        return Kind.TARGET, int(by_year[-1])
    return context.kind, context.year
