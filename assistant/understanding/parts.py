"""Questions with several parts: "2018年和2019年的GDP增长目标分别是多少？", "2024年赤字率和赤字规模是多少？".

The extractive reader answers one figure; a question naming several years or several indicators is
split into one sub-question per year (or indicator), each answered and cited on its own, and the
answers are joined with their citations renumbered [1], [2], ...
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from assistant.core.datatypes import Answer, ParsedQuestion


def split_parts(parsed: ParsedQuestion) -> list[ParsedQuestion]:
    """One sub-question per year, else per indicator; a simple question is its own only part."""
    if len(parsed.years) > 1:
        return [replace(parsed, years=(year,)) for year in parsed.years]
    if len(parsed.indicators) > 1:
        return [replace(parsed, indicators=(key,)) for key in parsed.indicators]
    return [parsed]


def combine(parsed: ParsedQuestion, answers: Sequence[Answer]) -> Answer:
    """Join the parts' answers; abstained only if every part abstained. Where any of the indicators
    answers (a generic name: "失业率"), the parts that found nothing are left out."""
    if parsed.any_indicator and not all(a.abstained for a in answers):
        answers = [a for a in answers if not a.abstained]
    lines, citations, passages, notices, seen = [], [], [], [], set()
    for answer in answers:
        text = answer.text
        for citation in answer.citations:
            number = len(citations) + 1
            text = text.replace(f"[{citation.number}]", f"[{number}]")
            citations.append(replace(citation, number=number))
        lines.append(text)
        for passage in answer.passages:
            if passage.id not in seen:
                seen.add(passage.id)
                passages.append(passage)
        notices.extend(n for n in answer.notices if n not in notices)
    return Answer(
        question=parsed.text,
        text="\n".join(lines),
        abstained=all(a.abstained for a in answers),
        citations=tuple(citations),
        passages=tuple(passages),
        parsed=parsed,
        reader=answers[0].reader if answers else "extractive",
        notices=tuple(notices),
    )
