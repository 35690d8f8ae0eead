"""Which kind (target, actual, estimate) and year a figure of a report is, from the cues before it.

Section cues (``data/kind_cues.toml`` [section]) set the context for the text after them: 预期目标,
主要目标, 计划草案, 工作安排, 主要任务, 蓝图, 力争, 确保 -> target for the report year; 执行情况, 回顾,
成就, 完成情况, 一年来 -> actual for the year before; a short heading with a year ("2023",
"2024安排") -> actual for an earlier year, target for the report year. A heading that names
both (the report's title "2023年…执行情况与2024年…计划草案") sets nothing. 预计 in the
sentence before a figure makes it an estimate for the reviewed year; 到2020年 before a target makes
it a target for 2020.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.core.datatypes import Kind
from assistant.knowledge.cues import section_cues
from assistant.knowledge.figures import extract_figures
from assistant.knowledge.years import BY_YEAR, YEAR_IN_TEXT

SHORT_HEADING_CHARS = 40  # a paragraph this short that names a year gives its year to its cue
YEAR_HEADING_CHARS = 20  # a paragraph this short with a year and no cue is a year heading


@dataclass(frozen=True)
class SectionContext:
    position: int  # clean-text position from which this context holds
    kind: Kind
    year: int | None



def _default_year(kind: Kind, report_year: int | None) -> int | None:
    if report_year is None:
        return None
    return report_year if kind is Kind.TARGET else report_year - 1


def section_contexts(text: str, report_year: int | None) -> list[SectionContext]:
    """Where the kind and year change, in text order (see the module docstring)."""
    contexts: list[SectionContext] = []
    position = 0
    for paragraph in text.split("\n"):
        contexts.extend(_paragraph_contexts(paragraph, position, report_year))
        position += len(paragraph) + 1
    return contexts


def _paragraph_contexts(paragraph: str, position: int, report_year: int | None) -> list[SectionContext]:
    stripped = paragraph.strip()
    words = section_cues()
    cues = [(m.start(), Kind.TARGET, m.group()) for m in re.finditer("|".join(words["target"]), paragraph)]
    cues += [(m.start(), Kind.ACTUAL, m.group()) for m in re.finditer("|".join(words["actual"]), paragraph)]
    years = [int(y) for y in YEAR_IN_TEXT.findall(paragraph)]
    if {kind for _, kind, _ in cues} == {Kind.TARGET, Kind.ACTUAL}:
        return []  # a title naming both the review and the plan
    if cues:
        result = []
        for start, kind, word in sorted(cues):
            year = years[0] if years and len(stripped) <= SHORT_HEADING_CHARS else _default_year(kind, report_year)
            at = position if word in words["paragraph"] else position + start  # 力争, 确保: the whole paragraph
            result.append(SectionContext(at, kind, year))
        return result
    if years and report_year is not None and len(stripped) <= YEAR_HEADING_CHARS and not extract_figures(stripped):
        kind = Kind.ACTUAL if years[0] < report_year else Kind.TARGET
        return [SectionContext(position, kind, years[0])]
    return []


def _context_at(contexts: list[SectionContext], position: int) -> SectionContext | None:
    current = None
    for context in contexts:
        if context.position > position:
            break
        current = context
    return current


def kind_and_year(
    text: str,
    sentence_start: int,
    mention_start: int,
    figure_start: int,
    contexts: list[SectionContext],
    report_year: int | None,
) -> tuple[Kind, int | None] | None:
    """The kind and year of the figure at ``figure_start`` whose indicator is named at ``mention_start``;
    None when no section cue precedes it."""
    context = _context_at(contexts, mention_start)
    if any(cue in text[sentence_start:figure_start] for cue in section_cues()["estimate"]):
        if context is not None and context.kind is Kind.ACTUAL:
            return Kind.ESTIMATE, context.year
        return Kind.ESTIMATE, _default_year(Kind.ACTUAL, report_year)
    if context is None:
        return None
    if context.kind is Kind.TARGET and (by_year := BY_YEAR.findall(text[sentence_start:mention_start])):
        return Kind.TARGET, int(by_year[-1])
    return context.kind, context.year
