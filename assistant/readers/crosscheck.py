"""Cross-checking an answer against the indicator table: a notice when the figures disagree."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.core.datatypes import Answer
from assistant.knowledge.cues import KIND_EN, KIND_ZH
from assistant.knowledge.figures import Figure, extract_figures, figures_equal
from assistant.knowledge.lexicon import get_indicator
from index.indicators import IndicatorRow, find_mentions

__all__ = ["cross_check"]


def _answer_figure(quote: str, indicator: str) -> Figure | None:
    """The figure that follows the indicator's name in a quote, else the quote's first figure."""
    figures = extract_figures(quote)
    if not figures:
        return None
    for mention in find_mentions(quote):
        if mention.value == indicator:
            after = [f for f in figures if f.start >= mention.end]
            if after:
                return after[0]
    return figures[0]


def cross_check(answer: Answer, rows: Sequence[IndicatorRow]) -> tuple[str, ...]:
    """Notices when the answer's figure disagrees with the table row of the same region, year, kind.

    Nothing is said when the answer abstained, the question names no indicator or year, the table
    has no row for it, or the rows measure another unit (a level where the answer gives a rate).
    """
    parsed = answer.parsed
    if answer.abstained or parsed is None or not parsed.indicators or not parsed.years or not answer.citations:
        return ()
    citation = answer.citations[0]
    indicator = parsed.indicators[0]
    figure = _answer_figure(citation.quote, indicator)
    if figure is None:
        return ()
    same = [
        row for row in rows
        if row.indicator == indicator and row.region == citation.region and row.year in parsed.years
        and (parsed.kind is None or row.kind is parsed.kind)
    ]
    comparable = [row for row in same if row.figure().unit == figure.unit]
    if not comparable or any(figures_equal(row.figure(), figure) for row in comparable):
        return ()
    notices = []
    for row in comparable:
        if parsed.language == "en":
            notices.append(
                f"Check: the indicator table has {row.region}'s {row.year} {get_indicator(indicator).en} "
                f"{KIND_EN[row.kind]} as {row.figure_text} ({row.source}: “{row.quote}”), not "
                f"{figure.text} as quoted from {citation.source}."
            )
        else:
            notices.append(
                f"核对：指标表中{row.region}{row.year}年{get_indicator(indicator).zh}{KIND_ZH[row.kind]}为"
                f"{row.figure_text}（{row.source}：“{row.quote}”），与回答引用的{figure.text}"
                f"（{citation.source}）不一致。"
            )
    return tuple(notices)
